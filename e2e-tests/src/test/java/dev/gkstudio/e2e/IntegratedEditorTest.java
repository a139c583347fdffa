package dev.gkstudio.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;

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
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The workspace (issue 8) and the language server (issue 9) on one page: the server completes from the
 * user's parameters schema and samples, its lint findings link to the rule pages, a syntax error is listed
 * once although both the server and the evaluator see it, and hovering a variable shows the value it took
 * in the last evaluation of the selected sample. Tests run in order on the start page's example policy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IntegratedEditorTest {

    private static final String SUGGESTIONS = "[data-testid='rego-editor'] .suggest-widget .monaco-list-row";

    private StudioSession s;

    @BeforeAll
    void start() throws Exception {
        s = StudioSession.open(Files.createTempDirectory("integrated-e2e"));
        s.waitFor(ExpectedConditions.textToBe(By.cssSelector("[data-testid='lsp-status']"), "connected"));
    }

    @AfterAll
    void stop() throws Exception {
        if (s != null) s.close();
    }

    @Test
    @Order(1)
    void parameterCompletionOffersTheTemplateSchemasNames() throws Exception {
        // a parameter the example does not have: the completion must come from the user's schema
        s.js("const m = window.studio.state.models.schema;"
                + "m.setValue(m.getValue() + '  exemptImages:\\n    type: array\\n    description: Images that may run anyway.\\n"
                + "    items:\\n      type: string\\n');");
        s.awaitCurrentResults();
        int line = s.lineOf("regoEditor", "not allowed(container.image)");
        s.caretAtLineEnd("regoEditor", line);
        new Actions(s.driver).sendKeys(Keys.ENTER, "input.parameters.").perform();
        List<WebElement> rows = suggestions("exemptImages");
        assertTrue(rows.stream().anyMatch(r -> r.getText().contains("repos")), texts(rows));
        s.screenshot("integrated-01-parameters-completion");
        new Actions(s.driver).sendKeys(Keys.ESCAPE).perform();
        undoTypedLine(line);
    }

    @Test
    @Order(2)
    void objectCompletionOffersTheSpecFieldsOfTheMatchedKind() throws Exception {
        int line = s.lineOf("regoEditor", "not allowed(container.image)");
        s.caretAtLineEnd("regoEditor", line);
        new Actions(s.driver).sendKeys(Keys.ENTER, "input.review.object.spec.").perform();
        List<WebElement> rows = suggestions("containers");
        assertFalse(rows.isEmpty());
        s.screenshot("integrated-02-object-completion");
        new Actions(s.driver).sendKeys(Keys.ESCAPE).perform();
        undoTypedLine(line);
    }

    @Test
    @Order(3)
    void aLintFindingLinksToItsRulePage() throws Exception {
        int line = s.lineOf("regoEditor", "not allowed(container.image)");
        s.caretAtLineEnd("regoEditor", line);
        new Actions(s.driver).sendKeys(Keys.ENTER, "unused_thing := 42").perform();
        s.awaitCurrentResults();
        WebElement link = s.waitFor(d -> d.findElements(By.cssSelector(
                "[data-testid='problems'] .problem[data-origin='lsp'] [data-testid='rule-link']")).stream()
                .filter(a -> a.getText().equals("bugs/unused-variable")).findFirst().orElse(null));
        WebElement row = link.findElement(By.xpath("./ancestor::div[contains(@class, 'problem')][1]"));
        assertEquals(String.valueOf(line + 1), row.getAttribute("data-line"));
        assertTrue(row.getText().contains("unused_thing"), row.getText());
        // the editor's marker carries the same link (Monaco shows it in the marker hover)
        assertEquals(Boolean.TRUE, s.js("return monaco.editor.getModelMarkers({owner: 'lsp',"
                + " resource: window.studio.state.models.rego.uri}).some(m => m.code && m.code.value === 'bugs/unused-variable'"
                + " && m.code.target.path === '/rules/bugs/unused-variable');"));
        s.screenshot("integrated-03-lint-problem");

        String studio = s.driver.getWindowHandle();
        link.click();
        s.waitFor(d -> d.getWindowHandles().size() == 2);
        String page = s.driver.getWindowHandles().stream().filter(h -> !h.equals(studio)).findFirst().orElseThrow();
        s.driver.switchTo().window(page);
        try {
            WebElement doc = s.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid='rule-doc']")));
            assertTrue(s.driver.getCurrentUrl().endsWith("/rules/bugs/unused-variable"), s.driver.getCurrentUrl());
            assertEquals("unused-variable", doc.findElement(By.tagName("h1")).getText());
            assertFalse(doc.findElements(By.cssSelector("pre code")).isEmpty(), "the rule's examples are code blocks");
            s.screenshot("integrated-04-rule-page");
        } finally {
            s.driver.close();
            s.driver.switchTo().window(studio);
        }
        undoTypedLine(line);
        s.awaitCurrentResults();
    }

    @Test
    @Order(4)
    void aSyntaxErrorIsListedOnceAndMarkedOnce() throws Exception {
        int line = s.lineOf("regoEditor", "not allowed(container.image)");
        s.caretAtLineEnd("regoEditor", line);
        new Actions(s.driver).sendKeys(" := :=").perform();
        s.awaitCurrentResults();
        // the evaluator saw it too: the last results that compiled stay, dimmed, under one banner
        s.waitFor(d -> "true".equals(s.byTestId("results").getAttribute("data-broken")));
        // the language server's marker is there, the evaluator's copy of it is not
        s.waitFor(d -> Boolean.TRUE.equals(s.js("return monaco.editor.getModelMarkers({owner: 'lsp',"
                + " resource: window.studio.state.models.rego.uri}).some(m => m.startLineNumber === arguments[0]"
                + " && m.severity === monaco.MarkerSeverity.Error);", line)));
        List<WebElement> errors = s.waitFor(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector(
                    "[data-testid='problems'] .problem[data-severity='error'][data-source='rego']"));
            return rows.size() == 1 ? rows : null;
        });
        assertEquals(String.valueOf(line), errors.get(0).getAttribute("data-line"));
        assertEquals(0L, s.js("return monaco.editor.getModelMarkers({owner: 'studio-eval',"
                + " resource: window.studio.state.models.rego.uri}).length;"));
        s.screenshot("integrated-05-syntax-error-once");
        s.js("const m = window.studio.state.models.rego; m.setValue(m.getValue().replace(' := :=', ''));");
        s.awaitCurrentResults();
        s.waitFor(d -> "violated".equals(s.sampleStatus("nginx-disallowed")));
    }

    @Test
    @Order(5)
    void hoverShowsTheValueOfTheLastEvaluationOfTheSelectedSample() throws Exception {
        // selecting a violation selects its sample (and traces it)
        s.violationsOf("nginx-disallowed").get(0).click();
        s.waitFor(d -> "ready".equals(s.byTestId("trace").getAttribute("data-state")));
        int line = s.lineOf("regoEditor", "container := input.review.object.spec.containers[_]");
        s.js("const e = window.studio.editors.regoEditor; e.setModel(window.studio.state.models.rego);"
                + "e.setPosition({lineNumber: arguments[0], column: 5}); e.revealLineInCenter(arguments[0]); e.focus();"
                + "e.trigger('test', 'editor.action.showHover', {});", line);
        WebElement hover = s.waitFor(d -> d.findElements(By.cssSelector("[data-testid='rego-editor'] .monaco-hover")).stream()
                .filter(h -> h.getText().contains("Last evaluation")).findFirst().orElse(null));
        String text = hover.getText();
        assertTrue(text.contains("nginx-disallowed"), text);
        assertTrue(text.contains("\"image\": \"nginx:1.27\"") || text.contains("\"image\":\"nginx:1.27\""), text);
        s.screenshot("integrated-06-hover-value");
        new Actions(s.driver).sendKeys(Keys.ESCAPE).perform();
    }

    @Test
    @Order(6)
    void aGalleryPolicyWithLibsHasNoFalseErrorsAndNoStickyHeaders() throws Exception {
        s.openGalleryPolicy("allowed-repos");
        // the lib is a document of its own: its lint findings are listed, its functions resolve in template.rego
        s.waitFor(d -> !d.findElements(By.cssSelector("[data-testid='problems'] .problem[data-source='lib:0']")).isEmpty());
        s.waitFor(d -> d.findElements(By.cssSelector("[data-testid='problems'] .problem[data-severity='error']")).isEmpty());
        assertEquals(Boolean.TRUE, s.js("return Object.values(window.studio.editors)"
                + ".every(e => !e.getOption(monaco.editor.EditorOption.stickyScroll).enabled);"));
        assertEquals(Boolean.TRUE, s.js("return window.studio.editors.regoEditor.getRawOptions()['semanticHighlighting.enabled'] === true;"));
        s.js("window.studio.editors.samplesEditor.revealLineNearTop(40)");
        s.screenshot("integrated-07-gallery-policy-with-lib");
    }

    private List<WebElement> suggestions(String expected) {
        return s.waitFor(d -> {
            List<WebElement> r = d.findElements(By.cssSelector(SUGGESTIONS));
            return r.stream().anyMatch(e -> e.getText().contains(expected)) ? r : null;
        });
    }

    /** Removes the line typed after {@code line} (Enter + text). */
    private void undoTypedLine(int line) {
        s.js("const m = window.studio.state.models.rego;"
                + "m.pushEditOperations([], [{range: new monaco.Range(arguments[0], m.getLineMaxColumn(arguments[0]),"
                + " arguments[0] + 1, m.getLineMaxColumn(arguments[0] + 1)), text: ''}], () => null);", line);
    }

    private static String texts(List<WebElement> rows) {
        return rows.stream().map(WebElement::getText).toList().toString();
    }
}
