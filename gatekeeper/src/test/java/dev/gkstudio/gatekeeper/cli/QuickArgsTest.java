package dev.gkstudio.gatekeeper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The start-up argument binder reads the flag forms gator users write, and leaves the rest to picocli. */
class QuickArgsTest {
    @Test
    void bindsTheFormsGatorAccepts() {
        TestCommand t = new TestCommand();
        assertTrue(QuickArgs.bind(t, new String[] {"-f", "a.yaml", "--filename=b.yaml", "-fc.yaml", "-o", "yaml",
                "--trace", "--stats=true", "--enable-k8s-native-validation=false", "-v"}));
        assertEquals(List.of("a.yaml", "b.yaml", "c.yaml"), t.filenames);
        assertEquals("yaml", t.output);
        assertTrue(t.trace && t.stats && t.verbose);
        assertFalse(t.k8sNative);
        VerifyCommand v = new VerifyCommand();
        assertTrue(QuickArgs.bind(v, new String[] {"suites/...", "--run", "test//case"}));
        assertEquals("suites/...", v.path);
        assertEquals("test//case", v.run);
    }

    @Test
    void leavesHelpUnknownOptionsAndMissingValuesToPicocli() {
        assertFalse(QuickArgs.bind(new TestCommand(), new String[] {"--help"}));
        assertFalse(QuickArgs.bind(new TestCommand(), new String[] {"--nope"}));
        assertFalse(QuickArgs.bind(new TestCommand(), new String[] {"-o"}));
        assertFalse(QuickArgs.bind(new TestCommand(), new String[] {"--trace=maybe"}));
        assertFalse(QuickArgs.bind(new VerifyCommand(), new String[] {}));
    }
}
