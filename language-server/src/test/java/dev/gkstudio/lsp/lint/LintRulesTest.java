package dev.gkstudio.lsp.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.parser.ParseResult;
import dev.gkstudio.rego.parser.RegoParser;

/** One offending fixture per rule (the rule fires), and a clean module where none fires. */
class LintRulesTest {

    static final Map<String, String> BAD = new LinkedHashMap<>();

    static {
        BAD.put("imports/unused-import", "package a\n\nimport data.lib.x\n\np := 1\n");
        BAD.put("bugs/unused-variable", "package a\n\np if {\n\tx := 1\n\tinput.y\n}\n");
        BAD.put("style/use-assignment-operator", "package a\n\np = 1\n");
        BAD.put("style/prefer-some-in-iteration", "package a\n\np if {\n\tx := input.xs[_]\n\tx > 1\n}\n");
        BAD.put("performance/non-loop-expression", "package a\n\np if {\n\tsome x in input.xs\n\tinput.enabled == true\n\tx > 1\n}\n");
        BAD.put("bugs/redundant-existence-check", "package a\n\np if {\n\tinput.user\n\tinput.user.name == \"x\"\n}\n");
        BAD.put("gatekeeper/message-without-sprintf",
                "package a\n\nviolation contains {\"msg\": msg} if {\n\tmsg := concat(\" \", [\"a\", input.x])\n}\n");
        BAD.put("bugs/shadowed-input-or-data", "package a\n\nf(input) := 1\n");
        BAD.put("bugs/deprecated-builtin", "package a\n\np if {\n\tany([true])\n}\n");
        BAD.put("style/line-length", "package a\n\np := \"" + "x".repeat(130) + "\"\n");
        BAD.put("style/prefer-snake-case", "package a\n\nmyRule := 1\n");
        BAD.put("style/opa-fmt", "package a\np := 1\n");
        BAD.put("style/todo-comment", "package a\n\n# TODO: finish\np := 1\n");
        BAD.put("style/no-whitespace-comment", "package a\n\n#comment\np := 1\n");
        BAD.put("bugs/constant-condition", "package a\n\np if {\n\t1 == 1\n}\n");
        BAD.put("bugs/not-equals-in-loop", "package a\n\np if {\n\tinput.xs[_] != \"a\"\n}\n");
        BAD.put("bugs/rule-shadows-builtin", "package a\n\ncount := 1\n");
        BAD.put("bugs/var-shadows-builtin", "package a\n\np if {\n\tcount := 1\n\tcount > 0\n}\n");
        BAD.put("idiomatic/use-in-operator", "package a\n\np if {\n\t\"a\" == input.xs[_]\n}\n");
        BAD.put("style/unconditional-assignment", "package a\n\np := x if {\n\tx := input.y\n}\n");
        BAD.put("style/yoda-condition", "package a\n\np if {\n\t\"a\" == input.x\n}\n");
        BAD.put("idiomatic/boolean-assignment", "package a\n\np := input.x == 1\n");
        BAD.put("imports/avoid-importing-input", "package a\n\nimport input.x\n\np := x\n");
        BAD.put("imports/redundant-alias", "package a\n\nimport data.lib.x as x\n\np := x.y\n");
        BAD.put("bugs/duplicate-rule", "package a\n\np if input.x\n\np if input.x\n");
        BAD.put("style/function-arg-return", "package a\n\np if {\n\tcount(input.xs, n)\n\tn > 1\n}\n");
        BAD.put("bugs/if-empty-object", "package a\n\np if {}\n");
        BAD.put("style/trailing-default-rule", "package a\n\np if input.x\n\ndefault p := false\n");
        BAD.put("style/messy-rule", "package a\n\np if input.x\n\nq := 1\n\np if input.y\n");
        BAD.put("bugs/inconsistent-args", "package a\n\nf(x) := 1 if x > 1\n\nf(y) := 2 if y < 1\n");
        BAD.put("bugs/unused-return-value", "package a\n\np if {\n\tcount(input.xs)\n}\n");
        BAD.put("style/rule-length", "package a\n\np if {\n" + "\tinput.x\n".repeat(31) + "}\n");
        BAD.put("gatekeeper/violation-without-msg", "package a\n\nviolation contains {\"message\": m} if {\n\tm := \"x\"\n}\n");
        BAD.put("bugs/top-level-iteration", "package a\n\np := input.xs[_]\n");
        BAD.put("style/external-reference", "package a\n\nf(x) if {\n\tx == input.y\n}\n");
        BAD.put("style/avoid-get-and-list-prefix", "package a\n\nget_name := input.name\n");
        BAD.put("imports/use-rego-v1", "package a\n\nimport future.keywords.in\n\np {\n\tsome x in input.xs\n\tx == 1\n}\n");
    }

    private static List<Finding> lint(String text, boolean template) {
        RegoVersion v = text.contains("p {") ? RegoVersion.V0 : RegoVersion.V1;
        ParseResult pr = RegoParser.parseModule("t.rego", text, v);
        assertTrue(pr.ok(), pr.diagnostics() + "\n" + text);
        return LintRules.lint(new LintContext(pr.module(), text, v, template));
    }

    @TestFactory
    Stream<DynamicTest> eachRuleFiresOnItsFixture() {
        return BAD.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            List<Finding> fs = lint(e.getValue(), true);
            assertTrue(fs.stream().anyMatch(f -> f.rule().code().equals(e.getKey())), e.getKey() + " not in " + fs.stream().map(f -> f.rule().code()).toList());
        }));
    }

    @Test
    void everyRuleHasAFixtureAndDocumentation() {
        assertTrue(LintRules.ALL.size() >= 25, "rules: " + LintRules.ALL.size());
        for (LintRule r : LintRules.ALL) {
            assertTrue(BAD.containsKey(r.code()), "no fixture for " + r.code());
            assertNotNull(LintRule.class.getResource("/rules/" + r.code() + ".md"), "no documentation for " + r.code());
        }
    }

    @Test
    void cleanModuleHasNoFindings() {
        String clean = """
                package k8s.required_labels

                import rego.v1

                # METADATA
                # title: Required labels
                violation contains {"msg": msg} if {
                	provided := {label | some label, _ in input.review.object.metadata.labels}
                	some required in input.parameters.labels
                	not required in provided
                	msg := sprintf("missing label %v", [required])
                }
                """;
        assertEquals(List.of(), lint(clean, true).stream().map(f -> f.rule().code() + ": " + f.message()).toList());
    }

    @Test
    void idiomaticV0IsNotToldToUseV1OnlySyntax() {
        // Gatekeeper-library style v0: `=` in rule heads (opa fmt keeps it), `x := xs[_]`, no future.keywords
        String v0 = """
                package k8sallowedrepos

                violation[{"msg": msg}] {
                  entry := input.review.object.spec.containers[_]
                  not allowed(entry.image)
                  msg := sprintf("image %v", [entry.image])
                }

                allowed_text = "none" {
                  count(input.parameters.repos) == 0
                }

                allowed(image) {
                  startswith(image, input.parameters.repos[_])
                }
                """;
        ParseResult pr = RegoParser.parseModule("t.rego", v0, RegoVersion.V0);
        assertTrue(pr.ok(), pr.diagnostics().toString());
        List<String> codes = LintRules.lint(new LintContext(pr.module(), v0, RegoVersion.V0, true)).stream()
                .map(f -> f.rule().code()).toList();
        for (String rule : List.of("style/use-assignment-operator", "imports/use-rego-v1", "style/prefer-some-in-iteration")) {
            assertTrue(!codes.contains(rule), rule + " in " + codes);
        }
        // the same `=` head in v1 is still reported
        assertTrue(lint("package a\n\np = 1\n", false).stream().anyMatch(f -> f.rule().code().equals("style/use-assignment-operator")));
    }

    @Test
    void opaFmtPointsAtTheFirstChangedLineNotThePackage() {
        String text = "package a\n\np := 1\n\nq if {\n  input.x\n}\n";
        Finding f = lint(text, false).stream().filter(x -> x.rule().code().equals("style/opa-fmt")).findFirst().orElseThrow();
        assertEquals("  input.x", text.substring(f.start(), f.end()));
    }

    @Test
    void opaFmtInATemplateIgnoresSpaceIndentationButNotOtherDifferences() {
        // Gatekeeper templates indent their Rego with spaces inside the YAML block: that alone is not a finding
        String spaces = "package a\n\nq if {\n  input.x\n}\n";
        ParseResult pr = RegoParser.parseModule("t.rego", spaces, RegoVersion.V1);
        assertTrue(LintRules.lint(new LintContext(pr.module(), spaces, RegoVersion.V1, true, true)).stream()
                .noneMatch(x -> x.rule().code().equals("style/opa-fmt")));
        String spaced = "package a\n\nq if {\n  input.x  ==  1\n}\n";
        ParseResult pr2 = RegoParser.parseModule("t.rego", spaced, RegoVersion.V1);
        assertTrue(LintRules.lint(new LintContext(pr2.module(), spaced, RegoVersion.V1, true, true)).stream()
                .anyMatch(x -> x.rule().code().equals("style/opa-fmt")));
    }

    @Test
    void fixesAreMechanical() {
        String text = "package a\n\np = 1\n";
        Finding f = lint(text, false).stream().filter(x -> x.rule().code().equals("style/use-assignment-operator")).findFirst().orElseThrow();
        Finding.Edit e = f.fix().edits().get(0);
        assertEquals("package a\n\np := 1\n", text.substring(0, e.start()) + e.text() + text.substring(e.end()));
        String loop = "package a\n\np if {\n\tx := input.xs[_]\n\tx > 1\n}\n";
        Finding g = lint(loop, false).stream().filter(x -> x.rule().code().equals("style/prefer-some-in-iteration")).findFirst().orElseThrow();
        Finding.Edit ge = g.fix().edits().get(0);
        assertEquals("package a\n\np if {\n\tsome x in input.xs\n\tx > 1\n}\n", loop.substring(0, ge.start()) + ge.text() + loop.substring(ge.end()));
    }
}
