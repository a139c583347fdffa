package dev.gkstudio.lsp.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.eclipse.lsp4j.CodeLens;
import org.junit.jupiter.api.Test;

import dev.gkstudio.lsp.Fixture;

/** "Run test" / "Run all tests" lenses over test rules. */
class CodeLensTest {

    @Test
    void aLensPerTestRuleAndOneForThePackage() {
        List<CodeLens> lenses = CodeLensFeature.lenses(Fixture.rego("""
                package k8s.labels_test

                import rego.v1

                helper := 1

                test_one if helper == 1

                test_two if {
                \thelper == 1
                }

                test_two if true

                todo_test_later if false
                """).doc);
        assertEquals(List.of("Run all tests", "Run test", "Run test"), lenses.stream().map(l -> l.getCommand().getTitle()).toList());
        assertEquals(List.of(0, 6, 8), lenses.stream().map(l -> l.getRange().getStart().getLine()).toList());
        assertEquals("data.k8s.labels_test.test_two", lenses.get(2).getCommand().getArguments().get(1));
        assertEquals(CodeLensFeature.RUN_TEST, lenses.get(1).getCommand().getCommand());
        assertEquals("data.k8s.labels_test", lenses.get(0).getCommand().getArguments().get(1));
    }

    @Test
    void noLensesWithoutTests() {
        assertEquals(List.of(), CodeLensFeature.lenses(Fixture.rego("package p\n\nallow := true\n").doc));
    }
}
