package dev.gkstudio.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.Color;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The IDE page in a real browser against the packaged Studio. One browser and one Studio for
 * the class; tests run in order because typing changes the page the later screenshots show.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StudioPageTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** theme.js paints Rego keywords in this colour. */
    private static final String KEYWORD_COLOR = "#ff7b72";

    private StudioProcess studio;
    private Chromium chromium;
    private ChromeDriver driver;

    @BeforeAll
    void start() throws Exception {
        Chromium.requireInstalled();
        studio = StudioProcess.start(Path.of(System.getProperty("studio.app")),
                Path.of(System.getProperty("studio.log")));
        chromium = Chromium.start();
        driver = chromium.driver;
        driver.get(studio.baseUri.toString());
        // Monaco is loaded: the Rego editor has rendered its lines.
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-testid='rego-editor'] .view-lines .view-line")));
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (studio != null) {
                studio.close();
            }
        }
    }

    @AfterEach
    void screenshot(TestInfo test) throws Exception {
        Path dir = Files.createDirectories(Path.of(System.getProperty("studio.screenshots")));
        Path file = dir.resolve(test.getTestMethod().orElseThrow().getName() + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    @Order(1)
    void showsTheThreeEditorsAndTheResults() {
        for (String id : List.of("rego-editor", "constraint-editor", "samples-editor")) {
            WebElement editor = byTestId(id);
            assertTrue(editor.isDisplayed(), id);
            assertFalse(editor.findElements(By.cssSelector(".monaco-editor")).isEmpty(), id + " has no Monaco editor");
            assertTrue(editor.getSize().getHeight() > 100, id + " is too small: " + editor.getSize());
        }
        assertTrue(byTestId("results").isDisplayed());
        assertEquals("Gatekeeper Studio", driver.getTitle());
    }

    @Test
    @Order(2)
    void connectsToTheLanguageServer() {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBe(
                By.cssSelector("[data-testid='lsp-status']"), "connected"));
    }

    @Test
    @Order(3)
    void loadsNothingFromOutsideTheStudio() {
        @SuppressWarnings("unchecked")
        List<String> urls = (List<String>) js().executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name)");
        String origin = studio.baseUri.toString();
        assertFalse(urls.isEmpty());
        for (String url : urls) {
            assertTrue(url.startsWith(origin) || url.startsWith(origin.replace("http", "ws")),
                    "the page fetched " + url);
        }
    }

    @Test
    @Order(4)
    void tokenizesRegoKeywords() {
        @SuppressWarnings("unchecked")
        List<List<Map<String, Object>>> lines = (List<List<Map<String, Object>>>) js().executeScript(
                "return monaco.editor.tokenize(arguments[0], 'rego')"
                        + ".map(line => line.map(t => ({offset: t.offset, type: t.type})));",
                "package p\nimport rego.v1\ndefault allow := false\nx contains y if { some y in `raw` }\n"
                        + "n := 1.5 # note");
        assertEquals("keyword.rego", tokenAt(lines.get(0), 0));
        assertEquals("keyword.rego", tokenAt(lines.get(1), 0));
        assertEquals("keyword.rego", tokenAt(lines.get(2), 0));
        assertEquals("operator.rego", tokenAt(lines.get(2), 14));
        assertEquals("constant.rego", tokenAt(lines.get(2), 17));
        assertEquals("keyword.rego", tokenAt(lines.get(3), 2));
        assertEquals("keyword.rego", tokenAt(lines.get(3), 13));
        assertEquals("keyword.rego", tokenAt(lines.get(3), 18));
        assertEquals("keyword.rego", tokenAt(lines.get(3), 25));
        assertEquals("string.rego", tokenAt(lines.get(3), 28));
        assertEquals("number.rego", tokenAt(lines.get(4), 5));
        assertEquals("comment.rego", tokenAt(lines.get(4), 9));
    }

    @Test
    @Order(5)
    void paintsKeywordsInTheEditor() {
        Token keyword = renderedToken("package");
        Token name = renderedToken("k8sallowedrepos");

        assertTrue(keyword.cssClass().matches("mtk\\d+"), keyword.cssClass());
        assertEquals(KEYWORD_COLOR, keyword.color());
        assertNotEquals(keyword.cssClass(), name.cssClass());
        assertEquals(keyword.cssClass(), renderedToken("not").cssClass());
    }

    @Test
    @Order(6)
    void draggingASplitterResizesThePanes() {
        WebElement rego = byTestId("rego-editor");
        WebElement splitter = driver.findElement(By.cssSelector(".splitter[aria-orientation='vertical']"));
        int before = rego.getSize().getWidth();

        new Actions(driver).clickAndHold(splitter).moveByOffset(-150, 0).release().perform();

        new WebDriverWait(driver, WAIT).until(d -> rego.getSize().getWidth() <= before - 140);
        new Actions(driver).clickAndHold(splitter).moveByOffset(150, 0).release().perform();
    }

    @Test
    @Order(7)
    void typingLandsInTheRegoModel() {
        byTestId("rego-editor").findElement(By.cssSelector(".view-lines")).click();
        // Type at the very end; Monaco's auto-closing would change typed brackets, so none here.
        new Actions(driver)
                .keyDown(Keys.CONTROL).sendKeys(Keys.END).keyUp(Keys.CONTROL)
                .sendKeys(Keys.ENTER, "default allow := false")
                .perform();

        String text = (String) js().executeScript(
                "return monaco.editor.getModels()"
                        + ".find(m => m.uri.path.endsWith('/template.rego')).getValue();");
        assertTrue(text.startsWith("package k8sallowedrepos"), text);
        assertTrue(text.endsWith("default allow := false"), text);
        assertEquals(KEYWORD_COLOR, renderedToken("default").color());
    }

    private WebElement byTestId(String id) {
        return driver.findElement(By.cssSelector("[data-testid='" + id + "']"));
    }

    /** The class and colour of a token span Monaco rendered. */
    private record Token(String cssClass, String color) {
    }

    /**
     * The span Monaco rendered for a whole token of the Rego editor. The lines are rendered again when the
     * language server's semantic tokens arrive, so a span found may go stale: then it is looked up again.
     */
    private Token renderedToken(String text) {
        return new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(d -> d
                .findElements(By.cssSelector("[data-testid='rego-editor'] .view-line span > span"))
                .stream()
                // Monaco may join a token with the spaces before it, rendered as no-break spaces.
                .filter(span -> span.getText().replace('\u00a0', ' ').strip().equals(text))
                .findFirst()
                .map(span -> new Token(span.getAttribute("class"), colorOf(span)))
                .orElse(null));
    }

    private static String colorOf(WebElement element) {
        return Color.fromString(element.getCssValue("color")).asHex();
    }

    private static String tokenAt(List<Map<String, Object>> line, int offset) {
        String type = null;
        for (Map<String, Object> token : line) {
            if (((Number) token.get("offset")).intValue() <= offset) {
                type = (String) token.get("type");
            }
        }
        return type;
    }

    private JavascriptExecutor js() {
        return driver;
    }
}
