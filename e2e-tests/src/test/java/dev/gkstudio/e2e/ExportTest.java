package dev.gkstudio.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The Export menu in a real browser, with the Studio's default configuration (no cluster access):
 * the gatekeeper-library bundle (zip) passes {@code verify} unchanged, the multi-document YAML,
 * the kubectl tab (commands in order, with the note that the template must be established
 * before the constraint), and the cluster actions shown disabled with the reason. Tests run in
 * order on one page. Screenshots: {@code target/screenshots/export-*.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExportTest {

    private static final String POLICY = "allowed-repos";
    private static final String BUNDLE = "k8sallowedimagerepos";

    private StudioSession s;
    private Path target;
    private Path downloads;

    @BeforeAll
    void start() throws Exception {
        target = Path.of(System.getProperty("studio.screenshots")).getParent();
        downloads = target.resolve("downloads/export");
        if (Files.exists(downloads)) {
            try (Stream<Path> files = Files.walk(downloads)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
        Files.createDirectories(downloads);
        s = StudioSession.open(downloads);
    }

    @AfterAll
    void stop() throws Exception {
        if (s != null) {
            s.close();
        }
    }

    @Test
    @Order(1)
    void aGalleryPolicyWithViolations() throws Exception {
        s.openGalleryPolicy(POLICY);
        assertEquals("violated", s.sampleStatus("foreign-registries-in-all-container-types"));
        assertFalse(s.allByTestId("violation").isEmpty());
        // the first violation's trace, as a user would look at it (the README's screenshot)
        s.allByTestId("violation").get(0).click();
        WebElement trace = s.byTestId("trace");
        s.waitFor(d -> trace.isDisplayed() && "ready".equals(trace.getAttribute("data-state")));
        // a clean picture: the language server's hints in, the "Opened ..." toast gone, the violated card in view
        s.waitFor(d -> "connected".equals(s.byTestId("lsp-status").getAttribute("data-state")));
        s.waitFor(d -> Boolean.TRUE.equals(s.js("return document.querySelector('.toast') === null")));
        s.js("document.querySelector(\"[data-testid='sample-status'][data-status='violated']\")"
                + ".closest('.sample').scrollIntoView({block: 'start'})");
        s.screenshot("export-01-workspace");
    }

    @Test
    @Order(2)
    void theExportMenuListsEveryExport() throws Exception {
        openMenu();
        for (String id : List.of("export-zip", "export-yaml", "export-kubectl")) {
            assertTrue(s.byTestId(id).isDisplayed(), id);
            assertTrue(s.byTestId(id).isEnabled(), id);
        }
        s.screenshot("export-02-menu");
        closeMenu();
    }

    @Test
    @Order(3)
    void theBundleZipPassesVerifyUnchanged() throws Exception {
        openMenu();
        s.byTestId("export-zip").click();
        s.waitFor(ExpectedConditions.invisibilityOf(s.byTestId("export-menu")));
        Path zip = Bundles.awaitDownload(s, downloads, ".zip");
        assertEquals(BUNDLE + ".zip", zip.getFileName().toString());
        Path dir = Files.createDirectories(target.resolve("export-bundle"));
        Path root = Bundles.unzip(zip, dir).resolve(BUNDLE);
        assertTrue(Files.isRegularFile(root.resolve("template.yaml")));
        assertTrue(Files.readString(root.resolve("template.yaml")).contains("kind: ConstraintTemplate"));
        Path samples;
        try (Stream<Path> dirs = Files.list(root.resolve("samples"))) {
            samples = dirs.findFirst().orElseThrow();
        }
        assertTrue(Files.readString(samples.resolve("constraint.yaml")).contains("kind: K8sAllowedImageRepos"));
        List<String> names;
        try (Stream<Path> files = Files.list(samples)) {
            names = files.map(f -> f.getFileName().toString()).sorted().toList();
        }
        assertTrue(names.stream().anyMatch(n -> n.matches("example_allowed.*\\.yaml")), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.matches("example_disallowed.*\\.yaml")), names.toString());
        Path suite = root.resolve("suite.yaml");
        String suiteText = Files.readString(suite);
        assertTrue(suiteText.contains("kind: Suite"), suiteText);
        assertTrue(suiteText.contains("template: template.yaml"), suiteText);
        // the project's verify, on the files as downloaded
        Bundles.Verify verify = Bundles.verify(suite);
        assertEquals(0, verify.exit(), verify.output());
        assertTrue(verify.output().strip().endsWith("PASS"), verify.output());
    }

    @Test
    @Order(4)
    void theMultiDocumentYaml() throws Exception {
        openMenu();
        s.byTestId("export-yaml").click();
        Path yaml = Bundles.awaitDownload(s, downloads, ".yaml");
        assertEquals(BUNDLE + ".yaml", yaml.getFileName().toString());
        String text = Files.readString(yaml);
        String[] documents = text.split("(?m)^---\\n");
        assertEquals(2, documents.length, text);
        assertTrue(documents[0].contains("kind: ConstraintTemplate"), text);
        assertTrue(documents[0].contains("package k8sallowedimagerepos"), text);
        assertTrue(documents[1].contains("kind: K8sAllowedImageRepos"), text);
        assertFalse(text.contains("kind: Pod"), "samples are not part of the YAML: " + text);
    }

    @Test
    @Order(5)
    void theKubectlTabShowsTheCommandsInOrder() throws Exception {
        openMenu();
        s.byTestId("export-kubectl").click();
        WebElement dialog = s.waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='kubectl-dialog']")));
        WebElement commands = s.waitFor(d -> dialog.findElement(By.cssSelector("[data-testid='kubectl-text']")));
        assertEquals("true", s.byTestId("export-tab-kubectl").getAttribute("aria-selected"));
        String text = commands.getText();
        String applyTemplate = "kubectl apply -f - <<'EOF'\napiVersion: templates.gatekeeper.sh/v1\nkind: ConstraintTemplate";
        String wait = "kubectl wait --for=jsonpath='{.status.created}'=true constrainttemplate/'" + BUNDLE + "'";
        String applyConstraint = "kubectl apply -f - <<'EOF'\napiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sAllowedImageRepos";
        assertTrue(text.contains(applyTemplate), text);
        assertTrue(text.contains(wait), text);
        assertTrue(text.contains(applyConstraint), text);
        assertTrue(text.indexOf(applyTemplate) < text.indexOf(wait) && text.indexOf(wait) < text.indexOf(applyConstraint), text);
        assertEquals(2, text.split("(?m)^EOF$", -1).length - 1, "two heredocs, closed: " + text);
        String note = s.byTestId("kubectl-note").getText();
        assertTrue(note.contains("The template must be established before the constraint"), note);
        s.screenshot("export-03-kubectl-dark");
        // the same YAML as the download, in the YAML tab
        s.byTestId("export-tab-yaml").click();
        s.waitFor(d -> s.byTestId("export-yaml-text").isDisplayed());
        assertFalse(s.byTestId("kubectl-text").isDisplayed());
        assertEquals(Files.readString(Bundles.awaitDownload(s, downloads, ".yaml")).strip(),
                ((String) s.js("return document.querySelector('[data-testid=export-yaml-text]').textContent")).strip());
        s.byTestId("export-tab-kubectl").click();
        s.waitFor(d -> s.byTestId("kubectl-text").isDisplayed());
        toggleTheme("light");
        s.screenshot("export-04-kubectl-light");
        toggleTheme("dark");
        dialog.findElement(By.cssSelector("button[aria-label='Close']")).click();
        s.waitFor(d -> d.findElements(By.cssSelector("[data-testid='kubectl-dialog']")).isEmpty());
    }

    @Test
    @Order(6)
    void theClusterActionsAreDisabledWithTheReason() throws Exception {
        openMenu();
        WebElement note = s.byTestId("cluster-note");
        s.waitFor(d -> "disabled".equals(note.getAttribute("data-state")));
        assertTrue(note.isDisplayed());
        assertTrue(note.getText().contains("cluster access"), note.getText());
        assertTrue(note.getText().contains("gkstudio.cluster.enabled=true"), note.getText());
        for (String id : List.of("cluster-apply", "cluster-audit")) {
            WebElement action = s.byTestId(id);
            assertTrue(action.isDisplayed(), id);
            assertFalse(action.isEnabled(), id + " is enabled without cluster access");
            assertEquals(note.getAttribute("id"), action.getAttribute("aria-describedby"), id);
        }
        assertTrue(s.byTestId("cluster-apply").getText().startsWith("Apply to cluster"));
        assertTrue(s.byTestId("cluster-audit").getText().startsWith("Audit the live cluster"));
        // a click on a disabled action opens nothing
        s.js("document.querySelector('[data-testid=cluster-apply]').click()");
        assertTrue(s.allByTestId("apply-dialog").isEmpty());
        assertTrue(s.byTestId("export-menu").isDisplayed());
        s.screenshot("export-05-cluster-disabled-dark");
        toggleTheme("light");
        assertTrue(s.byTestId("export-menu").isDisplayed());
        s.screenshot("export-06-cluster-disabled-light");
        toggleTheme("dark");
        closeMenu();
    }

    private void openMenu() {
        WebElement menu = s.byTestId("export-menu");
        if (!menu.isDisplayed()) {
            s.byTestId("export-button").click();
        }
        s.waitFor(ExpectedConditions.visibilityOf(menu));
    }

    private void closeMenu() {
        s.byTestId("export-button").click();
        s.waitFor(ExpectedConditions.invisibilityOf(s.byTestId("export-menu")));
    }

    /**
     * Switches the theme without closing an open menu or dialog: the click does not bubble to the
     * document (where a click outside closes the menu).
     */
    private void toggleTheme(String theme) {
        if (!theme.equals(s.js("return document.documentElement.dataset.theme"))) {
            s.js("document.querySelector('[data-action=theme]').dispatchEvent(new MouseEvent('click', {bubbles: false}))");
        }
        s.waitFor(d -> theme.equals(s.js("return document.documentElement.dataset.theme")));
    }
}
