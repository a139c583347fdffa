package dev.gkstudio.gatekeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gkstudio.gatekeeper.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Our own gator suites run through the CLI. */
class GatorCliTest {
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream o = System.out, e = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(o);
            System.setErr(e);
        }
    }

    static String res(String p) {
        return Path.of("src/test/resources", p).toString();
    }

    @Test
    void passingSuite() {
        Run r = run("verify", res("suites/required-labels/suite.yaml"));
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().matches("(?s)ok\tsrc/test/resources/suites/required-labels/suite.yaml\t\\d+\\.\\d{3}s\nPASS\n\n"), r.out());
    }

    @Test
    void verboseRecursive() {
        Run r = run("verify", "-v", res("suites") + "/...");
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("=== RUN   namespaces-need-owner\n    === RUN   allowed\n    --- PASS: allowed\t("), r.out());
        assertTrue(r.out().contains("=== SKIP  skipped\n"), r.out());
        assertTrue(r.out().contains("ok\tsrc/test/resources/suites/required-labels/suite.yaml\t"), r.out());
    }

    @Test
    void failingSuite() {
        Run r = run("verify", res("failing"));
        assertEquals(1, r.code());
        assertTrue(r.out().matches("(?s)    --- FAIL: expects-none\t\\(\\d+\\.\\d{3}s\\)\n"
                + "        unexpected number of violations: got 1 violations but want none: got messages \\[you must provide labels: \\{\"owner\"\\}\\]\n"
                + "--- FAIL: wrong-expectation\t\\(\\d+\\.\\d{3}s\\)\n"
                + "FAIL\tsrc/test/resources/failing/suite.yaml\t\\d+\\.\\d{3}s\nFAIL\n\n"), r.out());
        assertEquals("Error: FAIL\n", r.err());
    }

    @Test
    void runFilter() {
        Run r = run("verify", "-v", "--run", "//^allowed$", res("suites/required-labels/suite.yaml"));
        assertEquals(0, r.code());
        assertTrue(r.out().contains("    === SKIP  disallowed\n"), r.out());
    }

    @Test
    void gatorTestOutput() {
        Run r = run("test", "-f", res("suites/required-labels/template.yaml"), "-f", res("suites/required-labels/constraint.yaml"),
                "-f", res("suites/required-labels/disallowed.yaml"), "-f", res("suites/required-labels/allowed.yaml"));
        assertEquals(1, r.code(), r.err());
        assertEquals("v1/Namespace team-b: [\"ns-must-have-owner\"] Message: \"you must provide labels: {\\\"owner\\\"}\"\n", r.out());
        Run j = run("test", "-o", "json", "-f", res("suites/required-labels/allowed.yaml"), "-f", res("suites/required-labels/template.yaml"));
        assertEquals(0, j.code(), j.err());
        assertEquals("null", j.out());
    }
}
