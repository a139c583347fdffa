package dev.gkstudio.rego.compiler.stages;

import dev.gkstudio.rego.ast.RegoVersion;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gkstudio.rego.compiler.stages.StageFixture.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** OPA's CheckRuleConflicts, over all modules of a package. */
class CheckRuleConflictsTest {

    @Test
    void kindsMixedAcrossModules() {
        assertEquals(List.of("m0.rego:2: rego_type_error: conflicting rules data.p.x found"),
                errors(RegoVersion.V1, "package p\nx := 1\n", "package p\nx contains 2\n"));
    }

    @Test
    void severalDefaults() {
        assertEquals(List.of("m0.rego:1: rego_type_error: multiple default rules data.p.x found at m0.rego:2, m1.rego:2"),
                errors(RegoVersion.V1, "package p\ndefault x := 1\n", "package p\ndefault x := 2\n"));
    }

    @Test
    void completeRuleWithRulesInItsExtent() {
        assertEquals(List.of("m0.rego:2: rego_type_error: rule data.p.a conflicts with [data.p.a.b]"),
                errors(RegoVersion.V1, "package p\na := 1\na.b := 2\n"));
    }

    @Test
    void packageCollidingWithARule() {
        // the rule also has package p.q's rule in its extent
        assertEquals(List.of("m0.rego:2: rego_type_error: rule data.p.q conflicts with [data.p.q.r]",
                        "m0.rego:1: rego_type_error: package p.q conflicts with rule q defined at m0.rego:2"),
                errors(RegoVersion.V1, "package p\nq := 1\n", "package p.q\nr := 2\n"));
    }
}
