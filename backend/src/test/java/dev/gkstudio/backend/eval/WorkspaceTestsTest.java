package dev.gkstudio.backend.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gkstudio.rego.result.EvalOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Unit tests and queries of a workspace stay within the Studio's evaluation limits. */
class WorkspaceTestsTest {

    static Workspace workspace(String tests) {
        return new Workspace(new Workspace.Template("package p\n\nviolation[{\"msg\": \"x\"}] { input.x }\n", List.of(), "v0",
                "P", "p", "", Map.of()), "", "", "", List.of(tests));
    }

    @Test
    void aRunawayTestIsStoppedByTheStepLimitAndReportedAsAnError() {
        String tests = """
                package p_test

                import rego.v1

                test_runaway if {
                \tcount([x | some x in numbers.range(1, 100000000)]) > 0
                }

                test_fine if true
                """;
        // a step cap instead of a clock: the outcome does not depend on the machine's speed
        EvalOptions limits = EvalOptions.builder().timeout(Duration.ofMinutes(5)).maxSteps(100_000).build();
        WorkspaceTests.Reply r = WorkspaceTests.run(1, workspace(tests), null, limits);
        assertEquals(2, r.tests().size(), r.toString());
        WorkspaceTests.TestRow runaway = r.tests().get(0);
        assertEquals("error", runaway.status(), runaway.toString());
        assertTrue(runaway.error().contains("eval_limit_error"), runaway.error());
        assertEquals("pass", r.tests().get(1).status());
        assertEquals(1, r.errors());
        assertEquals(1, r.passed());
    }

    @Test
    void theRegoVersionOfTheTemplateApplies() {
        // a v0 template: a test module in v0 syntax parses too
        WorkspaceTests.Reply r = WorkspaceTests.run(1, workspace("package p_test\n\ntest_v0 { data.p.violation with input as {\"x\": true} }\n"),
                null, EvalOptions.builder().maxSteps(1_000_000).build());
        assertEquals("pass", r.tests().get(0).status(), r.toString());
        assertEquals("test:0", r.tests().get(0).rule().module());
    }
}
