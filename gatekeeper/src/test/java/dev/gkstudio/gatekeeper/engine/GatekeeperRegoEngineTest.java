package dev.gkstudio.gatekeeper.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gkstudio.gatekeeper.template.RegoCode;
import dev.gkstudio.rego.Rego;
import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import dev.gkstudio.rego.value.Values;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one Gatekeeper engine adapter: Gatekeeper's compilation of template Rego, and what each option changes. */
class GatekeeperRegoEngineTest {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final Value INPUT = Values.fromJava(Map.of("review", Map.of("object", Map.of("metadata", Map.of("name", "web"))),
            "parameters", Map.of()));
    private static final String RUNAWAY = "violation[{\"msg\": m}] {\n  n := count([x | some a, b, c; numbers.range(1, 1000)[a]; "
            + "numbers.range(1, 1000)[b]; numbers.range(1, 1000)[c]; x := a + b + c])\n  m := sprintf(\"%d\", [n])\n}\n";

    private static EvalOutcome run(EngineOptions options, String rego, Duration timeout) throws TemplateCompileException {
        CompiledTemplate t = new GatekeeperRegoEngine(options).compile(new RegoCode(rego, List.of(), false, null, List.of()));
        return t.violations(INPUT, null, new EvalOptions(false, false, true, timeout));
    }

    private static List<String> messages(EvalOutcome o) {
        assertNull(o.error(), o.error());
        return o.elements().stream().map(v -> ((StringValue) ((ObjectValue) v).get("msg")).value()).toList();
    }

    @Test
    void metadataBlocksArePlainCommentsAsInGatekeeper() throws Exception {
        // the constraint framework parses template modules without annotation processing: rego.metadata.rule() is {}
        String rego = "package k8smeta\n\n# METADATA\n# title: Names\n# custom:\n#   severity: high\n"
                + "violation[{\"msg\": msg}] {\n  msg := sprintf(\"metadata %v\", [rego.metadata.rule()])\n}\n";
        for (EngineOptions o : List.of(EngineOptions.CLI, EngineOptions.STUDIO)) {
            assertEquals(List.of("metadata {}"), messages(run(o, rego, Duration.ofSeconds(5))));
        }
    }

    @Test
    void aMetadataBlockOpaWouldRejectIsNoTemplateError() throws Exception {
        String rego = "package k8smeta\n\n# METADATA\n# scope: nowhere\n# title: [unclosed\n"
                + "violation[{\"msg\": \"always\"}] {\n  true\n}\n";
        // with annotations processed (opa eval, opa test) this block is an error ...
        assertFalse(Rego.compile("policy.rego", rego, RegoVersion.V0).ok());
        // ... Gatekeeper never reads it
        assertEquals(List.of("always"), messages(run(EngineOptions.CLI, rego, Duration.ofSeconds(5))));
    }

    @Test
    void printLinesCarryTheirLocationOnlyInTheStudio() throws Exception {
        String rego = "package k8sprint\n\nviolation[{\"msg\": \"x\"}] {\n  print(\"checking\", input.review.object.metadata.name)\n}\n";
        assertEquals(List.of("checking web"), run(EngineOptions.CLI, rego, Duration.ofSeconds(5)).prints());
        assertEquals(List.of("template:4: checking web"), run(EngineOptions.STUDIO, rego, Duration.ofSeconds(5)).prints());
    }

    @Test
    void maxTimeoutCutsALongerRequestedTimeout() throws Exception {
        EngineOptions capped = EngineOptions.CLI.withMaxTimeout(Duration.ofMillis(200));
        long t0 = CPU.getCurrentThreadCpuTime();
        EvalOutcome o = run(capped, "package k8sslow\n\n" + RUNAWAY, Duration.ofMinutes(5));
        long ms = (CPU.getCurrentThreadCpuTime() - t0) / 1_000_000;
        assertNotNull(o.error(), "no error: " + o.elements());
        assertTrue(o.error().contains("eval_cancel_error"), o.error());
        assertTrue(ms < 5000, "took " + ms + " ms of CPU");
    }

    @Test
    void maxStepsStopsAnEvaluationWithALimitError() throws Exception {
        EngineOptions few = new EngineOptions(null, 10_000, 0, null, false);
        EvalOutcome o = run(few, "package k8ssteps\n\n" + RUNAWAY, Duration.ofMinutes(5));
        assertNotNull(o.error(), "no error: " + o.elements());
        assertTrue(o.error().contains("eval_limit_error") && o.error().contains("maxSteps"), o.error());
    }

    @Test
    void cancellationStopsAnEvaluation() throws Exception {
        EvalOutcome o = run(EngineOptions.STUDIO.withCancel(() -> true), "package k8scancel\n\n" + RUNAWAY,
                Duration.ofSeconds(1));
        assertNotNull(o.error(), "no error: " + o.elements());
        assertTrue(o.error().contains("eval_cancel_error"), o.error());
    }

    @Test
    void compileErrorsAreReportedWhereTheyAre() {
        String entry = "package k8slib\n\nimport data.lib.helpers\n\nviolation[{\"msg\": m}] {\n  m := helpers.name\n}\n";
        String lib = "package lib.helpers\n\nname := x {\n  y := 1\n}\n";
        TemplateCompileException e = assertThrows(TemplateCompileException.class, () -> new GatekeeperRegoEngine(
                EngineOptions.CLI).compile(new RegoCode(entry, List.of(lib), false, null, List.of())));
        assertTrue(e.getMessage().startsWith("unable to compile modules: "), e.getMessage());
        assertTrue(e.getMessage().contains("libs[\"lib_0\"]:3:"), e.getMessage());
        assertEquals(0, e.where().module());
        assertEquals(3, e.where().line());
    }

    @Test
    void theStudioCompiledFormAnswersOtherQueriesOverTheSameModules() throws Exception {
        String rego = "package k8sdoc\n\nname := input.review.object.metadata.name\n\nviolation[{\"msg\": name}] {\n  true\n}\n";
        CompiledRegoTemplate t = new GatekeeperRegoEngine(EngineOptions.STUDIO)
                .compile(new RegoCode(rego, List.of(), false, null, List.of()));
        assertEquals(1, t.modules().size());
        assertEquals(StringValue.of("web"), t.query("x := data.k8sdoc.name", INPUT, null).first("x"));
    }
}
