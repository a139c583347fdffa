package dev.gkstudio.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Share by link, end to end: share in one browser, open the link in a fresh browser profile and
 * see the same workspace and results, read-only until edited; the #w= URL form; links survive a
 * restart of the Studio (same data directory); broken links say what is wrong; shared text never
 * runs as script.
 */
class ShareLinkTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static Path dataDir;
    private static Studio studio;

    /** The packaged Studio with its own share database directory. */
    static final class Studio implements AutoCloseable {
        final Process process;
        final URI base;

        Studio(Process process, URI base) {
            this.process = process;
            this.base = base;
        }

        static Studio start(Path data) throws Exception {
            Path app = Path.of(System.getProperty("studio.app"));
            if (!Files.isRegularFile(app)) {
                throw new IllegalStateException(app + " is missing: build the backend first");
            }
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path log = Path.of(System.getProperty("studio.log")).resolveSibling("studio-share.log");
            Files.createDirectories(log.getParent());
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(List.of(java, "-Dquarkus.http.port=" + port,
                    "-Dgkstudio.data-dir=" + data.toAbsolutePath(), "-jar", app.toString()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            Studio studio = new Studio(p, URI.create("http://localhost:" + port + "/"));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("the Studio exited; see " + log);
                }
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(studio.base.resolve("q/health")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        return studio;
                    }
                } catch (IOException notYet) {
                    // polling
                }
                Thread.sleep(250);
            }
            studio.close();
            throw new IllegalStateException("the Studio did not start; see " + log);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @BeforeAll
    static void start() throws Exception {
        Chromium.requireInstalled();
        dataDir = Files.createTempDirectory(Path.of("target"), "share-e2e-");
        studio = Studio.start(dataDir);
    }

    @AfterAll
    static void stop() throws Exception {
        if (studio != null) {
            studio.close();
        }
    }

    static Object js(ChromeDriver d, String script, Object... args) {
        return ((JavascriptExecutor) d).executeScript(script, args);
    }

    static <T> T waitFor(WebDriver d, java.util.function.Function<? super WebDriver, T> condition) {
        return new WebDriverWait(d, WAIT).until(condition);
    }

    /** Waits until the results pane shows the evaluation of the current workspace. */
    static void awaitResults(ChromeDriver d) {
        waitFor(d, x -> Boolean.TRUE.equals(js(d,
                "const r = document.querySelector('[data-testid=results]');"
                        + "return !!window.studio && r.dataset.stale === 'false'"
                        + " && Number(r.dataset.version) === window.studio.state.version && Number(r.dataset.version) > 0;")));
    }

    static void open(ChromeDriver d, String url) {
        d.get(url);
        waitFor(d, ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid='rego-editor'] .view-lines")));
        waitFor(d, x -> Boolean.TRUE.equals(js(d, "return !!window.studio && !!document.querySelector('[data-testid=share-button]');")));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> workspace(ChromeDriver d) {
        return (Map<String, Object>) js(d, "return window.studio.state.workspace();");
    }

    /** Each sample's name, status and violation messages, as the results pane has them. */
    static Object results(ChromeDriver d) {
        return js(d, "return window.studio.result().samples.map(s => [s.name, s.status, s.violations.map(v => v.message)]);");
    }

    static void screenshot(ChromeDriver d, String name) {
        try {
            Path dir = Path.of(System.getProperty("studio.screenshots"));
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), d.getScreenshotAs(OutputType.BYTES));
        } catch (Exception ignored) {
            // best effort
        }
    }

    static final String HOSTILE = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>";

    @Test
    void shareOpenInAFreshProfileRestartAndUrlForm() throws Exception {
        String marker = UUID.randomUUID().toString();
        String url;
        String fragmentUrl;
        Map<String, Object> shared;
        Object sharedResults;
        try (Chromium a = Chromium.start()) {
            ChromeDriver d = a.driver;
            try {
                open(d, studio.base.toString());
                awaitResults(d);
                // a visitor's edit: a sample whose name and labels carry markup, and a marker for a fresh id
                js(d, "const m = window.studio.editors.samplesEditor.getModel();"
                        + "m.setValue(m.getValue() + '\\n---\\n# case: ' + arguments[0] + '\\n# expect: allowed\\n"
                        + "apiVersion: v1\\nkind: Namespace\\nmetadata:\\n  name: x-' + arguments[1] + '\\n"
                        + "  annotations:\\n    note: \\'' + arguments[0] + '\\'\\n');", HOSTILE, marker);
                awaitResults(d);
                shared = workspace(d);
                sharedResults = results(d);
                d.findElement(By.cssSelector("[data-testid='share-button']")).click();
                url = waitFor(d, x -> {
                    var f = x.findElements(By.cssSelector("[data-testid='share-url']"));
                    return f.isEmpty() ? null : f.get(0).getAttribute("value");
                });
                assertTrue(url.startsWith(studio.base.toString() + "s/"), url);
                fragmentUrl = waitFor(d, x -> {
                    var f = x.findElements(By.cssSelector("[data-testid='share-fragment-url']"));
                    return f.isEmpty() ? null : f.get(0).getAttribute("value");
                });
                assertTrue(fragmentUrl.contains("/#w="), fragmentUrl);
                screenshot(d, "share-dialog");
            } catch (RuntimeException | Error e) {
                screenshot(d, "share-failure-a");
                throw e;
            }
        }

        try (Chromium b = Chromium.start()) {
            ChromeDriver d = b.driver;
            try {
                // the link in a fresh profile: the same workspace and results, read-only
                open(d, url);
                waitFor(d, x -> "readonly".equals(js(d, "return document.body.dataset.shared;")));
                awaitResults(d);
                assertEquals(shared, workspace(d));
                assertEquals(sharedResults, results(d));
                assertNull(js(d, "return window.__xss;"), "shared text never runs as script");
                screenshot(d, "shared-readonly");

                // typing makes it the visitor's copy, and every key typed is kept (the first one was once
                // swallowed by a read-only editor); the link is left as it was
                String before = (String) js(d, "return window.studio.editors.samplesEditor.getValue();");
                js(d, "const e = window.studio.editors.samplesEditor; const m = e.getModel();"
                        + "e.setPosition({lineNumber: m.getLineCount(), column: m.getLineMaxColumn(m.getLineCount())}); e.focus();");
                new org.openqa.selenium.interactions.Actions(d).sendKeys("# abc").perform();
                waitFor(d, x -> "fork".equals(js(d, "return document.body.dataset.shared;")));
                waitFor(d, x -> ((String) js(d, "return window.studio.editors.samplesEditor.getValue();")).endsWith("# abc"));
                assertEquals(before + "# abc", js(d, "return window.studio.editors.samplesEditor.getValue();"));
                assertEquals("/", js(d, "return location.pathname;"));
                screenshot(d, "shared-first-keystroke-kept");

                // the URL form: nothing stored on the server
                open(d, fragmentUrl);
                waitFor(d, x -> "readonly".equals(js(d, "return document.body.dataset.shared;")));
                awaitResults(d);
                assertEquals(shared, workspace(d));
                assertEquals(sharedResults, results(d));
            } catch (RuntimeException | Error e) {
                screenshot(d, "share-failure-b");
                throw e;
            }
        }

        // a restart keeps every link
        studio.close();
        studio = Studio.start(dataDir);
        String restartedUrl = url.replaceFirst("^http://localhost:\\d+/", studio.base.toString());
        try (Chromium c = Chromium.start()) {
            ChromeDriver d = c.driver;
            open(d, restartedUrl);
            waitFor(d, x -> "readonly".equals(js(d, "return document.body.dataset.shared;")));
            awaitResults(d);
            assertEquals(shared, workspace(d));
            assertEquals(sharedResults, results(d));
        }
    }

    @Test
    void brokenLinksSayWhatIsWrong() throws Exception {
        try (Chromium b = Chromium.start()) {
            ChromeDriver d = b.driver;
            try {
                open(d, studio.base.resolve("s/00000000000000").toString());
                String message = waitFor(d, x -> {
                    var e = x.findElements(By.cssSelector("[data-testid='share-error-message']"));
                    return e.isEmpty() ? null : e.get(0).getText();
                });
                assertTrue(message.contains("No shared workspace has the id 00000000000000"), message);
                awaitResults(d); // the Studio still works

                // a #w= link whose content fails validation: the problems are listed
                String fragment = (String) ((JavascriptExecutor) d).executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "import('/app/share.js').then(m => m.encodeFragment({samples: 5, template: {rego: ['x']}}))"
                                + ".then(done, e => done('ERR ' + e));");
                assertFalse(fragment.startsWith("ERR"), fragment);
                open(d, studio.base + "#w=" + fragment);
                String problems = waitFor(d, x -> {
                    var e = x.findElements(By.cssSelector("[data-testid='share-problems']"));
                    return e.isEmpty() ? null : e.get(0).getText();
                });
                assertTrue(problems.contains("samples: must be a string, not number"), problems);
                assertTrue(problems.contains("template.rego: must be a string, not array"), problems);

                open(d, studio.base + "#w=not-deflate");
                String damaged = waitFor(d, x -> {
                    var e = x.findElements(By.cssSelector("[data-testid='share-error-message']"));
                    return e.isEmpty() ? null : e.get(0).getText();
                });
                assertTrue(damaged.contains("damaged or truncated"), damaged);
                assertNotEquals("readonly", js(d, "return document.body.dataset.shared;"));
                screenshot(d, "share-broken-link");
            } catch (RuntimeException | Error e) {
                screenshot(d, "share-failure-broken");
                throw e;
            }
        }
    }
}
