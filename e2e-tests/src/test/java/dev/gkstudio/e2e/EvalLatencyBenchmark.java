package dev.gkstudio.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/**
 * Time from the last keystroke to the updated results pane, measured in the browser, for the
 * allowed-repos gallery policy with 20 samples. Not part of {@code mvn verify} (the class name
 * does not end in Test); run it with
 * {@code mvn -pl backend,e2e-tests -am verify -Dtest=EvalLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * Prints median and p95 and writes them to {@code target/benchmark.txt}.
 */
class EvalLatencyBenchmark {

    private static final int WARMUP = 15;
    private static final int RUNS = 60;

    @Test
    void keystrokeToResults() throws Exception {
        try (StudioSession s = StudioSession.open(null)) {
            s.openGalleryPolicy("allowed-repos");
            // 20 samples: the gallery's 8, then copies of them with other names
            s.js("const m = window.studio.state.models.samples; const docs = m.getValue().split(/^---$/m);"
                    + "const out = []; for (let i = 0; out.length < 20; i++) {"
                    + "  out.push(docs[i % docs.length].trim().replace(/# case: (\\S+)/, (x, n) => '# case: ' + n + '-' + i)); }"
                    + "m.setValue(out.join('\\n---\\n') + '\\n');");
            s.awaitCurrentResults();
            long samples = ((Number) s.js("return window.studio.result().samples.length")).longValue();
            if (samples != 20) {
                throw new AssertionError("expected 20 samples, got " + samples);
            }
            // keydown (capture phase, before Monaco) → the first frame after a current result is rendered
            s.js("window.__bench = []; window.__t0 = undefined;"
                    + "document.addEventListener('keydown', () => { window.__t0 = performance.now(); }, true);"
                    + "document.addEventListener('studio:rendered', (e) => {"
                    + "  if (e.detail.stale || window.__t0 === undefined) return;"
                    + "  const t0 = window.__t0; window.__t0 = undefined;"
                    + "  requestAnimationFrame(() => window.__bench.push(performance.now() - t0)); });");
            int line = s.lineOf("samplesEditor", "image:");
            s.caretAtLineEnd("samplesEditor", line);
            for (int i = 0; i < WARMUP + RUNS; i++) {
                int expected = i + 1;
                new Actions(s.driver).sendKeys(i % 2 == 0 ? "x" : String.valueOf(Keys.BACK_SPACE)).perform();
                s.waitFor(d -> ((Number) s.js("return window.__bench.length")).intValue() >= expected);
                Thread.sleep(40);
            }
            @SuppressWarnings("unchecked")
            List<Number> all = (List<Number>) s.js("return window.__bench");
            List<Double> times = new ArrayList<>();
            for (Number n : all.subList(WARMUP, all.size())) {
                times.add(n.doubleValue());
            }
            Collections.sort(times);
            double median = times.get(times.size() / 2);
            double p95 = times.get((int) Math.ceil(times.size() * 0.95) - 1);
            String report = String.format("keystroke → updated results, allowed-repos, 20 samples, %d runs: "
                    + "median %.1f ms, p95 %.1f ms, min %.1f ms, max %.1f ms (target < 100 ms)%n",
                    times.size(), median, p95, times.get(0), times.get(times.size() - 1));
            System.out.print(report);
            Files.writeString(Path.of(System.getProperty("studio.log")).resolveSibling("benchmark.txt"), report);
            s.screenshot("benchmark-20-samples");
        }
    }
}
