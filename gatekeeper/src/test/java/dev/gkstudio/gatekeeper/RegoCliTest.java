package dev.gkstudio.gatekeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gkstudio.gatekeeper.GatorCliTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gkstudio rego test|eval|fmt|check} over our own tree in the gatekeeper-library layout
 * ({@code src/<group>/<policy>/src.rego} + {@code src_test.rego}), checked against opa's output forms and exit codes.
 */
class RegoCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DURATION = "\\((\\d+(\\.\\d+)?(ns|µs|ms|s))\\)";

    static Run run(String... args) {
        return GatorCliTest.run(args);
    }

    static String tree(String p) {
        return Path.of("src/test/resources/regotest", p).toString();
    }

    @Test
    void passingTreePrintsOnlyTheSummaryAndExitsZero() {
        Run r = run("rego", "test", tree("pass/src"));
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("PASS: 4/4\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void verboseListsEveryTestUnderItsFile() {
        Run r = run("rego", "test", "-v", tree("pass/src"));
        assertEquals(0, r.code(), r.out());
        String file = tree("pass/src/general/allowedrepos/src_test.rego");
        String other = tree("pass/src/general/requiredlabels/src_test.rego");
        assertTrue(r.out().matches("(?s)" + quote(file) + ":\n"
                + "data\\.k8sallowedrepos_test\\.test_allowed_repo: PASS " + DURATION + "\n"
                + "data\\.k8sallowedrepos_test\\.test_other_repo: PASS " + DURATION + "\n"
                + "\n" + quote(other) + ":\n"
                + "data\\.k8srequiredlabels_test\\.test_label_missing: PASS " + DURATION + "\n"
                + "data\\.k8srequiredlabels_test\\.test_label_present: PASS " + DURATION + "\n"
                + "-{80}\nPASS: 4/4\n"), r.out());
    }

    @Test
    void failErrorAndSkipAreReportedWithExitTwo() {
        Run r = run("rego", "test", tree("mixed/src"));
        assertEquals(2, r.code(), r.out() + r.err());
        String src = tree("mixed/src/general/replicas/src.rego");
        assertTrue(r.out().matches("(?s)" + quote(tree("mixed/src/general/replicas/src_test.rego")) + ":\n"
                + "data\\.k8sreplicalimits_test\\.test_wrong_expectation: FAIL " + DURATION + "\n"
                + "\n  replicas checked against 2\n\n"
                + "data\\.k8sreplicalimits_test\\.test_mode_conflict: ERROR " + DURATION + "\n"
                + "  " + quote(src) + ":14: eval_conflict_error: complete rules must not produce multiple outputs\n"
                + "data\\.k8sreplicalimits_test\\.todo_test_scale_subresource: SKIPPED\n"
                + "-{80}\nPASS: 1/4\nFAIL: 1/4\nSKIPPED: 1/4\nERROR: 1/4\n"), r.out());
    }

    @Test
    void skippedTestsAloneExitZeroWithFlagZ() {
        assertEquals(2, run("rego", "test", "--run", "todo_", tree("mixed/src")).code());
        Run r = run("rego", "test", "-z", "--run", "todo_", tree("mixed/src"));
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().endsWith("SKIPPED: 1/1\n"), r.out());
    }

    @Test
    void runFiltersByFullTestName() {
        Run r = run("rego", "test", "-v", "--run", "data\\.k8sreplicalimits_test\\.test_too", tree("mixed/src"));
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("data.k8sreplicalimits_test.test_too_many: PASS ("), r.out());
        assertFalse(r.out().contains("test_wrong_expectation"), r.out());
        assertTrue(r.out().endsWith("PASS: 1/1\n"), r.out());

        Run none = run("rego", "test", "--run", "no_such_test", tree("mixed/src"));
        assertEquals(0, none.code());
        assertEquals("", none.out());

        Run bad = run("rego", "test", "--run", "(", tree("mixed/src"));
        assertEquals(1, bad.code());
        assertTrue(bad.err().startsWith("error parsing regexp: "), bad.err());
    }

    @Test
    void verboseShowsFailuresWithTheFailingExpression() {
        Run r = run("rego", "test", "-v", "--run", "wrong", tree("mixed/src"));
        assertEquals(2, r.code());
        String out = r.out();
        assertTrue(out.startsWith("FAILURES\n" + "-".repeat(80) + "\ndata.k8sreplicalimits_test.test_wrong_expectation: FAIL ("), out);
        assertTrue(out.contains("Enter data.k8sreplicalimits_test.test_wrong_expectation\n"), out);
        String test = tree("mixed/src/general/replicas/src_test.rego");
        // OPA's compiler rewrites == to = (RewriteEquals) and hoists refs out of calls (RewriteDynamicTerms):
        // the trace shows the rewritten expressions, as opa test -v does
        assertTrue(out.matches("(?s).*\n  " + quote(test) + ":15 +\\| \\| Fail __local\\d+__ = 1 with input as .*"), out);
        assertTrue(out.matches("(?s).*\\| Fail gt\\(replicas, __local\\d+__\\)\n.*"), out);
        assertTrue(out.contains("SUMMARY\n" + "-".repeat(80) + "\n" + test + ":\n"), out);
        assertTrue(out.contains("\n  replicas checked against 2\n"), out);
        assertTrue(out.endsWith("-".repeat(80) + "\nFAIL: 1/1\n"), out);
    }

    @Test
    void jsonFormatHasOpaFields() throws Exception {
        Run r = run("rego", "test", "-f", "json", tree("mixed/src"));
        assertEquals(2, r.code());
        JsonNode a = JSON.readTree(r.out());
        assertEquals(4, a.size());
        JsonNode pass = a.get(0);
        assertEquals("data.k8sreplicalimits_test", pass.get("package").asText());
        assertEquals("test_too_many", pass.get("name").asText());
        assertEquals(tree("mixed/src/general/replicas/src_test.rego"), pass.get("location").get("file").asText());
        assertEquals(9, pass.get("location").get("row").asInt());
        assertTrue(pass.get("duration").asLong() > 0);
        assertFalse(pass.has("fail"));
        JsonNode fail = a.get(1);
        assertTrue(fail.get("fail").asBoolean());
        assertEquals("replicas checked against 2\n", new String(Base64.getDecoder().decode(fail.get("output").asText())));
        JsonNode err = a.get(2).get("error");
        assertEquals("eval_conflict_error", err.get("code").asText());
        assertEquals(14, err.get("location").get("row").asInt());
        assertTrue(a.get(3).get("skip").asBoolean());
    }

    @Test
    void coverageReportCountsLinesOverAllTests() throws Exception {
        Run r = run("rego", "test", "--coverage", tree("pass/src"));
        assertEquals(0, r.code(), r.err());
        JsonNode rep = JSON.readTree(r.out());
        JsonNode src = rep.get("files").get(tree("pass/src/general/allowedrepos/src.rego"));
        assertEquals(100.0, src.get("coverage").asDouble());
        assertEquals(5, src.get("covered").get(0).get("start").get("row").asInt());
        assertFalse(src.has("not_covered"));
        int covered = 0, notCovered = 0;
        for (JsonNode f : rep.get("files")) {
            covered += f.path("covered_lines").asInt();
            notCovered += f.path("not_covered_lines").asInt();
        }
        assertEquals(covered, rep.get("covered_lines").asInt());
        assertEquals(notCovered, rep.get("not_covered_lines").asInt());
        assertEquals(100.0 * covered / (covered + notCovered), rep.get("coverage").asDouble(), 1e-9);

        Run partial = run("rego", "test", "--coverage", "--run", "label_missing", tree("pass/src"));
        JsonNode p = JSON.readTree(partial.out());
        assertTrue(p.get("coverage").asDouble() < rep.get("coverage").asDouble(), partial.out());
        JsonNode tests = p.get("files").get(tree("pass/src/general/requiredlabels/src_test.rego"));
        assertEquals(14, tests.get("not_covered").get(0).get("start").get("row").asInt(), partial.out());
    }

    @Test
    void coverageWithAFailingTestReportsItAndExitsOne() {
        Run r = run("rego", "test", "--coverage", "--run", "wrong", tree("mixed/src"));
        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("data.k8sreplicalimits_test.test_wrong_expectation: FAIL ("), r.err());
    }

    @Test
    void dataFilesLandUnderTheirDirectory() {
        Run r = run("rego", "test", "-v", tree("data/src"));
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("test_data_file_lands_under_its_directory: PASS"), r.out());
        // given one level up, the same file sits one key deeper and the test fails
        Run up = run("rego", "test", tree("data"));
        assertEquals(2, up.code(), up.out());
        assertTrue(up.out().contains("test_data_file_lands_under_its_directory: FAIL"), up.out());
    }

    @Test
    void compileErrorsExitOneWithPositions() {
        Run r = run("rego", "test", tree("broken"));
        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().contains(tree("broken/src.rego") + ":6: rego_unsafe_var_error: var undefined_var is unsafe"), r.err());
        assertTrue(r.err().matches("(?s)(1 error occurred: |\\d+ errors occurred:\n).*"), r.err());

        Run missing = run("rego", "test", tree("no-such-dir"));
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("no such file or directory"), missing.err());
    }

    @Test
    void evalPrintsOpaJsonShape() throws Exception {
        Path in = Files.createTempFile("input", ".json");
        Files.writeString(in, "{\"review\": {\"object\": {\"metadata\": {\"labels\": {}}}}, \"parameters\": {\"labels\": [\"owner\"]}}");
        Run r = run("rego", "eval", "-d", tree("pass/src"), "-i", in.toString(),
                "v := data.k8srequiredlabels.violation[_]; count(v.details.missing_labels)");
        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode res = JSON.readTree(r.out()).get("result");
        assertEquals(1, res.size());
        JsonNode exprs = res.get(0).get("expressions");
        assertEquals(true, exprs.get(0).get("value").asBoolean());
        assertEquals("v := data.k8srequiredlabels.violation[_]", exprs.get(0).get("text").asText());
        assertEquals(1, exprs.get(1).get("value").asInt());
        assertEquals("count(v.details.missing_labels)", exprs.get(1).get("text").asText());
        assertEquals(43, exprs.get(1).get("location").get("col").asInt());
        assertEquals("you must provide labels: {\"owner\"}", res.get(0).get("bindings").get("v").get("msg").asText());
        Files.delete(in);
    }

    @Test
    void evalFormatsAndUndefined() {
        assertEquals("{}\n", run("rego", "eval", "data.nothing.here").out());
        // a lone comparison reports its outcome (opa captures the value of a single expression) ...
        assertEquals("false\n", run("rego", "eval", "-f", "pretty", "1 == 2").out());
        // ... next to other expressions a false one fails the query
        assertEquals("undefined\n", run("rego", "eval", "-f", "pretty", "x := 1; x == 2").out());
        assertEquals("3\n", run("rego", "eval", "-f", "pretty", "1 + 2").out());
        assertEquals("a<b 2\n", run("rego", "eval", "-f", "raw", "\"a<b\"; 1 + 1").out());
        assertTrue(run("rego", "eval", "\"a<b\"").out().contains("\"value\": \"a\\u003cb\""));
        Run table = run("rego", "eval", "-f", "pretty", "x := [10, 20][i]");
        assertEquals("+---+----+\n| i | x  |\n+---+----+\n| 0 | 10 |\n| 1 | 20 |\n+---+----+\n", table.out());
        assertEquals(1, run("rego", "eval", "--fail", "x := 1; x == 2").code());
        assertEquals(0, run("rego", "eval", "--fail", "x := 1; x == 1").code());
    }

    @Test
    void evalErrorsCarryPositions() throws Exception {
        Run r = run("rego", "eval", "x := [1, 2]; x[0] == 1; y");
        assertEquals(1, r.code());
        JsonNode errs = JSON.readTree(r.out()).get("errors");
        assertEquals(1, errs.size(), r.out());
        assertEquals("rego_unsafe_var_error", errs.get(0).get("code").asText());
        assertEquals("var y is unsafe", errs.get(0).get("message").asText());
        assertEquals(25, errs.get(0).get("location").get("col").asInt());

        Run pretty = run("rego", "eval", "-f", "pretty", "1 +");
        assertEquals(1, pretty.code());
        assertEquals("", pretty.out());
        assertTrue(pretty.err().startsWith("1 error occurred: 1:"), pretty.err());
        assertTrue(pretty.err().contains("rego_parse_error"), pretty.err());

        Run conflict = run("rego", "eval", "-d", tree("mixed/src"), "-f", "pretty", "data.k8sreplicalimits.mode with input as {\"parameters\": {\"max\": 2}}");
        assertEquals(1, conflict.code());
        assertTrue(conflict.err().contains("src.rego:14: eval_conflict_error: complete rules must not produce multiple outputs"), conflict.err());
    }

    @Test
    void badInputFilesAreReportedByName(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("input.json");
        Files.writeString(in, "{x");
        Run pretty = run("rego", "eval", "-i", in.toString(), "-f", "pretty", "input");
        assertEquals(1, pretty.code());
        assertTrue(pretty.err().startsWith(in + ": "), pretty.err());
        Run json = run("rego", "eval", "-i", dir.resolve("missing.json").toString(), "input");
        assertEquals(1, json.code());
        JsonNode e = JSON.readTree(json.out()).get("errors").get(0);
        assertTrue(e.get("message").asText().contains("no such file or directory"), json.out());
        assertFalse(e.has("code"), json.out());

        Files.writeString(dir.resolve("data.json"), "[1]");
        Run test = run("rego", "test", dir.toString());
        assertEquals(1, test.code());
        assertTrue(test.err().startsWith(dir.resolve("data.json") + ": "), test.err());
    }

    @Test
    void fmtListsDiffsAndWrites(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("policy.rego");
        Files.copy(Path.of(tree("fmt/unformatted.rego")), f);
        Run l = run("rego", "fmt", "-l", dir.toString());
        assertEquals(0, l.code());
        assertEquals(f + "\n", l.out());
        Run d = run("rego", "fmt", "-d", f.toString());
        assertTrue(d.out().contains("-allow   if {\n"), d.out());
        assertTrue(d.out().contains("+allow if {\n"), d.out());
        assertTrue(d.out().contains("+\tinput.user == \"admin\"\n"), d.out());
        assertEquals(2, run("rego", "fmt", "--fail", "-l", f.toString()).code());
        Run w = run("rego", "fmt", "-w", f.toString());
        assertEquals(0, w.code());
        assertEquals("package fmtdemo\n\nimport rego.v1\n\nallow if {\n\tinput.user == \"admin\"\n}\n", Files.readString(f));
        assertEquals("", run("rego", "fmt", "-l", f.toString()).out());
        assertEquals(Files.readString(f), run("rego", "fmt", f.toString()).out());

        Files.writeString(f, "package x\nallow if {");
        Run bad = run("rego", "fmt", f.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains(f + ":2: rego_parse_error"), bad.err());
    }

    @Test
    void checkIsSilentOnGoodFilesAndStrictFindsMore(@TempDir Path dir) throws Exception {
        Run ok = run("rego", "check", tree("pass/src"));
        assertEquals(0, ok.code(), ok.err());
        assertEquals("", ok.out() + ok.err());

        Run bad = run("rego", "check", tree("broken"));
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("rego_unsafe_var_error: var undefined_var is unsafe"), bad.err());

        Path f = dir.resolve("unused.rego");
        Files.writeString(f, "package x\n\nimport rego.v1\n\nimport data.other\n\nallow if input.user == \"admin\"\n");
        assertEquals(0, run("rego", "check", f.toString()).code());
        Run strict = run("rego", "check", "--strict", f.toString());
        assertEquals(1, strict.code());
        assertTrue(strict.err().contains(f + ":5: rego_compile_error: import data.other unused"), strict.err());
    }

    /**
     * The gatekeeper-library keeps the tests in the policy's own package. This needs the compiler to resolve a package
     * spread over several modules (src.rego + src_test.rego, each seeing the other's rules without a prefix).
     */
    @Test
    void testsInTheSamePackageAsThePolicy() {
        Run r = run("rego", "test", "-v", tree("samepkg/src"));
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("data.k8shttpsonly.test_https_ingress: PASS ("), r.out());
        assertTrue(r.out().contains("data.k8shttpsonly.test_http_ingress: PASS ("), r.out());
    }

    private static String quote(String s) {
        return java.util.regex.Pattern.quote(s);
    }
}
