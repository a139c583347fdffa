package dev.gkstudio.gatekeeper.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gkstudio.gatekeeper.yaml.YamlDocument;
import dev.gkstudio.gatekeeper.yaml.YamlException;
import dev.gkstudio.gatekeeper.yaml.YamlLoader;
import dev.gkstudio.rego.value.Json;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile YAML/JSON through the loader every user document goes through (samples, constraints, templates,
 * suites): refused within a second of CPU time with a clear error and a position, never a stack trace, a hang or a crash.
 */
// a hang guard only, generous because wall time is shared with other builds; the cost bounds are CPU time
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class YamlHardeningTest {
    /** Costs are this thread's CPU time: other builds sharing the machine must not decide the outcome. */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private final YamlLoader loader = new YamlLoader();

    private YamlException refused(String text) {
        long t0 = CPU.getCurrentThreadCpuTime();
        YamlException e = assertThrows(YamlException.class, () -> loader.loadAll(text));
        long ms = (CPU.getCurrentThreadCpuTime() - t0) / 1_000_000;
        assertTrue(ms < 2000, "took " + ms + " ms of CPU: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("yaml: ") || e.getMessage().startsWith("input is too large"), e.getMessage());
        return e;
    }

    private YamlDocument loaded(String text) throws YamlException {
        long t0 = CPU.getCurrentThreadCpuTime();
        YamlDocument d = loader.loadOne(text);
        long ms = (CPU.getCurrentThreadCpuTime() - t0) / 1_000_000;
        assertTrue(ms < 2000, "took " + ms + " ms of CPU");
        return d;
    }

    @Test
    void billionLaughs() {
        StringBuilder sb = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) {
            sb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) sb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            sb.append("]\n");
        }
        YamlException e = refused(sb.toString());
        assertTrue(e.getMessage().contains("too many aliases"), e.getMessage());
        assertTrue(e.range().isKnown(), "position");
    }

    @Test
    void aliasBombInFlowJsonStyleAndMergeKeys() {
        StringBuilder sb = new StringBuilder("a0: &a0 {x0: 1, x1: 2, x2: 3, x3: 4, x4: 5, x5: 6, x6: 7, x7: 8}\n");
        for (int i = 1; i < 12; i++) {
            sb.append("a").append(i).append(": &a").append(i).append(" {");
            for (int j = 0; j < 8; j++) sb.append(j == 0 ? "" : ", ").append("k").append(j).append(": *a").append(i - 1);
            sb.append("}\n");
        }
        refused(sb.toString());
        // merge keys: each merge copies the whole map
        StringBuilder m = new StringBuilder("m0: &m0 {a: 1}\n");
        for (int i = 1; i < 40; i++) m.append("m").append(i).append(": &m").append(i).append(" {<<: [*m").append(i - 1)
                .append(", *m").append(i - 1).append("], k").append(i).append(": 1}\n");
        // small result (keys are merged, not multiplied) but many alias expansions: must end quickly either way
        long t0 = CPU.getCurrentThreadCpuTime();
        try {
            loader.loadAll(m.toString());
        } catch (YamlException e) {
            assertTrue(e.getMessage().startsWith("yaml: "), e.getMessage());
        }
        assertTrue((CPU.getCurrentThreadCpuTime() - t0) / 1_000_000 < 2000);
    }

    @Test
    void selfReferencingAnchorAndMergeLoop() {
        YamlException e = refused("a: &a\n  b: *a\n");
        assertTrue(e.getMessage().contains("unknown anchor 'a'"), e.getMessage());
        assertEquals(2, e.range().startLine());
        refused("a: &a {<<: *a}\n");
    }

    @Test
    void deepNesting() {
        refused("[".repeat(10_000) + "]".repeat(10_000));
        refused("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000));
        StringBuilder block = new StringBuilder();
        for (int i = 0; i < 5_000; i++) block.append(" ".repeat(i)).append("k:\n");
        YamlException e = refused(block.toString());
        assertTrue(e.getMessage().contains("nested too deeply"), e.getMessage());
        assertTrue(e.range().startLine() > 0);
        StringBuilder seq = new StringBuilder();
        for (int i = 0; i < 5_000; i++) seq.append(" ".repeat(i)).append("-\n");
        refused(seq.toString());
        // unclosed: 100k opening brackets, no closing ones
        refused("[".repeat(100_000));
    }

    @Test
    void hugeDocuments() throws Exception {
        String fifty = "a: " + "x".repeat(50 * 1024 * 1024) + "\n";
        YamlException e = refused(fifty);
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
        // 1 MB on one line and 100k small documents load
        assertEquals(1_000_000, ((dev.gkstudio.rego.value.StringValue) ((dev.gkstudio.rego.value.ObjectValue)
                loaded("a: " + "y".repeat(1_000_000)).value()).get("a")).value().length());
        long t0 = CPU.getCurrentThreadCpuTime();
        assertEquals(100_000, loader.loadAll("a: 1\n---\n".repeat(100_000)).size() - 1);
        assertTrue((CPU.getCurrentThreadCpuTime() - t0) / 1_000_000 < 4000);
    }

    @Test
    void duplicateKeysHavePositions() {
        YamlException e = refused("kind: Pod\nmetadata:\n  name: a\n  name: b\n");
        assertTrue(e.getMessage().contains("mapping key \"name\" already defined at line 3"), e.getMessage());
        assertEquals(4, e.range().startLine());
        refused("{\"a\": 1, \"a\": 2}");
    }

    @Test
    void binaryAndInvalidText() {
        refused("a: \u0000\u0001\u0002\n");
        String badUtf8 = new String(new byte[] {'a', ':', ' ', (byte) 0xff, (byte) 0xfe, (byte) 0xc3, '\n'},
                StandardCharsets.UTF_8); // decoded with replacement characters by the transport
        try {
            loader.loadAll(badUtf8);
        } catch (YamlException e) {
            assertTrue(e.getMessage().startsWith("yaml: "), e.getMessage());
        }
        refused("a: [1, 2\nb: }\n");
        refused("\"unterminated");
        refused("a: !!binary ====\nb: *nope\n");
    }

    @Test
    void hugeNumbers() throws Exception {
        assertEquals("{\"a\":\"1e99999999\"}", Json.write(loaded("a: 1e99999999\n").value()));
        assertEquals("{\"a\":\"-1e99999999\"}", Json.write(loaded("a: -1e99999999\n").value()));
        // a million digits: must not go through quadratic BigInteger parsing
        String digits = "9".repeat(1_000_000);
        loaded("a: " + digits + "\n");
        loaded("a: 0x" + "f".repeat(1_000_000) + "\n");
        loaded("a: 0o" + "7".repeat(1_000_000) + "\n");
        loaded("a: " + digits + "." + digits + "e5\n");
        YamlException e = refused("a: !!int " + digits + "\n");
        assertTrue(e.getMessage().length() < 200, () -> e.getMessage().substring(0, 200));
        loaded("[" + ("1e308, ").repeat(10000) + "1]");
    }

    @Test
    void javaTagsAreNeverConstructed() throws Exception {
        YamlDocument d = loaded("a: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\n");
        assertEquals("{\"a\":[[[[\"http://127.0.0.1:1/\"]]]]}", Json.write(d.value()));
    }
}
