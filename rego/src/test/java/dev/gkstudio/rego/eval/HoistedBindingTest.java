package dev.gkstudio.rego.eval;

import dev.gkstudio.rego.PreparedPolicy;
import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.ast.SourceFile;
import dev.gkstudio.rego.result.EvalOptions;
import dev.gkstudio.rego.result.EvalResult;
import dev.gkstudio.rego.trace.BufferTracer;
import dev.gkstudio.rego.trace.TraceEvent;
import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.SetValue;
import dev.gkstudio.rego.value.Value;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gkstudio.rego.eval.EvaluatorTest.json;
import static dev.gkstudio.rego.eval.EvaluatorTest.policy;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The compiler's hoisted bindings ({@code __localN__ = input.x.y}, RewriteDynamicTerms) take a shortcut in the
 * evaluator when no tracer is attached; these cases pin that the shortcut answers exactly what the traced
 * evaluation (which unifies expression by expression, as OPA's trace shows) answers, counts the same steps, and
 * that an undefined hoisted ref still fails the body, also under {@code not}.
 */
class HoistedBindingTest {

    static final String POLICY = """
            package t

            bad contains c.name if {
              some c in input.containers
              not startswith(c.image, input.params.prefix)
            }

            msgs contains m if {
              some c in input.containers
              m := sprintf("%v/%v/%v", [c.name, c.image, input.params.prefix])
            }

            second := upper(input.containers[1].name)

            deny if not startswith(input.missing.image, "x")

            scoped := r if r := data.t.bad with input as {"containers": [{"name": "w", "image": "q"}], "params": {"prefix": "p"}}
            """;

    static final String INPUT = """
            {"params": {"prefix": "gcr.io/"},
             "containers": [{"name": "a", "image": "gcr.io/a"}, {"name": "b", "image": "docker.io/b"}, {"name": "c"}]}
            """;

    private static EvalResult run(PreparedPolicy p, String query, String input, boolean traced, long maxSteps) {
        EvalOptions.Builder b = EvalOptions.builder().input(json(input));
        if (traced) b.tracer(new BufferTracer());
        if (maxSteps > 0) b.maxSteps(maxSteps);
        return p.query(query, b.build());
    }

    private static Value value(PreparedPolicy p, String query, boolean traced) {
        EvalResult r = run(p, "x := " + query, INPUT, traced, 0);
        assertNull(r.error(), () -> String.valueOf(r.error()));
        return r.bindings().isEmpty() ? null : r.first("x");
    }

    private static Value set(String jsonArray) {
        return SetValue.of(((ArrayValue) json(jsonArray)).list());
    }

    @Test
    void sameAnswersWithAndWithoutTracer() {
        PreparedPolicy p = policy(POLICY);
        for (String q : List.of("data.t.bad", "data.t.msgs", "data.t.second", "data.t.deny", "data.t.scoped")) {
            assertEquals(value(p, q, true), value(p, q, false), q);
        }
        // the container without an image is not reported: its hoisted c.image is undefined, the body fails
        assertEquals(set("[\"b\"]"), value(p, "data.t.bad", false));
        assertEquals(set("[\"a/gcr.io/a/gcr.io/\", \"b/docker.io/b/gcr.io/\"]"), value(p, "data.t.msgs", false));
        assertEquals(json("\"B\""), value(p, "data.t.second", false));
        assertNull(value(p, "data.t.deny", false), "an undefined argument under not fails the body");
        assertEquals(set("[\"w\"]"), value(p, "data.t.scoped", false), "the hoisted ref reads the with'd input");
    }

    @Test
    void tracedEvaluationStillShowsTheHoistedExpressions() {
        PreparedPolicy p = policy(POLICY);
        BufferTracer t = new BufferTracer();
        p.query("data.t.bad", EvalOptions.builder().input(json(INPUT)).tracer(t).build());
        assertTrue(t.events().stream().map(TraceEvent::text).anyMatch(s -> s.equals("__local0__ = c.image")
                        || s.matches("__local\\d+__ = c\\.image")),
                () -> t.events().stream().map(TraceEvent::text).toList().toString());
    }

    @Test
    void sameStepCountWithAndWithoutTracer() {
        PreparedPolicy p = policy(POLICY);
        int limitsHit = 0;
        for (long max = 1; max <= 80; max++) {
            EvalResult traced = run(p, "x := data.t.msgs", INPUT, true, max);
            EvalResult plain = run(p, "x := data.t.msgs", INPUT, false, max);
            assertEquals(traced.error() == null, plain.error() == null, "maxSteps " + max);
            if (plain.error() != null) limitsHit++;
        }
        assertTrue(limitsHit > 0 && limitsHit < 80, "the limit is crossed inside the range: " + limitsHit);
    }

    /** The shortcut applies where it should (else the comparisons above would compare one path with itself). */
    @Test
    void plannerMarksOnlySingleValuedHoistedRefs() {
        Program prog = Program.compile(List.of(new SourceFile("p.rego", "package t\nx := 1\n")), RegoVersion.V1).program();
        QueryPlan q = prog.planQuery("some c in input.cs; not startswith(c.image, input.p); y := data.t.x");
        List<String> marked = new java.util.ArrayList<>();
        for (Ir.X x : q.query.exprs) if (x.bindRef != null) marked.add(x.text);
        // c.image and input.p are bound by the shortcut; the iteration and the data ref are not
        assertEquals(2, marked.size(), marked::toString);
        assertTrue(marked.get(0).endsWith("= c.image") && marked.get(1).endsWith("= input.p"), marked::toString);
    }
}
