package dev.gkstudio.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The language server in the browser: typing in the Rego editor opens the completion list with the
 * AdmissionRequest fields, and a syntax error gets a red squiggle from the server's diagnostics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LanguageServerEditorTest {

    private StudioSession session;

    @BeforeAll
    void start() throws Exception {
        session = StudioSession.open(Files.createTempDirectory("lsp-e2e"));
        session.waitFor(ExpectedConditions.textToBe(By.cssSelector("[data-testid='lsp-status']"), "connected"));
    }

    @AfterAll
    void stop() throws Exception {
        if (session != null) session.close();
    }

    @Test
    void typingShowsCompletionsAndASquiggleForASyntaxError() throws Exception {
        int line = session.lineOf("regoEditor", "violation");
        session.caretAtLineEnd("regoEditor", line);
        new Actions(session.driver).sendKeys(Keys.ENTER, "input.review.").perform();

        List<WebElement> rows = session.waitFor(d -> {
            List<WebElement> r = d.findElements(By.cssSelector("[data-testid='rego-editor'] .suggest-widget .monaco-list-row"));
            return r.stream().anyMatch(e -> e.getText().contains("object")) ? r : null;
        });
        assertTrue(rows.stream().anyMatch(e -> e.getText().contains("operation")), "AdmissionRequest fields listed");
        session.screenshot("lsp-completion");

        new Actions(session.driver).sendKeys(Keys.ESCAPE, "object := := 1").perform();
        session.waitFor(d -> Boolean.TRUE.equals(session.js(
                "const m = window.studio.editors.regoEditor.getModel();"
                        + "return monaco.editor.getModelMarkers({owner: 'lsp', resource: m.uri})"
                        + ".some(x => x.severity === monaco.MarkerSeverity.Error && x.source === 'rego');")));
        session.waitFor(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-testid='rego-editor'] .squiggly-error")));
        session.screenshot("lsp-squiggle");
    }
}
