package dev.gkstudio.lsp.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.eclipse.lsp4j.Diagnostic;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.gkstudio.lsp.Fixture;
import dev.gkstudio.lsp.features.DiagnosticsFeature;

/**
 * The gallery is the showcase: every {@code sample-policies/**}{@code /template.yaml} opens without a single
 * lint, Rego or Gatekeeper finding, whatever its severity (no "Problems" on our own examples).
 */
class GalleryLintTest {

    private static final Path GALLERY = Path.of("..", "sample-policies");

    static List<Path> templates() throws IOException {
        try (Stream<Path> s = Files.walk(GALLERY)) {
            return s.filter(p -> p.getFileName().toString().equals("template.yaml"))
                    .filter(p -> !p.toString().contains("target"))
                    .sorted().toList();
        }
    }

    static List<Diagnostic> diagnostics(Path template) throws IOException {
        Fixture f = Fixture.template(Files.readString(template));
        return DiagnosticsFeature.diagnostics(f.ws, f.doc);
    }

    private static String describe(Diagnostic d) {
        return d.getSeverity() + " " + d.getSource() + " " + (d.getCode() == null ? "" : d.getCode().getLeft())
                + " line " + (d.getRange().getStart().getLine() + 1) + ": " + d.getMessage();
    }

    @Test
    void theGalleryHasTemplates() throws IOException {
        List<Path> ts = templates();
        assertTrue(ts.size() >= 20, "templates: " + ts);
        // the counts per rule, for the log
        Map<String, Integer> counts = new TreeMap<>();
        for (Path t : ts) {
            for (Diagnostic d : diagnostics(t)) {
                counts.merge(d.getSeverity() + " " + (d.getCode() == null ? d.getSource() : d.getCode().getLeft()), 1, Integer::sum);
            }
        }
        System.out.println("gallery diagnostics: " + counts);
    }

    @TestFactory
    Stream<DynamicTest> everyGalleryPolicyOpensWithoutAnyFinding() throws IOException {
        return templates().stream().map(t -> DynamicTest.dynamicTest(GALLERY.relativize(t).toString(), () -> {
            List<String> bad = diagnostics(t).stream().map(GalleryLintTest::describe).toList();
            assertEquals(List.of(), bad, t.toString());
        }));
    }
}
