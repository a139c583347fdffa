package dev.gkstudio.lsp.features;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collections;
import java.util.List;

import org.eclipse.lsp4j.Diagnostic;
import org.junit.jupiter.api.Test;

import dev.gkstudio.lsp.Fixture;

/**
 * Hostile documents end in diagnostics in bounded time, never an exception or a pool thread busy for minutes.
 * Bounds are CPU time of the calling thread and generous (the machine is shared).
 */
class HostileDocumentsTest {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    static final String TEMPLATE = """
            apiVersion: templates.gatekeeper.sh/v1
            kind: ConstraintTemplate
            metadata:
              name: x
            spec:
              crd:
                spec:
                  names:
                    kind: X
              targets:
                - target: admission.k8s.gatekeeper.sh
                  rego: |
                    package x
                    violation[{"msg": "m"}] { true }
            """;

    private static List<Diagnostic> diagnostics(Fixture f, long maxCpuMs, String what) {
        long t0 = CPU.getCurrentThreadCpuTime();
        List<Diagnostic> d = DiagnosticsFeature.diagnostics(f.ws, f.doc);
        long ms = (CPU.getCurrentThreadCpuTime() - t0) / 1_000_000;
        assertTrue(ms < maxCpuMs, what + ": diagnostics took " + ms + " ms of CPU");
        return d;
    }

    /** 4 MB of rules (80,000): the non-loop-expression lint copied every rule name per rule (quadratic, minutes). */
    @Test
    void fourMegabytesOfRules() {
        StringBuilder sb = new StringBuilder("package p\n\n");
        for (int i = 0; sb.length() < 4_000_000; i++) {
            sb.append("r").append(i).append(" { input.a[_] == \"x\"; count(input.b) > 3 }\n");
        }
        List<Diagnostic> d = diagnostics(Fixture.rego(sb.toString()), 60_000, "4 MB of rules");
        assertFalse(d.isEmpty());
    }

    @Test
    void deepBracketsAndLongLines() {
        String deep = "package p\n\nx := " + "[{(".repeat(10_000) + "\n";
        assertTrue(diagnostics(Fixture.rego(deep), 10_000, "deep brackets").stream()
                .anyMatch(x -> x.getMessage().contains("max parsing recursion depth exceeded")));
        String chain = "package p\n\nx := " + "1 + ".repeat(250_000) + "1\n";
        assertTrue(diagnostics(Fixture.rego(chain), 10_000, "1 MB operator chain").stream()
                .anyMatch(x -> x.getMessage().contains("max parsing recursion depth exceeded")));
        String line = "package p\n\nx := [" + "1,".repeat(500_000) + "1]\n";
        assertFalse(diagnostics(Fixture.rego(line), 10_000, "1 MB line").isEmpty());
    }

    @Test
    void hostileTemplateYaml() {
        StringBuilder bomb = new StringBuilder(TEMPLATE + "  bomb:\n    a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            bomb.append("    a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
        }
        diagnostics(Fixture.template(bomb.toString()), 10_000, "alias bomb");
        diagnostics(Fixture.template(TEMPLATE + "  deep: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n"), 10_000,
                "10,000-deep flow YAML");
        StringBuilder block = new StringBuilder(TEMPLATE + "  deep:\n");
        for (int i = 0; i < 10_000; i++) block.append(" ".repeat(4 + i)).append("k:\n");
        diagnostics(Fixture.template(block.toString()), 30_000, "10,000-deep block YAML");
        String deepRego = TEMPLATE.replace("{ true }", "{ x := " + "[".repeat(10_000) + " }");
        assertTrue(diagnostics(Fixture.template(deepRego), 10_000, "deep Rego in a template").stream()
                .anyMatch(x -> x.getMessage().contains("max parsing recursion depth exceeded")));
    }
}
