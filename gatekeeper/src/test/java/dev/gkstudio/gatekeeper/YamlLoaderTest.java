package dev.gkstudio.gatekeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gkstudio.gatekeeper.yaml.SourceRange;
import dev.gkstudio.gatekeeper.yaml.YamlDocument;
import dev.gkstudio.gatekeeper.yaml.YamlException;
import dev.gkstudio.gatekeeper.yaml.YamlLoader;
import dev.gkstudio.rego.value.Json;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class YamlLoaderTest {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private final YamlLoader loader = new YamlLoader();

    @Test
    void yaml12CoreSchema() throws Exception {
        YamlDocument d = loader.loadOne("a: yes\nb: no\nc: true\nd: ~\ne: 0x10\nf: 1.50\ng: '1'\nh: on\ni: 12345678901234567890123\n");
        assertEquals("{\"a\":\"yes\",\"b\":\"no\",\"c\":true,\"d\":null,\"e\":16,\"f\":1.5,\"g\":\"1\",\"h\":\"on\",\"i\":1.2345678901234568e+22}",
                Json.write(d.value()));
    }

    @Test
    void positionsOfNestedValues() throws Exception {
        YamlDocument d = loader.loadOne("kind: Pod\nspec:\n  containers:\n  - name: a\n    image: nginx\n");
        SourceRange r = d.positions().value("spec.containers[0].image");
        assertEquals(5, r.startLine());
        assertEquals(12, r.startColumn());
        assertEquals(5, d.positions().key("spec.containers[0].image").startLine());
        assertEquals(5, d.positions().key("spec.containers[0].image").startColumn());
    }

    @Test
    void multiDocument() throws Exception {
        List<YamlDocument> docs = loader.loadAll("a: 1\n---\nb: 2\n---\n");
        assertEquals(2, docs.stream().filter(x -> !(x.value() instanceof dev.gkstudio.rego.value.NullValue)).count());
        assertEquals(3, docs.get(1).positions().value("b").startLine());
    }

    @Test
    void mergeKeysAndAnchors() throws Exception {
        YamlDocument d = loader.loadOne("base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\n");
        assertEquals("{\"base\":{\"x\":1,\"y\":2},\"other\":{\"x\":1,\"y\":3}}", Json.write(d.value()));
    }

    @Test
    void duplicateKeysRejected() {
        YamlException e = assertThrows(YamlException.class, () -> loader.loadOne("a: 1\na: 2\n"));
        assertTrue(e.getMessage().contains("mapping key \"a\" already defined at line 1"), e.getMessage());
    }

    @Test
    void aliasBombRefusedQuickly() {
        StringBuilder sb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            sb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) sb.append(j > 0 ? ", " : "").append("*a").append(i - 1);
            sb.append("]\n");
        }
        YamlException e = refusedCheaply(sb.toString());
        assertTrue(e.getMessage().contains("too many aliases"), e.getMessage());
    }

    @Test
    void deepNestingRefused() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        YamlException e = refusedCheaply(deep);
        assertTrue(e.getMessage().contains("nested too deeply"), e.getMessage());
        String deepBlock = "a:\n" + "  ".repeat(1).repeat(1) + "b: 1\n";
        assertEquals(1, assertDoesNotThrow(deepBlock));
    }

    /**
     * Refused at a cost of under a second of this thread's CPU time: wall time is decided by whatever else runs on
     * the machine, the cost of the refusal is not (the class timeout only guards against a hang).
     */
    private YamlException refusedCheaply(String text) {
        long t0 = CPU.getCurrentThreadCpuTime();
        YamlException e = assertThrows(YamlException.class, () -> loader.loadAll(text));
        long ms = (CPU.getCurrentThreadCpuTime() - t0) / 1_000_000;
        assertTrue(ms < 1000, "took " + ms + " ms of CPU");
        return e;
    }

    private int assertDoesNotThrow(String s) {
        try {
            return loader.loadAll(s).size();
        } catch (YamlException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void hugeInputRefused() {
        String big = "a: " + "x".repeat(50 * 1024 * 1024) + "\n";
        YamlException e = refusedCheaply(big);
        assertTrue(e.getMessage().startsWith("input is too large"), e.getMessage());
    }

    @Test
    void syntaxErrorHasLine() {
        YamlException e = assertThrows(YamlException.class, () -> loader.loadAll("a: b\n c: d: e\n"));
        assertTrue(e.getMessage().startsWith("yaml: line 2"), e.getMessage());
        assertEquals(2, e.range().startLine());
    }
}
