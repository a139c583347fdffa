package dev.gkstudio.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The workspace of issue 8 in a real browser: a gallery policy and its expected violations,
 * live re-evaluation while typing, error markers, an UPDATE AdmissionReview, the trace of a
 * violation, coverage, the generated YAML, and the downloaded bundle passing {@code verify}.
 * Tests run in order on one page: each starts from the state the previous one left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkspaceTest {

    private static final String POLICY = "allowed-repos";
    private static final String FOREIGN = "foreign-registries-in-all-container-types";

    private StudioSession s;
    private Path downloads;

    @BeforeAll
    void start() throws Exception {
        downloads = Files.createTempDirectory("gkstudio-downloads-");
        s = StudioSession.open(downloads);
        s.js("window.__loadedOnce = true;");
    }

    @AfterAll
    void stop() throws Exception {
        if (s != null) {
            s.close();
        }
    }

    @Test
    @Order(1)
    void theStartPageEvaluatesItsExample() throws Exception {
        assertEquals("allowed", s.sampleStatus("opa-allowed"));
        assertEquals("violated", s.sampleStatus("nginx-disallowed"));
        s.screenshot("workspace-01-start");
    }

    @Test
    @Order(2)
    void aGalleryPolicyShowsItsExpectedViolations() throws Exception {
        // a trace of the start page's policy is shown ...
        WebElement trace = s.byTestId("trace");
        s.violationsOf("nginx-disallowed").get(0).click();
        s.waitFor(d -> "ready".equals(trace.getAttribute("data-state"))
                && trace.getText().contains("data.k8sallowedrepos."));
        s.js("window.studio.editors.samplesEditor.setScrollTop(10000)");
        s.waitFor(d -> ((Number) s.js("return window.studio.editors.samplesEditor.getScrollTop()")).intValue() > 0);
        s.openGalleryPolicy(POLICY);
        // the new policy's samples are shown from their first line
        assertEquals(0, ((Number) s.js("return window.studio.editors.samplesEditor.getScrollTop()")).intValue());
        assertTrue(s.allByTestId("constraint-error").isEmpty());
        // ... and after opening the gallery policy the trace is the new policy's (never the previous one's)
        s.waitFor(d -> "ready".equals(trace.getAttribute("data-state"))
                && trace.getText().contains("data.k8sallowedimagerepos."));
        assertFalse(trace.getText().contains("data.k8sallowedrepos."), trace.getText());
        assertTrue(s.allByTestId("sample-status").stream()
                .anyMatch(e -> e.getAttribute("data-sample").equals(trace.getAttribute("data-sample"))), trace.getAttribute("data-sample"));
        s.driver.findElement(By.cssSelector("[data-tabs='details'] [data-tab='problems']")).click();
        assertEquals(8, s.allByTestId("sample-status").size());
        assertEquals("violated", s.sampleStatus(FOREIGN));
        assertEquals(3, s.violationsOf(FOREIGN).size());
        assertEquals("allowed", s.sampleStatus("ecr-and-bitnami-pod"));
        assertEquals("violated", s.sampleStatus("update-to-foreign-image"));
        WebElement violation = s.violationsOf(FOREIGN).get(0);
        assertEquals("K8sAllowedImageRepos/medstack-allowed-repos", violation.getAttribute("data-constraint"));
        // every sample meets the suite's assertions
        assertEquals(8, s.driver.findElements(By.cssSelector("[data-testid='expectation'][data-met='true']")).size());
        assertTrue(s.byTestId("results").getText().contains("expectations 8/8 met"), s.byTestId("results").getText());
        // the sample names are shown whole (the kind / namespace text gives way first)
        assertEquals(List.of(), s.js("return [...document.querySelectorAll('[data-testid=results] .sample-head .name')]"
                + ".filter(n => n.scrollWidth > n.clientWidth + 1).map(n => n.textContent);"));
        s.screenshot("workspace-02-gallery-policy");
        // the samples pane's hint follows its tab: the Inventory tab explains data.inventory
        s.driver.findElement(By.cssSelector("[data-tabs='samples'] [data-tab='inventory']")).click();
        WebElement inventoryHint = s.byTestId("inventory-hint");
        s.waitFor(d -> inventoryHint.isDisplayed());
        assertTrue(inventoryHint.getText().contains("data.inventory"), inventoryHint.getText());
        assertFalse(s.driver.findElement(By.cssSelector("[data-hint-for='samples']")).isDisplayed());
        s.driver.findElement(By.cssSelector("[data-tabs='samples'] [data-tab='samples']")).click();
        s.waitFor(d -> !inventoryHint.isDisplayed());
    }

    @Test
    @Order(3)
    void editingTheRegoMakesAViolationDisappearWithoutReload() throws Exception {
        int line = s.lineOf("regoEditor", "image := entry.container.image");
        assertTrue(line > 0);
        s.caretAtLineEnd("regoEditor", line);
        // typed for real; Monaco closes the brackets and quotes and types over them
        new Actions(s.driver).sendKeys(Keys.ENTER, "not contains(image, \"nginx\")").perform();
        assertTrue(s.text("regoEditor").contains("  not contains(image, \"nginx\")\n"), s.text("regoEditor"));
        s.awaitCurrentResults();
        s.waitFor(d -> s.violationsOf(FOREIGN).size() == 2);
        for (WebElement v : s.allByTestId("violation")) {
            assertFalse(v.getText().contains("uses image \"nginx"), v.getText());
        }
        assertEquals(Boolean.TRUE, s.js("return window.__loadedOnce === true"), "the page was reloaded");
        // the suite expected 3: the expectation now fails, and says so
        s.waitFor(d -> "false".equals(card(FOREIGN).findElement(By.cssSelector("[data-testid='expectation']"))
                .getAttribute("data-met")));
        s.screenshot("workspace-03-rego-edited");
    }

    @Test
    @Order(4)
    void aSyntaxErrorShowsAMarkerAtItsLine() throws Exception {
        int line = s.lineOf("regoEditor", "not contains(image, \"nginx\")");
        s.caretAtLineEnd("regoEditor", line);
        new Actions(s.driver).sendKeys(" := :=").perform();
        s.awaitCurrentResults();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> markers = (List<Map<String, Object>>) s.waitFor(d -> {
            // the evaluator's marker, or the language server's when it reports the same error (then the
            // evaluator's copy is dropped so the error is not shown twice)
            Object m = s.js("const uri = window.studio.state.models.rego.uri;"
                    + "return ['studio-eval', 'lsp'].flatMap(owner => monaco.editor.getModelMarkers({owner, resource: uri}))"
                    + ".filter(m => m.severity === monaco.MarkerSeverity.Error)"
                    + ".map(m => ({line: m.startLineNumber, message: m.message}));");
            return m instanceof List<?> l && !l.isEmpty() ? m : null;
        });
        assertEquals(line, ((Number) markers.get(0).get("line")).intValue(), markers.toString());
        WebElement problem = s.waitFor(d -> d.findElement(By.cssSelector("[data-testid='problems'] .problem[data-source='rego'][data-severity='error']")));
        assertEquals(String.valueOf(line), problem.getAttribute("data-line"));
        assertFalse(s.driver.findElements(By.cssSelector("[data-testid='rego-editor'] .squiggly-error")).isEmpty());
        // one typo does not turn every card red: the last results that compiled stay, dimmed, under one
        // banner naming the error and where it is (issue 19)
        WebElement banner = s.waitFor(d -> d.findElement(By.cssSelector("[data-testid='results-broken-banner']")));
        assertTrue(banner.getText().contains("template.rego line " + line), banner.getText());
        assertEquals("true", s.byTestId("results").getAttribute("data-broken"));
        assertEquals("violated", s.sampleStatus(FOREIGN));
        // the template is at fault, not the constraint: no "not applied" notice on top
        assertTrue(s.allByTestId("constraint-error").isEmpty());
        s.screenshot("workspace-04-syntax-error");
        // back to the working policy
        s.js("const m = window.studio.state.models.rego; m.setValue(m.getValue().replace(' := :=', ''));");
        s.awaitCurrentResults();
        s.waitFor(d -> "false".equals(s.byTestId("results").getAttribute("data-broken")));
        assertTrue(s.allByTestId("results-broken-banner").isEmpty());
        s.waitFor(d -> "violated".equals(s.sampleStatus(FOREIGN)));
    }

    @Test
    @Order(5)
    void aPastedUpdateAdmissionReviewIsEvaluated() throws Exception {
        String review = """
                ---
                # case: pasted-update
                # expect: 1 violation /portal:2\\.0/
                apiVersion: admission.k8s.io/v1
                kind: AdmissionReview
                request:
                  uid: 7f0c6b1e-0000-4000-8000-000000000001
                  kind: {group: "", version: v1, kind: Pod}
                  resource: {group: "", version: v1, resource: pods}
                  name: portal
                  namespace: medstack
                  operation: UPDATE
                  userInfo: {username: alice@example.com, groups: ["system:authenticated"]}
                  object:
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: portal, namespace: medstack}
                    spec:
                      containers:
                        - name: portal
                          image: quay.io/medstack/portal:2.0
                  oldObject:
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: portal, namespace: medstack}
                    spec:
                      containers:
                        - name: portal
                          image: docker.io/bitnami/nginx:1.26
                """;
        s.js("const e = window.studio.editors.samplesEditor; const m = e.getModel();"
                + "e.setPosition({lineNumber: m.getLineCount(), column: m.getLineMaxColumn(m.getLineCount())});"
                + "e.focus(); e.trigger('keyboard', 'paste', {text: '\\n' + arguments[0]});", review);
        s.awaitCurrentResults();
        s.waitFor(d -> !d.findElements(By.cssSelector("[data-testid='sample-status'][data-sample='pasted-update']")).isEmpty());
        assertEquals("violated", s.sampleStatus("pasted-update"));
        WebElement card = card("pasted-update");
        assertTrue(card.getText().contains("UPDATE"), card.getText());
        assertEquals("true", card.findElement(By.cssSelector("[data-testid='expectation']")).getAttribute("data-met"));
        s.js("window.studio.editors.samplesEditor.revealLine(window.studio.editors.samplesEditor.getModel().getLineCount())");
        s.screenshot("workspace-05-update-admission-review");
    }

    @Test
    @Order(6)
    void clickingAViolationShowsItsRuleItsLineAndItsTrace() throws Exception {
        WebElement violation = s.violationsOf("pasted-update").get(0);
        violation.click();
        WebElement trace = s.byTestId("trace");
        s.waitFor(d -> trace.isDisplayed() && "ready".equals(trace.getAttribute("data-state")));
        assertTrue(trace.findElements(By.cssSelector(".trace-line")).size() > 10);
        assertEquals("Enter", trace.findElements(By.cssSelector(".trace-line")).get(0).getAttribute("data-op"));
        // the violation rule is highlighted in the Rego editor, the image line in the samples
        s.waitFor(d -> !d.findElements(By.cssSelector("[data-testid='rego-editor'] .rule-highlight")).isEmpty());
        assertFalse(s.driver.findElements(By.cssSelector("[data-testid='samples-editor'] .sample-highlight")).isEmpty());
        int imageLine = s.lineOf("samplesEditor", "image: quay.io/medstack/portal:2.0");
        assertEquals(imageLine, ((Number) s.js("return window.studio.editors.samplesEditor"
                + ".getDecorationsInRange(new monaco.Range(1,1,100000,1))"
                + ".find(d => d.options.className === 'sample-highlight').range.startLineNumber")).intValue());
        // the sample picker shows the whole name of the traced sample
        WebElement picker = trace.findElement(By.cssSelector("[data-role='trace-sample']"));
        assertTrue(picker.getAttribute("title").startsWith("pasted-update ("), picker.getAttribute("title"));
        assertEquals(Boolean.TRUE, s.js("const p = arguments[0]; const c = document.createElement('canvas').getContext('2d');"
                + "c.font = getComputedStyle(p).font;"
                + "return c.measureText(p.selectedOptions[0].textContent).width + 16 <= p.getBoundingClientRect().width;",
                picker), "the trace sample picker cuts the sample name");
        // notes view without trace() calls says so
        trace.findElement(By.cssSelector("[data-mode='notes']")).click();
        assertTrue(s.waitFor(d -> trace.findElement(By.cssSelector("[data-testid='trace-empty']"))).getText().contains("trace("));
        s.screenshot("workspace-06-trace");
        // fails view and search
        trace.findElement(By.cssSelector("[data-mode='fails']")).click();
        WebElement search = trace.findElement(By.cssSelector("[data-role='trace-search']"));
        search.sendKeys("startswith");
        s.waitFor(d -> trace.findElement(By.cssSelector("[data-role='trace-count']")).getText().matches("\\d+ of \\d+ events.*"));
        for (WebElement line : trace.findElements(By.cssSelector(".trace-line"))) {
            assertTrue(line.getText().contains("startswith") || line.getText().contains("Enter")
                    || line.getText().contains("Redo"), line.getText());
        }
        s.screenshot("workspace-07-trace-fails-search");
        search.clear();
        trace.findElement(By.cssSelector("[data-mode='full']")).click();
    }

    @Test
    @Order(7)
    void coverageHighlightsCoveredAndUncoveredLines() throws Exception {
        s.byTestId("coverage-toggle").click();
        s.awaitCurrentResults();
        s.waitFor(d -> !d.findElements(By.cssSelector("[data-testid='rego-editor'] .cov-covered")).isEmpty());
        s.screenshot("workspace-08-coverage");
        s.byTestId("coverage-toggle").click();
        s.awaitCurrentResults();
        s.waitFor(d -> d.findElements(By.cssSelector("[data-testid='rego-editor'] .cov-covered")).isEmpty());
    }

    @Test
    @Order(8)
    void theParametersFormRewritesTheConstraint() throws Exception {
        s.driver.findElement(By.cssSelector("[data-tabs='constraint'] [data-tab='parameters']")).click();
        WebElement form = s.byTestId("parameters-form");
        form.findElement(By.cssSelector("[aria-label='Add to repos']")).click();
        s.awaitCurrentResults();
        List<WebElement> inputs = form.findElements(By.cssSelector("input[aria-label^='repos.']"));
        inputs.get(inputs.size() - 1).sendKeys("quay.io/medstack/");
        s.waitFor(d -> s.text("constraintEditor").contains("- quay.io/medstack/"));
        s.awaitCurrentResults();
        s.waitFor(d -> "allowed".equals(s.sampleStatus("pasted-update")));
        s.screenshot("workspace-09-parameters-form");
        s.driver.findElement(By.cssSelector("[data-tabs='constraint'] [data-tab='match']")).click();
        s.waitFor(d -> !d.findElements(By.cssSelector("[data-testid='match-scope'] li[data-in-scope='false']")).isEmpty());
        s.screenshot("workspace-10-match-builder");
        s.driver.findElement(By.cssSelector("[data-tabs='constraint'] [data-tab='yaml']")).click();
    }

    @Test
    @Order(9)
    void theGeneratedYamlAndTheLightTheme() throws Exception {
        s.driver.findElement(By.cssSelector("[data-tabs='details'] [data-tab='generated']")).click();
        assertTrue(s.byTestId("generated-template").getText().contains("kind: ConstraintTemplate"));
        s.driver.findElement(By.cssSelector("[data-tabs='generated'] [data-tab='suite']")).click();
        assertTrue(s.byTestId("generated-suite").getText().contains("kind: Suite"));
        assertTrue(((String) s.js("return document.querySelector('[data-testid=generated-constraint]').textContent"))
                .contains("kind: K8sAllowedImageRepos"));
        s.driver.findElement(By.cssSelector("[data-action='theme']")).click();
        assertEquals("light", s.js("return document.documentElement.dataset.theme"));
        s.screenshot("workspace-11-generated-light");
        s.driver.findElement(By.cssSelector("[data-action='theme']")).click();
    }

    @Test
    @Order(10)
    void theDownloadedBundlePassesVerify() throws Exception {
        // the edits above changed the outcome: undo the Rego edit so the suite's expectations hold again
        s.js("const m = window.studio.state.models.rego;"
                + "m.setValue(m.getValue().replace('\\n  not contains(image, \"nginx\")', ''));"
                + "const c = window.studio.state.models.constraint;"
                + "c.setValue(c.getValue().replace(/\\n *- quay.io\\/medstack\\//, ''));");
        s.awaitCurrentResults();
        s.waitFor(d -> s.violationsOf(FOREIGN).size() == 3);
        s.js("window.studio.editors.samplesEditor.focus()");
        // Ctrl+S in an editor downloads the bundle
        new Actions(s.driver).keyDown(Keys.CONTROL).sendKeys("s").keyUp(Keys.CONTROL).perform();
        s.waitFor(d -> d.findElement(By.cssSelector(".toast")).getText().contains("Bundle"));
        Path zip = Bundles.awaitDownload(s, downloads, ".zip");
        Path dir = Files.createDirectories(Path.of(System.getProperty("studio.screenshots")).getParent().resolve("bundle"));
        Path suite = Bundles.unzip(zip, dir).resolve("k8sallowedimagerepos/suite.yaml");
        assertTrue(Files.isRegularFile(suite), "no suite.yaml in " + zip);
        String suiteText = Files.readString(suite);
        assertTrue(suiteText.contains("pasted-update"), suiteText);
        Bundles.Verify verify = Bundles.verify(suite);
        assertEquals(0, verify.exit(), verify.output());
        assertTrue(verify.output().contains("ok"), verify.output());
        assertTrue(verify.output().strip().endsWith("PASS"), verify.output());
    }

    @Test
    @Order(11)
    void aNarrowWindowKeepsTheTopBarOnOneLineAndTheFormsInTheirPane() throws Exception {
        org.openqa.selenium.Dimension before = s.driver.manage().window().getSize();
        try {
            s.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 720));
            s.waitFor(d -> ((Number) s.js("return window.innerWidth")).intValue() <= 1280);
            // no label of the top bar wraps onto a second line
            @SuppressWarnings("unchecked")
            List<String> wrapped = (List<String>) s.js("return [...document.querySelectorAll('.topbar .btn, .topbar .brand, .topbar .lsp')]"
                    + ".filter(e => e.getBoundingClientRect().height > 34).map(e => e.textContent.trim());");
            assertEquals(List.of(), wrapped);
            // the match builder's inputs shrink with the pane: nothing is pushed out to the right
            s.driver.findElement(By.cssSelector("[data-tabs='constraint'] [data-tab='match']")).click();
            WebElement match = s.byTestId("match-builder");
            s.waitFor(d -> match.isDisplayed());
            assertEquals(Boolean.TRUE, s.js("return arguments[0].scrollWidth <= arguments[0].clientWidth + 1;", match),
                    "the match builder overflows its pane");
            s.screenshot("workspace-12-narrow-window");
            s.driver.findElement(By.cssSelector("[data-tabs='constraint'] [data-tab='yaml']")).click();
        } finally {
            s.driver.manage().window().setSize(before);
        }
    }

    @Test
    @Order(12)
    void aConstraintWithoutItsTemplateIsReportedAsNotApplied() throws Exception {
        String constraint = s.text("constraintEditor");
        s.js("const m = window.studio.state.models.constraint;"
                + "m.setValue(m.getValue().replace('kind: K8sAllowedImageRepos', 'kind: K8sAllowedImageReposTypo'));");
        s.awaitCurrentResults();
        WebElement notice = s.waitFor(d -> d.findElement(By.cssSelector("[data-testid='constraint-error']")));
        assertEquals("K8sAllowedImageReposTypo/medstack-allowed-repos", notice.getAttribute("data-constraint"));
        assertTrue(notice.getText().contains("is not applied"), notice.getText());
        assertTrue(s.byTestId("results").getText().contains("1 constraint not applied"), s.byTestId("results").getText());
        s.screenshot("workspace-13-constraint-not-applied");
        s.js("window.studio.state.models.constraint.setValue(arguments[0]);", constraint);
        s.awaitCurrentResults();
        s.waitFor(d -> d.findElements(By.cssSelector("[data-testid='constraint-error']")).isEmpty());
    }

    private WebElement card(String sample) {
        return s.driver.findElement(By.cssSelector("[data-testid='sample-status'][data-sample='" + sample + "']"))
                .findElement(By.xpath("./ancestor::div[contains(concat(' ', @class, ' '), ' sample ')][1]"));
    }
}
