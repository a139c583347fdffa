package dev.gkstudio.backend.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gkstudio.backend.eval.Workspace;

/**
 * The kubectl commands of the export are pasted into a shell: a template name or kind that Kubernetes refuses
 * produces no commands, and the names that are accepted are single-quoted. The commands are run by bash with a
 * recording {@code kubectl} function to show what the shell passes on.
 */
class KubectlInjectionTest {

    final LibraryBundle bundles = new LibraryBundle(LibraryBundleTest.EVALUATOR);

    static Workspace named(String name, String kind) {
        Workspace w = Fixtures.requiredLabels();
        Workspace.Template t = w.template();
        return new Workspace(new Workspace.Template(t.rego(), t.libs(), t.regoVersion(), kind, name, t.schema(),
                t.annotations()), w.constraints(), w.samples(), w.inventory());
    }

    @Test
    void hostileNamesAndKindsProduceNoCommands() {
        for (String name : List.of("x$(touch pwned)", "x`id`", "a'b", "a\nkubectl delete ns kube-system", "..",
                "Upper", "-lead", "a;b", "a b", "a".repeat(254))) {
            LibraryBundle.InvalidNames e = assertThrows(LibraryBundle.InvalidNames.class,
                    () -> bundles.kubectl(named(name, "K8sRequiredLabels")), name);
            assertTrue(e.problems().get(0).startsWith("template.name: "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "the message is one line: " + e.getMessage());
        }
        for (String kind : List.of("K8s$(id)", "K8s\n# x", "1Kind", "K8s_Labels", "", "K".repeat(64))) {
            LibraryBundle.InvalidNames e = assertThrows(LibraryBundle.InvalidNames.class,
                    () -> bundles.kubectl(named("k8srequiredlabels", kind)), kind);
            assertTrue(e.problems().get(0).startsWith("template.kind: "), e.getMessage());
        }
        assertThrows(LibraryBundle.InvalidNames.class, () -> bundles.kubectl(named("", "")));
    }

    @Test
    void theShellPassesTheNameLiterally(@TempDir Path dir) throws Exception {
        String commands = bundles.kubectl(named("k8s.required-labels", "K8sRequiredLabels"));
        assertTrue(commands.contains("constrainttemplate/'k8s.required-labels'"), commands);
        Path script = dir.resolve("run.sh");
        Path args = dir.resolve("args.txt");
        // a stand-in kubectl that records its arguments one per line and swallows the heredoc
        Files.writeString(script, "kubectl() { printf '%s\\n' \"$@\" >> '" + args + "'; cat > /dev/null; }\n" + commands);
        Process p = new ProcessBuilder("bash", script.toString()).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        List<String> recorded = Files.readAllLines(args);
        assertTrue(recorded.contains("constrainttemplate/k8s.required-labels"), recorded.toString());
        assertEquals(3, recorded.stream().filter(a -> a.equals("apply") || a.equals("wait")).count(), recorded.toString());
    }

    @Test
    void shellQuoteKeepsEveryCharacter() {
        assertEquals("'a'\\''b$(x)'", KubernetesNames.shellQuote("a'b$(x)"));
    }
}
