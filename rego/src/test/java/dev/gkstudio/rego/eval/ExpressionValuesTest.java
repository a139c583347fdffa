package dev.gkstudio.rego.eval;

import dev.gkstudio.rego.*;
import dev.gkstudio.rego.result.*;
import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.value.*;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Query results in the shape of OPA's Rego API / {@code opa eval}: every row carries the value of each of the
 * query's expressions (with its text and location) beside the bindings of the query's variables.
 */
class ExpressionValuesTest {
    private static final String POLICY = """
            package k8s
            violation contains msg if {
                some c in input.containers
                not startswith(c.image, "registry.local/")
                msg := sprintf("image %s is not allowed", [c.image])
            }
            allow := count(violation) == 0
            names := [c.name | some c in input.containers]
            double(x) := x * 2
            """;
    private static final String INPUT = """
            {"containers": [{"name": "a", "image": "registry.local/a"}, {"name": "b", "image": "docker.io/b"}]}
            """;

    private static EvalResult eval(String query) {
        CompileResult c = Rego.compile("policy.rego", POLICY, RegoVersion.V1);
        assertTrue(c.ok(), () -> c.diagnostics().toString());
        try {
            return c.policy().query(query, EvalOptions.builder().input(Json.parse(INPUT)).build());
        } catch (Json.ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static Value json(String s) {
        try {
            return Json.parse(s);
        } catch (Json.ParseException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aQueryWithoutVariablesAnswersWithTheDocument() {
        EvalResult r = eval("data.k8s.violation");
        assertNull(r.error());
        assertEquals(List.of(Map.of()), r.bindings());
        assertEquals(1, r.expressions().size());
        ExpressionValue x = r.expressions().get(0).get(0);
        assertEquals(SetValue.of(List.of(StringValue.of("image docker.io/b is not allowed"))), x.value());
        assertEquals("data.k8s.violation", x.text());
        assertEquals(1, x.location().startLine());
        assertEquals(1, x.location().startCol());
    }

    @Test
    void aLoneFalseExpressionReportsFalseButAFalseAmongOthersFails() {
        EvalResult lone = eval("data.k8s.allow");
        assertEquals(1, lone.bindings().size());
        assertEquals(BooleanValue.FALSE, lone.value());
        assertTrue(eval("data.k8s.allow; true").bindings().isEmpty());
        assertEquals(BooleanValue.FALSE, eval("1 > 2").value(), "a comparison reports its outcome");
    }

    @Test
    void undefinedStaysWithoutRows() {
        EvalResult r = eval("data.k8s.missing");
        assertTrue(r.bindings().isEmpty());
        assertTrue(r.expressions().isEmpty());
        assertNull(r.value());
    }

    @Test
    void iterationGivesOneRowPerValueWithBindings() {
        EvalResult r = eval("data.k8s.names[i]");
        assertEquals(2, r.bindings().size());
        for (int i = 0; i < 2; i++) {
            assertEquals(NumberValue.of(i), r.bindings().get(i).get("i"));
            assertEquals(StringValue.of(i == 0 ? "a" : "b"), r.expressions().get(i).get(0).value());
        }
    }

    @Test
    void iteratingOverFalseValuesDropsThem() {
        // several rows are possible: like OPA, a false value fails its row instead of being reported
        EvalResult r = eval("[true, false, true][i]");
        assertEquals(2, r.bindings().size());
        assertEquals(Map.of("i", NumberValue.of(2)), r.bindings().get(1));
    }

    @Test
    void callsReportTheirResultUnlessTheQueryTakesIt() {
        assertEquals(NumberValue.of(3), eval("count([1, 2, 3])").value());
        assertEquals(NumberValue.of(8), eval("data.k8s.double(4)").value(), "user functions too");
        EvalResult taken = eval("plus(1, 2, x)");
        assertEquals(BooleanValue.TRUE, taken.value());
        assertEquals(NumberValue.of(3), taken.first("x"));
    }

    @Test
    void everyExpressionOfTheQueryIsReportedWithItsTextAndColumn() {
        EvalResult r = eval("x := 2; data.k8s.double(x); not data.k8s.allow == true; y = x + 1");
        assertEquals(1, r.bindings().size());
        assertEquals(Map.of("x", NumberValue.of(2), "y", NumberValue.of(3)), r.bindings().get(0));
        List<ExpressionValue> xs = r.expressions().get(0);
        assertEquals(4, xs.size());
        assertEquals(List.of(BooleanValue.TRUE, NumberValue.of(4), BooleanValue.TRUE, BooleanValue.TRUE),
                xs.stream().map(ExpressionValue::value).toList());
        assertEquals(List.of("x := 2", "data.k8s.double(x)", "not data.k8s.allow == true", "y = x + 1"),
                xs.stream().map(ExpressionValue::text).toList());
        assertEquals(9, xs.get(1).location().startCol());
    }

    @Test
    void captureVariablesStayOutOfBindingsAndTraces() {
        CompileResult c = Rego.compile("policy.rego", POLICY, RegoVersion.V1);
        dev.gkstudio.rego.trace.BufferTracer t = new dev.gkstudio.rego.trace.BufferTracer();
        EvalResult r = c.policy().query("data.k8s.names[_]", EvalOptions.builder().input(json(INPUT)).tracer(t).build());
        assertEquals(List.of(Map.of(), Map.of()), r.bindings());
        assertEquals("data.k8s.names[_] = _; _", t.events().get(0).text());
        for (dev.gkstudio.rego.trace.TraceEvent e : t.events()) {
            assertFalse(e.text().contains("__localt"), e::text);
            assertTrue(e.locals().keySet().stream().noneMatch(k -> k.startsWith("__local")), e::toString);
        }
    }

    @Test
    void topdownQueriesCarryNoExpressionValues() {
        CompileResult c = Rego.compile("policy.rego", POLICY, RegoVersion.V1);
        EvalResult r = c.policy().prepareTopdown("data.k8s.names").eval(json(INPUT));
        assertEquals(List.of(Map.of()), r.bindings());
        assertTrue(r.expressions().isEmpty());
        assertTrue(c.policy().prepareTopdown("data.k8s.allow").eval(json(INPUT)).bindings().isEmpty());
    }
}
