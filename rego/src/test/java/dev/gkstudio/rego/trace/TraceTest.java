package dev.gkstudio.rego.trace;

import dev.gkstudio.rego.*;
import dev.gkstudio.rego.result.*;
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
                test.rego:5     | | Eval plus(x, 1, __local2__)
                test.rego:5     | | Eval n = __local2__
                test.rego:3     | | Exit data.test.p
                test.rego:3     | Redo data.test.p
                test.rego:5     | | Redo n = __local2__
                test.rego:5     | | Redo plus(x, 1, __local2__)
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

    static final String NESTED = """
            package test

            p if {
            	x := input.s
            	count(split(x, ",")) > 1
            }

            msg := sprintf("%d parts", [count(split(input.s, ","))])

            names := [n.name | some n in input.items]
            """;

    static String nestedTrace(String query) throws Exception {
        CompileResult cr = Rego.compile("test.rego", NESTED, RegoVersion.V1);
        assertTrue(cr.ok(), cr.diagnostics().toString());
        BufferTracer t = new BufferTracer();
        EvalResult r = cr.policy().query(query, EvalOptions.builder()
                .input(Json.parse("{\"s\":\"a,b\",\"items\":[{\"name\":\"i\"}]}")).tracer(t).build());
        assertNull(r.error());
        assertEquals(1, r.bindings().size());
        return TracePrinter.print(t.events(), TracePrinter.Mode.FULL);
    }

    /*
     * OPA's compiler numbering: RewriteLocalVars x=__local0__, the key of `some n in` __local1__ (generated, shown as
     * is), n=__local2__; RewriteExprTerms in rule order (head before body): p split/count __local3__/__local4__, msg
     * split/count/sprintf __local5__..__local7__ (appended to the body `true`);
     * RewriteComprehensionTerms: the head n.name of names is bound to __local8__ in the comprehension body;
     * RewriteDynamicTerms (after the safety checks): the ref argument input.s of msg's split is bound to __local9__.
     */
    @Test
    void nestedCallsAreRewrittenIntoGeneratedVarsAsOpa() throws Exception {
        assertEquals("""
                query:1         Enter data.test.p = _
                query:1         | Eval data.test.p = _
                query:1         | Index data.test.p (matched 1 rule, early exit)
                test.rego:3     | Enter data.test.p
                test.rego:4     | | Eval x = input.s
                test.rego:5     | | Eval split(x, ",", __local3__)
                test.rego:5     | | Eval count(__local3__, __local4__)
                test.rego:5     | | Eval gt(__local4__, 1)
                test.rego:3     | | Exit data.test.p early
                test.rego:5     | | Redo gt(__local4__, 1)
                test.rego:5     | | Redo count(__local3__, __local4__)
                test.rego:5     | | Redo split(x, ",", __local3__)
                test.rego:4     | | Redo x = input.s
                query:1         | Exit data.test.p = _
                query:1         | Redo data.test.p = _
                """.lines().toList(), nestedTrace("data.test.p").lines().toList());
    }

    @Test
    void headValueCallsAreAppendedToTheBody() throws Exception {
        assertEquals("""
                query:1         Enter data.test.msg = _
                query:1         | Eval data.test.msg = _
                query:1         | Index data.test.msg (matched 1 rule)
                test.rego:8     | Enter data.test.msg
                test.rego:8     | | Eval true
                test.rego:8     | | Eval __local9__ = input.s
                test.rego:8     | | Eval split(__local9__, ",", __local5__)
                test.rego:8     | | Eval count(__local5__, __local6__)
                test.rego:8     | | Eval sprintf("%d parts", [__local6__], __local7__)
                test.rego:8     | | Exit data.test.msg
                test.rego:8     | Redo data.test.msg
                test.rego:8     | | Redo sprintf("%d parts", [__local6__], __local7__)
                test.rego:8     | | Redo count(__local5__, __local6__)
                test.rego:8     | | Redo split(__local9__, ",", __local5__)
                test.rego:8     | | Redo __local9__ = input.s
                test.rego:8     | | Redo true
                query:1         | Exit data.test.msg = _
                query:1         | Redo data.test.msg = _
                """.lines().toList(), nestedTrace("data.test.msg").lines().toList());
    }

    @Test
    void comprehensionHeadsAreBoundInTheBody() throws Exception {
        assertEquals("""
                query:1          Enter data.test.names = _
                query:1          | Eval data.test.names = _
                query:1          | Index data.test.names (matched 1 rule)
                test.rego:10     | Enter data.test.names
                test.rego:10     | | Eval true
                test.rego:10     | | Enter n = input.items[__local1__]; __local8__ = n.name
                test.rego:10     | | | Eval n = input.items[__local1__]
                test.rego:10     | | | Eval __local8__ = n.name
                test.rego:10     | | | Redo __local8__ = n.name
                test.rego:10     | | | Redo n = input.items[__local1__]
                test.rego:10     | | Exit data.test.names
                test.rego:10     | Redo data.test.names
                test.rego:10     | | Redo true
                query:1          | Exit data.test.names = _
                query:1          | Redo data.test.names = _
                """.lines().toList(), nestedTrace("data.test.names").lines().toList());
    }

    @Test
    void queryCallsUseQueryLocals() throws Exception {
        assertEquals("""
                query:1     Enter __localq3__ = input.s; split(__localq3__, ",", __localq1__); count(__localq1__, __localq2__); x = __localq2__
                query:1     | Eval __localq3__ = input.s
                query:1     | Eval split(__localq3__, ",", __localq1__)
                query:1     | Eval count(__localq1__, __localq2__)
                query:1     | Eval x = __localq2__
                query:1     | Exit __localq3__ = input.s; split(__localq3__, ",", __localq1__); count(__localq1__, __localq2__); x = __localq2__
                query:1     | Redo x = __localq2__
                query:1     | Redo count(__localq1__, __localq2__)
                query:1     | Redo split(__localq3__, ",", __localq1__)
                query:1     | Redo __localq3__ = input.s
                """.lines().toList(), nestedTrace("x := count(split(input.s, \",\"))").lines().toList());
    }

    @Test
    void notesAndJson() throws Exception {
        CompileResult cr = Rego.compile("n.rego", "package n\np if {\n  trace(\"hi\")\n}\n", RegoVersion.V1);
        BufferTracer t = new BufferTracer();
        cr.policy().query("data.n.p", EvalOptions.builder().tracer(t).build());
        String notes = TracePrinter.print(t.events(), TracePrinter.Mode.NOTES);
        assertEquals(java.util.List.of(
                "query:1      Enter data.n.p = _",
                "n.rego:2     | Enter data.n.p",
                "n.rego:3     | | Note \"hi\""), notes.lines().toList());
        String json = TraceJson.write(t.events());
        assertTrue(json.startsWith("[{\"op\":\"Enter\",\"text\":\"data.n.p = _\""), json);
        assertTrue(json.contains("\"op\":\"Note\""), json);
    }
}
