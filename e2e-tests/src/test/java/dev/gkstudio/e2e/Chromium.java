package dev.gkstudio.e2e;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's Chromium and chromedriver, headless, with a throw-away profile. */
final class Chromium implements AutoCloseable {

    private static final File BROWSER = new File("/usr/bin/chromium");
    private static final File DRIVER = new File("/usr/bin/chromedriver");

    final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;

    private Chromium(ChromeDriver driver, ChromeDriverService service, Path profile) {
        this.driver = driver;
        this.service = service;
        this.profile = profile;
    }

    /**
     * Skips the calling tests on a developer machine without Chromium, but fails them in CI:
     * a skipped browser test there would hide a missing install step.
     */
    static void requireInstalled() {
        if (BROWSER.canExecute() && DRIVER.canExecute()) {
            return;
        }
        String missing = "Chromium is not installed (" + BROWSER + ", " + DRIVER
                + "): apt-get install -y chromium chromium-driver";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(missing);
        }
        abort(missing);
    }

    static Chromium start() throws IOException {
        return start(null);
    }

    /** Starts Chromium; downloads (when a directory is given) land there without a prompt. */
    static Chromium start(Path downloads) throws IOException {
        Path profile = Files.createTempDirectory("gkstudio-chromium-");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER)
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(BROWSER)
                .addArguments("--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-background-networking", "--disable-component-update",
                        "--no-first-run", "--disable-sync", "--window-size=1440,900",
                        "--user-data-dir=" + profile);
        if (downloads != null) {
            options.setExperimentalOption("prefs", java.util.Map.of(
                    "download.default_directory", downloads.toAbsolutePath().toString(),
                    "download.prompt_for_download", false));
        }
        ChromeDriver driver = new ChromeDriver(service, options);
        if (downloads != null) {
            driver.executeCdpCommand("Browser.setDownloadBehavior", java.util.Map.of(
                    "behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
        }
        driver.manage().window().setSize(new Dimension(1440, 900));
        return new Chromium(driver, service, profile);
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
