package dev.gkstudio.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The Rego debugger (issue 20) on the gallery policy {@code allowed-repos}: a breakpoint (F9) in the helper
 * {@code allowed(image)}, Debug on a violating sample's card, a stop at that line with the sample line highlighted,
 * step into the helper {@code qualified(image)}, read {@code image} in Variables and a watch, continue to the end
 * and its violation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DebuggerTest {

    private static final String SAMPLE = "update-to-foreign-image";
    private StudioSession s;

    @BeforeAll
    void start() throws Exception {
        s = StudioSession.open(Files.createTempDirectory("debugger-e2e"));
        s.openGalleryPolicy("allowed-repos");
    }

    @AfterAll
    void stop() throws Exception {
        if (s != null) s.close();
    }

    private WebElement panel() {
        return s.byTestId("debug");
    }

    private String currentLine() {
        return s.byTestId("debug-current-line").getAttribute("data-line");
    }

    private void awaitPaused() {
        s.waitFor(d -> "paused".equals(panel().getAttribute("data-state")));
    }

    @Test
    void breakpointInAHelperStepIntoReadAVariableContinueToTheViolation() throws Exception {
        assertEquals("violated", s.sampleStatus(SAMPLE));
        List<WebElement> violations = s.violationsOf(SAMPLE);
        String message = violations.get(0).findElement(By.cssSelector(".message")).getText();

        // a breakpoint in the helper allowed(image), set with F9 in the Rego editor
        int helperLine = s.lineOf("regoEditor", "startswith(qualified(image), repos[_])");
        int qualifiedLine = s.lineOf("regoEditor", "parts := split(image, \"/\")");
        assertTrue(helperLine > 0 && qualifiedLine > 0);
        s.caretAtLineEnd("regoEditor", helperLine);
        new Actions(s.driver).sendKeys(Keys.F9).perform();
        s.waitFor(d -> !d.findElements(By.cssSelector("[data-testid='rego-editor'] .debug-breakpoint-glyph")).isEmpty());

        // Debug on the violating sample's card
        s.driver.findElement(By.cssSelector("[data-testid='debug-start'][data-sample='" + SAMPLE + "']")).click();
        awaitPaused();
        assertEquals(String.valueOf(helperLine), currentLine());
        WebElement stack = s.byTestId("debug-stack");
        assertTrue(stack.findElements(By.tagName("li")).get(0).getText().contains("function data.k8sallowedimagerepos.allowed"),
                stack.getText());
        assertTrue(stack.getText().contains("rule data.k8sallowedimagerepos.violation"), stack.getText());
        // the paused line is highlighted in the editor, and the sample line the bindings point at in the samples
        s.waitFor(d -> !d.findElements(By.cssSelector("[data-testid='rego-editor'] .debug-current-line-highlight")).isEmpty());
        s.waitFor(d -> !d.findElements(By.cssSelector("[data-testid='samples-editor'] .sample-highlight")).isEmpty());
        s.screenshot("debugger-01-breakpoint-in-helper");

        // step into the helper qualified(image)
        s.byTestId("debug-step-into").click();
        awaitPaused();
        s.waitFor(d -> String.valueOf(qualifiedLine).equals(currentLine()));
        assertTrue(stack.findElements(By.tagName("li")).get(0).getText().contains("function data.k8sallowedimagerepos.qualified"),
                stack.getText());

        // read a variable: image, in the helper's locals
        By image = By.cssSelector("[data-testid='debug-variables'] [data-testid='debug-var'][data-name='image'] [data-role='value']");
        s.waitFor(d -> !d.findElements(image).isEmpty());
        String imageValue = s.driver.findElement(image).getText();
        assertTrue(imageValue.startsWith("\"") && message.contains(imageValue.replace("\"", "")),
                imageValue + " not in " + message);
        // and a watch evaluated in the paused frame
        WebElement watch = s.byTestId("debug-watch-input");
        watch.sendKeys("split(image, \"/\")[0]", Keys.ENTER);
        By watchValue = By.cssSelector("[data-testid='debug-watch-item'] [data-role='value']");
        s.waitFor(d -> !d.findElements(watchValue).isEmpty() && !"…".equals(d.findElement(watchValue).getText()));
        String first = s.driver.findElement(watchValue).getText();
        assertEquals("\"" + imageValue.replace("\"", "").split("/")[0] + "\"", first);
        s.screenshot("debugger-02-stepped-into-qualified");

        // continue (the breakpoint may stop again for other containers) to the end and its violation
        for (int i = 0; i < 20 && !"idle".equals(panel().getAttribute("data-state")); i++) {
            awaitPaused();
            s.byTestId("debug-continue").click();
            s.waitFor(d -> !"paused".equals(panel().getAttribute("data-state"))
                    || !s.byTestId("debug-continue").isEnabled() || true);
            s.waitFor(d -> "idle".equals(panel().getAttribute("data-state")) || "paused".equals(panel().getAttribute("data-state")));
        }
        s.waitFor(d -> "idle".equals(panel().getAttribute("data-state")));
        String status = s.byTestId("debug-status").getText();
        assertTrue(status.startsWith("finished: " + violations.size() + " violation"), status);
        assertTrue(status.contains(message), status + " / " + message);
        assertFalse(s.byTestId("debug-continue").isEnabled());
        s.screenshot("debugger-03-finished-with-the-violation");
    }
}
