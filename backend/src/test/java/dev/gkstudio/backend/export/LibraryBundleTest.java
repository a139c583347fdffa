package dev.gkstudio.backend.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gkstudio.backend.eval.Workspace;
import dev.gkstudio.backend.eval.WorkspaceEvaluator;
import dev.gkstudio.backend.gallery.Gallery;
import dev.gkstudio.gatekeeper.cli.Engines;
import dev.gkstudio.gatekeeper.gator.Filter;
import dev.gkstudio.gatekeeper.gator.GoPrinter;
import dev.gkstudio.gatekeeper.gator.Suite;
import dev.gkstudio.gatekeeper.gator.SuiteReader;
import dev.gkstudio.gatekeeper.gator.VerifyResults;
import dev.gkstudio.gatekeeper.gator.VerifyRunner;

/** The exported bundle, unzipped, passes the project's {@code verify} (gator) unchanged. */
class LibraryBundleTest {

    static final WorkspaceEvaluator EVALUATOR = new WorkspaceEvaluator();
    final LibraryBundle bundles = new LibraryBundle(EVALUATOR);

    static Workspace requiredLabels() {
        return Fixtures.requiredLabels();
    }

    static Path unzip(byte[] zip, Path dir) throws Exception {
        Path top = null;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path p = dir.resolve(e.getName()).normalize();
                assertTrue(p.startsWith(dir), e.getName());
                Files.createDirectories(p.getParent());
                Files.write(p, in.readAllBytes());
                if (top == null) {
                    top = dir.resolve(e.getName().substring(0, e.getName().indexOf('/')));
                }
            }
        }
        return top;
    }

    static VerifyResults.SuiteResult verify(Path suite) throws Exception {
        List<Suite> suites = SuiteReader.read(suite.toString());
        assertEquals(1, suites.size());
        VerifyResults.SuiteResult r = new VerifyRunner(Engines.compiler(), true, false).run(suites.get(0), Filter.parse(""));
        assertFalse(r.isFailure(), () -> GoPrinter.print(List.of(r), true));
        return r;
    }

    @Test
    void libraryLayoutPassesVerify(@TempDir Path tmp) throws Exception {
        LibraryBundle.Bundle b = bundles.build(requiredLabels());
        assertEquals("k8srequiredlabels", b.name());
        assertEquals(List.of("template.yaml",
                "samples/ns-must-have-owner/constraint.yaml",
                "samples/ns-must-have-owner/example_allowed.yaml",
                "samples/ns-must-have-owner/example_disallowed_without_owner.yaml",
                "samples/ns-must-have-owner/example_disallowed_no_labels_at_all.yaml",
                "suite.yaml"), new ArrayList<>(b.files().keySet()));
        assertEquals(List.of("sample 4: no \"# expect:\" comment, left out of the suite"), b.warnings());
        String suite = b.files().get("suite.yaml");
        assertTrue(suite.contains("constraint: samples/ns-must-have-owner/constraint.yaml"), suite);
        assertTrue(suite.contains("violations: 1\n"), suite);
        assertTrue(suite.contains("message: owner"), suite);

        Path top = unzip(b.zip(), tmp);
        assertEquals("k8srequiredlabels", top.getFileName().toString());
        VerifyResults.SuiteResult r = verify(top.resolve("suite.yaml"));
        assertEquals(3, r.tests().get(0).cases().size());
    }

    @Test
    void unitTestsTravelInTheSrcLayoutAndPassRegoTest(@TempDir Path tmp) throws Exception {
        Workspace w = requiredLabels();
        String tests = """
                package k8srequiredlabels_test

                import rego.v1

                import data.k8srequiredlabels

                test_owner_missing if {
                	count(k8srequiredlabels.violation) == 1 with input as {"review": {"object": {"metadata": {"labels": {}}}}, "parameters": {"labels": ["owner"]}}
                }
                """;
        Workspace withTests = new Workspace(w.template(), w.constraints(), w.samples(), w.inventory(), List.of(tests));
        LibraryBundle.Bundle b = bundles.build(withTests);
        assertEquals(Fixtures.REQUIRED_LABELS_REGO, b.files().get("src/src.rego"));
        assertEquals(tests, b.files().get("src/src_test.rego"));
        Path top = unzip(b.zip(), tmp);
        verify(top.resolve("suite.yaml"));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        int code;
        try {
            System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
            code = dev.gkstudio.gatekeeper.cli.Main.execute("rego", "test", "--v0-compatible", top.resolve("src").toString());
        } finally {
            System.setOut(old);
        }
        assertEquals(0, code, out.toString());
        assertEquals("PASS: 1/1\n", out.toString());
        assertFalse(bundles.build(w).files().containsKey("src/src.rego"), "no tests, no src/");
    }

    @Test
    void aMutatedSampleIsExportedAsStoredSoVerifyAgreesWithTheStudio(@TempDir Path tmp) throws Exception {
        Workspace w = requiredLabels();
        String mutator = """
                apiVersion: mutations.gatekeeper.sh/v1
                kind: AssignMetadata
                metadata:
                  name: default-owner
                spec:
                  location: metadata.labels.owner
                  parameters:
                    assign:
                      value: platform
                """;
        // with the mutator, every Namespace gets an owner: all cases are allowed in the Studio
        String samples = w.samples().replace("# expect: 1 violation /owner/", "# expect: allowed")
                .replace("# expect: violated", "# expect: allowed");
        Workspace mutated = new Workspace(w.template(), w.constraints(), samples, "", List.of(), "",
                "# mutators\n" + mutator);
        assertTrue(EVALUATOR.evaluate(1, mutated, false).samples().stream().limit(3)
                .allMatch(s -> Boolean.TRUE.equals(s.expectationsMet())), "the Studio's verdict");
        LibraryBundle.Bundle b = bundles.build(mutated);
        assertEquals("# mutators\n" + mutator, b.files().get("mutators.yaml"), "as written, comments included");
        String withoutOwner = b.files().get("samples/ns-must-have-owner/example_allowed_without_owner.yaml");
        assertTrue(withoutOwner.startsWith("# after the mutators AssignMetadata.mutations.gatekeeper.sh /default-owner\n"),
                withoutOwner);
        assertTrue(withoutOwner.contains("owner: platform"), withoutOwner);
        verify(unzip(b.zip(), tmp).resolve("suite.yaml"));
        String kubectl = bundles.kubectl(mutated);
        assertTrue(kubectl.contains("# 4. The mutators") && kubectl.contains("name: default-owner"), kubectl);
        assertFalse(bundles.kubectl(w).contains("# 4."), "no mutators, no fourth step");
    }

    @Test
    void aBrokenExpectationFailsVerify(@TempDir Path tmp) throws Exception {
        Workspace w = requiredLabels();
        Workspace wrong = new Workspace(w.template(), w.constraints(), w.samples().replace("# expect: allowed", "# expect: violated"), "");
        Path top = unzip(bundles.build(wrong).zip(), tmp);
        List<Suite> suites = SuiteReader.read(top.resolve("suite.yaml").toString());
        assertTrue(new VerifyRunner(Engines.compiler(), false, false).run(suites.get(0), Filter.parse("")).isFailure(),
                "the export is checked by verify, not rubber-stamped");
    }

    /** Every policy of the gallery: open it as the IDE does, export it, verify the bundle. */
    @Test
    void everyGalleryPolicyExportsToAPassingBundle(@TempDir Path tmp) throws Exception {
        Gallery gallery = new Gallery();
        assertFalse(gallery.catalog().isEmpty());
        int n = 0;
        for (Gallery.Entry e : gallery.catalog()) {
            Gallery.Policy p = gallery.open(e.id());
            LibraryBundle.Bundle b = bundles.build(p.workspace());
            Path top = unzip(b.zip(), Files.createDirectories(tmp.resolve(e.id())));
            VerifyResults.SuiteResult r = verify(top.resolve("suite.yaml"));
            assertFalse(r.tests().isEmpty(), e.id());
            n++;
        }
        assertTrue(n > 3);
    }

    @Test
    void multiDocumentYamlAndKubectl() throws Exception {
        Workspace w = requiredLabels();
        String yaml = bundles.multiDocument(w);
        assertTrue(yaml.startsWith("apiVersion: templates.gatekeeper.sh/v1\nkind: ConstraintTemplate\n"), yaml);
        assertEquals(1, yaml.split("\n---\n").length - 1, yaml);
        assertTrue(yaml.endsWith("    labels: [\"owner\"]\n"), yaml);

        String k = bundles.kubectl(w);
        assertTrue(k.contains("kubectl apply -f - <<'EOF'\napiVersion: templates.gatekeeper.sh/v1\n"), k);
        assertTrue(k.contains("kubectl wait --for=jsonpath='{.status.created}'=true constrainttemplate/'k8srequiredlabels'"), k);
        assertTrue(k.indexOf("kind: ConstraintTemplate") < k.indexOf("kind: K8sRequiredLabels\nmetadata:\n  name: ns-must-have-owner"), k);
        assertTrue(k.contains("must be established before the constraint"), k);

        // only a line that is exactly the delimiter ends a heredoc ("  EOF" or "# EOF" do not)
        Workspace tricky = new Workspace(w.template(), w.constraints() + "---\nkind: X\ndata: >\nEOF\n", "", "");
        String k2 = bundles.kubectl(tricky);
        assertTrue(k2.contains("<<'EOF_1'\n"), "a delimiter that occurs in the YAML is not used: " + k2);
        assertTrue(k2.strip().endsWith("EOF_1"), k2);
    }

    @Test
    void zipEntriesAreUtf8AndDeterministic() {
        byte[] a = bundles.build(requiredLabels()).zip();
        byte[] b = bundles.build(requiredLabels()).zip();
        assertTrue(java.util.Arrays.equals(a, b), "same workspace, same bytes");
        assertTrue(new String(a, StandardCharsets.ISO_8859_1).contains("k8srequiredlabels/suite.yaml"));
    }
}
