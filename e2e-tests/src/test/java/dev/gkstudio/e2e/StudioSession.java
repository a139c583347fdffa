package dev.gkstudio.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The packaged Studio and a Chromium page on it, with the helpers the workspace tests share. */
final class StudioSession implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);

    final StudioProcess studio;
    final Chromium chromium;
    final ChromeDriver driver;

    private StudioSession(StudioProcess studio, Chromium chromium) {
        this.studio = studio;
        this.chromium = chromium;
        this.driver = chromium.driver;
    }

    static StudioSession open(Path downloads) throws Exception {
        Chromium.requireInstalled();
        StudioProcess studio = StudioProcess.start(Path.of(System.getProperty("studio.app")),
                Path.of(System.getProperty("studio.log")));
        Chromium chromium;
        try {
            chromium = Chromium.start(downloads);
        } catch (Exception e) {
            studio.close();
            throw e;
        }
        StudioSession session = new StudioSession(studio, chromium);
        session.driver.get(studio.baseUri.toString());
        session.waitFor(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-testid='rego-editor'] .view-lines .view-line")));
        try {
            session.awaitCurrentResults();
        } catch (RuntimeException e) {
            session.screenshot("startup-failure");
            session.close();
            throw e;
        }
        return session;
    }

    <T> T waitFor(java.util.function.Function<? super org.openqa.selenium.WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    WebElement byTestId(String id) {
        return driver.findElement(By.cssSelector("[data-testid='" + id + "']"));
    }

    List<WebElement> allByTestId(String id) {
        return driver.findElements(By.cssSelector("[data-testid='" + id + "']"));
    }

    /** Waits until the results pane shows the result of the latest edit. */
    void awaitCurrentResults() {
        waitFor(d -> Boolean.TRUE.equals(js(
                "const r = document.querySelector('[data-testid=results]');"
                        + "return !!window.studio && r.dataset.stale === 'false'"
                        + " && Number(r.dataset.version) === window.studio.state.version"
                        + " && Number(r.dataset.version) > 0;")));
    }

    void openGalleryPolicy(String id) {
        waitFor(d -> Integer.parseInt(byTestId("gallery").getAttribute("data-count") == null ? "0"
                : byTestId("gallery").getAttribute("data-count")) > 0);
        long before = ((Number) js("return window.studio.state.version")).longValue();
        new Select(byTestId("gallery")).selectByValue(id);
        // over edited work the Studio asks first (issue 19): these tests always replace it
        waitFor(d -> ((Number) js("return window.studio.state.version")).longValue() > before
                || !allByTestId("confirm-replace-ok").isEmpty());
        if (!allByTestId("confirm-replace-ok").isEmpty()) {
            byTestId("confirm-replace-ok").click();
            waitFor(d -> ((Number) js("return window.studio.state.version")).longValue() > before);
        }
        awaitCurrentResults();
    }

    String sampleStatus(String sample) {
        return driver.findElement(By.cssSelector("[data-testid='sample-status'][data-sample='" + sample + "']"))
                .getAttribute("data-status");
    }

    List<WebElement> violationsOf(String sample) {
        return driver.findElements(By.cssSelector("[data-testid='violation'][data-sample='" + sample + "']"));
    }

    /** Puts the caret of an editor at a line's end and focuses it (the keys are then typed for real). */
    void caretAtLineEnd(String editor, int line) {
        js("const e = window.studio.editors[arguments[0]];"
                + "e.setPosition({lineNumber: arguments[1], column: e.getModel().getLineMaxColumn(arguments[1])});"
                + "e.revealLineInCenter(arguments[1]); e.focus();", editor, line);
    }

    int lineOf(String editor, String text) {
        return ((Number) js("const lines = window.studio.editors[arguments[0]].getModel().getLinesContent();"
                + "return lines.findIndex(l => l.includes(arguments[1])) + 1;", editor, text)).intValue();
    }

    String text(String editor) {
        return (String) js("return window.studio.editors[arguments[0]].getModel().getValue();", editor);
    }

    void screenshot(String name) throws Exception {
        Path dir = Files.createDirectories(Path.of(System.getProperty("studio.screenshots")));
        Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() throws Exception {
        try {
            chromium.close();
        } finally {
            studio.close();
        }
    }
}
