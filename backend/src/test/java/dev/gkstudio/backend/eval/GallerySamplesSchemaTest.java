package dev.gkstudio.backend.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.gkstudio.backend.gallery.Gallery;

/**
 * The gallery's samples are objects the Kubernetes API accepts: the schema check finds nothing in them (a
 * finding here is either a broken example or a false alarm of the check, and both would mislead users).
 */
class GallerySamplesSchemaTest {

    @Test
    void noGallerySampleHasASchemaWarning() throws Exception {
        Gallery gallery = new Gallery();
        WorkspaceEvaluator evaluator = new WorkspaceEvaluator();
        List<String> findings = new ArrayList<>();
        int policies = 0;
        for (Gallery.Entry entry : gallery.catalog()) {
            Workspace w = gallery.open(entry.id()).workspace();
            for (Problem p : evaluator.evaluate(1, w, false).problems()) {
                if (p.source().equals("samples") && p.severity().equals("warning")) {
                    findings.add(entry.id() + " line " + p.startLine() + ": " + p.message());
                }
            }
            policies++;
        }
        assertTrue(policies >= 20, "the gallery has its policies: " + policies);
        assertEquals(List.of(), findings);
    }
}
