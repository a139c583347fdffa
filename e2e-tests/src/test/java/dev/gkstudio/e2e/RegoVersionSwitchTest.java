package dev.gkstudio.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import org.openqa.selenium.support.ui.Select;

/**
 * The "Rego v0 / v1" selector: switching a v0 gallery policy (entry point and lib) to v1 converts its code through
 * the language server's "Convert to Rego v1" action, with the same results and no errors; Ctrl+Z in the editor
 * restores the v0 text (and v0); switching v1-only code to v0 keeps the text and v1 and says why.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegoVersionSwitchTest {

    private static final String POLICY = "allowed-repos";
    private static final String ERRORS = "[data-testid='problems'] .problem[data-severity='error']";

    private StudioSession s;
    private String v0Rego;
    private String v0Lib;
    private List<String> v0Results;

    @BeforeAll
    void start() throws Exception {
        s = StudioSession.open(Files.createTempDirectory("rego-version-e2e"));
        s.waitFor(ExpectedConditions.textToBe(By.cssSelector("[data-testid='lsp-status']"), "connected"));
        s.openGalleryPolicy(POLICY);
        assertEquals("v0", version());
        awaitNoErrors();
        v0Rego = s.text("regoEditor");
        v0Lib = lib();
        v0Results = results();
        assertTrue(v0Results.stream().anyMatch(r -> r.contains("violated")), v0Results.toString());
    }

    @AfterAll
    void stop() throws Exception {
        if (s != null) s.close();
    }

    @Test
    @Order(1)
    void switchingAV0PolicyToV1ConvertsItWithTheSameResults() throws Exception {
        select("v1");
        WebElement notice = notice("converted");
        assertTrue(notice.getText().contains("template.rego") && notice.getText().contains("lib_0.rego"), notice.getText());
        assertEquals("v1", version());
        String rego = s.text("regoEditor");
        assertNotEquals(v0Rego, rego);
        assertTrue(rego.contains(" contains ") && rego.contains(" if "), rego);
        assertNotEquals(v0Lib, lib());
        s.awaitCurrentResults();
        awaitNoErrors();
        assertEquals(v0Results, results());
        s.screenshot("rego-version-01-converted-to-v1");
    }

    @Test
    @Order(2)
    void ctrlZInTheEditorRestoresTheV0Text() throws Exception {
        s.caretAtLineEnd("regoEditor", 1);
        new Actions(s.driver).keyDown(Keys.CONTROL).sendKeys("z").keyUp(Keys.CONTROL).perform();
        s.waitFor(d -> v0Rego.equals(s.text("regoEditor")));
        notice("undone");
        assertEquals("v0", version()); // the selector follows the undo, and the lib is restored with it
        assertEquals(v0Lib, lib());
        s.awaitCurrentResults();
        awaitNoErrors();
        assertEquals(v0Results, results());
        s.screenshot("rego-version-02-undone");
    }

    @Test
    @Order(3)
    void switchingV1OnlyCodeToV0KeepsItAndSaysWhy() throws Exception {
        select("v1");
        notice("converted");
        String v1Rego = s.text("regoEditor");
        s.awaitCurrentResults();
        select("v0");
        WebElement notice = notice("kept");
        assertTrue(notice.getText().contains("no v1 → v0 conversion"), notice.getText());
        assertEquals("v1", version());
        assertEquals(v1Rego, s.text("regoEditor"));
        s.awaitCurrentResults();
        awaitNoErrors();
        assertEquals(v0Results, results());
        s.screenshot("rego-version-03-kept-v1");
    }

    private void select(String version) {
        new Select(s.driver.findElement(By.cssSelector("[data-role='rego-version']"))).selectByValue(version);
    }

    private String version() {
        return (String) s.js("return document.querySelector('[data-role=\"rego-version\"]').value;");
    }

    private String lib() {
        return (String) s.js("return window.studio.state.libModels[0].getValue();");
    }

    private WebElement notice(String state) {
        return s.waitFor(d -> d.findElements(By.cssSelector("[data-testid='rego-version-notice'][data-state='" + state + "']"))
                .stream().findFirst().orElse(null));
    }

    private void awaitNoErrors() {
        s.waitFor(d -> d.findElements(By.cssSelector(ERRORS)).isEmpty()
                && d.findElements(By.cssSelector("[data-testid='sample-status'][data-status='error']")).isEmpty());
    }

    /** Each sample's status and its violation messages, in order. */
    @SuppressWarnings("unchecked")
    private List<String> results() {
        List<String> out = (List<String>) s.js("return [...document.querySelectorAll('[data-testid=sample-status]')].map(e => "
                + "e.dataset.sample + ' ' + e.dataset.status + ' ' + [...document.querySelectorAll("
                + "'[data-testid=violation][data-sample=\"' + e.dataset.sample + '\"]')].map(v => v.textContent).join(' | '));");
        assertFalse(out.isEmpty());
        return out;
    }
}
