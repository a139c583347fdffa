package dev.gkstudio.rego.trace;

import dev.gkstudio.rego.*;
import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.value.Json;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Trace text in OPA's {@code --explain} form (location column, depth bars, ops, rule paths, resolved refs). */
class TraceTest {
    static final String POLICY = """
            package test

            p := n if {
            	q[x]
            	n := x + 1
            }

            q contains x if {
            	x := data.a[_]
            }
            """;

    static BufferTracer run(String query, String data) throws Exception {
        CompileResult cr = Rego.compile("test.rego", POLICY, RegoVersion.V1);
        assertTrue(cr.ok());
        BufferTracer t = new BufferTracer();
        EvalResult r = cr.policy().query(query, EvalOptions.builder().data(Json.parse(data)).tracer(t).build());
        assertNull(r.error());
        return t;
    }

    @Test
    void fullTraceMatchesOpaTextForm() throws Exception {
        String expected = """
                query:1         Enter data.test.p = _
                query:1         | Eval data.test.p = _
                query:1         | Index data.test.p (matched 1 rule)
                test.rego:3     | Enter data.test.p
                test.rego:4     | | Eval data.test.q[x]
                test.rego:4     | | Index data.test.q (matched 1 rule)
                test.rego:8     | | Enter data.test.q
                test.rego:9     | | | Eval x = data.a[_]
                test.rego:8     | | | Exit data.test.q
                test.rego:8     | | Redo data.test.q
                test.rego:9     | | | Redo x = data.a[_]
                test.rego:5     | | Eval n = plus(x, 1)
                test.rego:3     | | Exit data.test.p
                test.rego:3     | Redo data.test.p
                test.rego:5     | | Redo n = plus(x, 1)
                test.rego:4     | | Redo data.test.q[x]
                query:1         | Exit data.test.p = _
                query:1         | Redo data.test.p = _
                """;
        BufferTracer t = run("data.test.p = _", "{\"a\":[1]}");
        String got = TracePrinter.print(t.events(), TracePrinter.Mode.FULL);
        assertEquals(expected.lines().toList(), got.lines().toList());
    }

    @Test
    void failsModeKeepsTheChainToTheFailure() throws Exception {
        BufferTracer t = run("data.test.p = _", "{\"a\":[]}");
        String got = TracePrinter.print(t.events(), TracePrinter.Mode.FAILS);
        String expected = """
                query:1         Enter data.test.p = _
                test.rego:3     | Enter data.test.p
                test.rego:8     | | Enter data.test.q
                test.rego:9     | | | Fail x = data.a[_]
                test.rego:4     | | Fail data.test.q[x]
                query:1         | Fail data.test.p = _
                """;
        assertEquals(expected.lines().toList(), got.lines().toList());
    }

    @Test
    void notesAndJson() throws Exception {
        CompileResult cr = Rego.compile("n.rego", "package n\np if {\n  trace(\"hi\")\n}\n", RegoVersion.V1);
        BufferTracer t = new BufferTracer();
        cr.policy().query("data.n.p", EvalOptions.builder().tracer(t).build());
        String notes = TracePrinter.print(t.events(), TracePrinter.Mode.NOTES);
        assertEquals(java.util.List.of(
                "query:1      Enter data.n.p",
                "n.rego:2     | Enter data.n.p",
                "n.rego:3     | | Note \"hi\""), notes.lines().toList());
        String json = TraceJson.write(t.events());
        assertTrue(json.startsWith("[{\"op\":\"Enter\",\"text\":\"data.n.p\""), json);
        assertTrue(json.contains("\"op\":\"Note\""), json);
    }
}
