package dev.gkstudio.gatekeeper.gator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.gatekeeper.yaml.YamlLoader;
import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.Value;
import org.junit.jupiter.api.Test;

/** {@code gkstudio bench} reports in gator bench's terms (pkg/gator/bench/output.go). */
class BenchCommandTest {
    static final String DIR = "src/test/resources/suites/cel-required-labels";

    @Test
    void tableHasGatorsSectionsForEachEngineAndAComparison() {
        CliRun r = CliRun.of("bench", "-f", DIR, "-e", "all", "-n", "3", "--warmup", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("=== Benchmark Results: REGO Engine ===\n\nConfiguration:\n  Templates:      1\n"
                + "  Constraints:    1\n  Objects:        4\n  Iterations:     3\n  Total Reviews:  12\n\nTiming:\n"), r.out());
        assertTrue(r.out().contains("\n=== Benchmark Results: CEL Engine ===\n"), r.out());
        assertTrue(r.out().matches("(?s).*\nLatency \\(per review\\):\n  Min:  .*\n  P99:  .*\n\nResults:\n  Violations Found:  \\d+\n.*"), r.out());
        assertTrue(r.out().contains("\n=== Engine Comparison ===\n\nMetric        REGO"), r.out());
        assertTrue(r.out().matches("(?s).*\nPerformance: (REGO|CEL) is \\d+\\.\\d\\dx faster than (REGO|CEL)\n"), r.out());
    }

    @Test
    void jsonIsOneResultPerEngineWithGoDurations() throws Exception {
        CliRun r = CliRun.of("bench", "-f", DIR, "-n", "2", "--warmup", "0", "-o", "json");
        assertEquals(0, r.code(), r.err());
        Value v = new YamlLoader().loadOne(r.out()).value();
        Value first = ((ArrayValue) v).get(0);
        assertEquals("rego", Obj.str(first, "engine"));
        assertEquals("8", dev.gkstudio.rego.value.Json.write(Obj.get(first, "totalReviews")));
        assertTrue(Obj.str(first, "latencies", "p99").matches("[0-9.]+(ns|µs|ms|s)"), r.out());
        assertTrue(r.out().startsWith("[\n  {\n    \"engine\": \"rego\",\n    \"templateCount\": 1,\n"), r.out());
    }

    @Test
    void badFlagsAreGatorsErrors() {
        assertEquals("invalid engine: invalid engine \"wasm\" (valid: rego, cel, all)\n", CliRun.of("bench", "-f", DIR, "-e", "wasm").err());
        assertEquals("at least one --filename or --image must be specified\n", CliRun.of("bench").err());
        assertEquals("iterations must be positive\n", CliRun.of("bench", "-f", DIR, "-n", "0").err());
    }

    @Test
    void goDurationsPrintAsGoDoes() {
        assertEquals("1.5ms", GatorBench.goDuration(1_500_000));
        assertEquals("250ns", GatorBench.goDuration(250));
        assertEquals("1m2.5s", GatorBench.goDuration(62_500_000_000L));
        assertEquals("12.34µs", GatorBench.tableDuration(12_340));
    }
}
