package dev.gkstudio.rego.parser;

import dev.gkstudio.rego.ast.*;
import dev.gkstudio.rego.ast.Module;
import dev.gkstudio.rego.CompileResult;
import dev.gkstudio.rego.Rego;
import dev.gkstudio.rego.compiler.CompileOptions;
import dev.gkstudio.rego.compiler.RegoCompiler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Fuzz-like robustness: truncated, shuffled, random and deeply nested inputs only ever give diagnostics. */
class RobustnessTest {

    static final String SEED_POLICY = """
            package k8srequiredlabels

            import future.keywords.in

            get_message(parameters, _default) := msg {
              not parameters.message
              msg := _default
            }

            get_message(parameters, _) := msg {
              msg := parameters.message
            }

            violation[{"msg": msg, "details": {"missing_labels": missing}}] {
              provided := {label | input.review.object.metadata.labels[label]}
              required := {label | label := input.parameters.labels[_].key}
              missing := required - provided
              count(missing) > 0
              def_msg := sprintf("you must provide labels: %v", [missing])
              msg := get_message(input.parameters, def_msg)
            }

            violation[{"msg": msg}] {
              value := input.review.object.metadata.labels[key]
              expected := input.parameters.labels[_]
              expected.key == key
              expected.allowedRegex != ""
              not regex.match(expected.allowedRegex, value)
              msg := sprintf("Label <%v: %v> does not satisfy allowed regex: %v", [key, value, expected.allowedRegex])
            }

            x := [y | some y in [1, 2, 3]; y > `raw`] with input as {"a": set()}
            """;

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    /** Parse + compile cost is this thread's CPU time: a loaded machine stretches wall time, not CPU time. */
    private static void check(String src, RegoVersion v) {
        long t0 = CPU.getCurrentThreadCpuTime();
        ParseResult r = RegoParser.parseModule(new SourceFile("fuzz.rego", src), v);
        assertNotNull(r.module());
        for (Diagnostic d : r.diagnostics()) {
            assertEquals(ErrorCodes.PARSE_ERROR, d.code(), d.toString());
            assertFalse(d.message().startsWith("internal"), d.toString());
        }
        if (r.ok()) {
            var c = RegoCompiler.compile(List.of(r.module()), CompileOptions.defaults());
            for (Diagnostic d : c.diagnostics()) assertFalse(d.message().startsWith("internal"), d + "\n" + src);
        }
        long ms = (CPU.getCurrentThreadCpuTime() - t0) / 1_000_000;
        assertTrue(ms < 2000, "too slow (" + ms + " ms of CPU) for input of length " + src.length());
    }

    @Test
    void truncatedInputs() {
        for (int i = 0; i <= SEED_POLICY.length(); i += 3) {
            check(SEED_POLICY.substring(0, i), RegoVersion.V0);
            check(SEED_POLICY.substring(0, i), RegoVersion.V1);
        }
    }

    @Test
    void shuffledTokens() {
        Random rnd = new Random(42);
        String[] words = SEED_POLICY.split("(?<=[\\s\\[\\]{}(),;])|(?=[\\s\\[\\]{}(),;])");
        for (int i = 0; i < 400; i++) {
            List<String> l = new ArrayList<>(List.of(words));
            int a = rnd.nextInt(l.size()), b = rnd.nextInt(l.size());
            Collections.swap(l, a, b);
            if (i % 3 == 0) Collections.shuffle(l.subList(Math.min(a, b), Math.max(a, b)), rnd);
            if (i % 5 == 0) l.remove(rnd.nextInt(l.size()));
            check(String.join("", l), i % 2 == 0 ? RegoVersion.V0 : RegoVersion.V1);
        }
    }

    @Test
    void randomInputs() {
        Random rnd = new Random(7);
        String alphabet = "package import as default else not some every in if contains with x y _ 1 0.5 \"s\" `r` $\"t{x}\" [ ] { } ( ) , ; : := = == != < > + - * / % & | . \n \t # \\ @ ! $ \u0000 \u00e9";
        String[] atoms = alphabet.split(" ");
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder(i % 4 == 0 ? "" : "package p\n");
            int n = rnd.nextInt(60);
            for (int k = 0; k < n; k++) sb.append(atoms[rnd.nextInt(atoms.length)]).append(rnd.nextBoolean() ? " " : "");
            check(sb.toString(), i % 2 == 0 ? RegoVersion.V0 : RegoVersion.V1);
        }
        for (int i = 0; i < 300; i++) {
            char[] cs = new char[rnd.nextInt(200)];
            for (int k = 0; k < cs.length; k++) cs[k] = (char) rnd.nextInt(128);
            check(new String(cs), RegoVersion.V1);
        }
    }

    @Test
    void deepNestingGivesError() {
        for (String open : List.of("[", "{", "(", "f(", "[x | ")) {
            String src = "package p\n\nx := " + open.repeat(10_000);
            ParseResult r = RegoParser.parseModule(new SourceFile("deep.rego", src), RegoVersion.V1);
            assertFalse(r.ok());
            assertTrue(r.diagnostics().stream().anyMatch(d -> d.message().equals("max parsing recursion depth exceeded")),
                    r.diagnostics().toString());
        }
        // a moderately deep but balanced term parses and compiles
        String ok = "package p\n\nx := " + "[".repeat(100) + "1" + "]".repeat(100) + "\n";
        ParseResult r = RegoParser.parseModule(new SourceFile("ok.rego", ok), RegoVersion.V1);
        assertTrue(r.ok(), r.diagnostics().toString());
        assertTrue(RegoCompiler.compile(List.of(r.module()), CompileOptions.defaults()).ok());
    }

    @Test
    void deepNestingInSmallStack() throws Exception {
        Throwable[] err = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                String src = "package p\n\nx := " + "[a + ".repeat(5000) + "\n";
                ParseResult r = RegoParser.parseModule(new SourceFile("deep.rego", src), RegoVersion.V1);
                assertFalse(r.ok());
            } catch (Throwable e) {
                err[0] = e;
            }
        }, "small-stack", 512 * 1024);
        t.start();
        t.join();
        if (err[0] != null) throw new AssertionError(err[0]);
    }

    @Test
    void linearishTime() {
        String rule = "p%d if { x := input.a[_]; y := {k: v | some k, v in x}; count(y) > %d }\n";
        StringBuilder small = new StringBuilder("package p\n");
        StringBuilder big = new StringBuilder("package p\n");
        for (int i = 0; i < 200; i++) small.append(String.format(rule, i, i));
        for (int i = 0; i < 2000; i++) big.append(String.format(rule, i, i));
        for (int i = 0; i < 3; i++) { time(small.toString()); time(big.toString()); }
        long ts = time(small.toString()), tb = time(big.toString());
        assertTrue(tb < ts * 40 + 50_000_000L, "superlinear: " + ts + " vs " + tb);
        // pathological backtracking shapes stay fast
        check("package p\nx := " + "{a + ".repeat(300) + "1" + "}".repeat(300), RegoVersion.V1);
        check("package p\nx := " + "[a | ".repeat(300), RegoVersion.V1);
    }

    /** Long operator chains nest like brackets: a depth error at the chain, never the compiler's stack overflow. */
    @Test
    void longOperatorChainsGiveTheDepthError() throws Exception {
        for (String link : List.of("1 + ", "1 * ", "{1} | ", "{1} & ", "1 == ", "1 in ")) {
            String src = "package p\n\nx := " + link.repeat(1_000_000 / link.length()) + "1\n";
            CompileResult r = inSmallStack(() -> Rego.compile("chain.rego", src, RegoVersion.V1));
            assertFalse(r.ok(), link);
            Diagnostic d = r.diagnostics().get(0);
            assertEquals(Parser.DEPTH_MSG, d.message(), link + ": " + r.diagnostics());
            assertEquals(3, d.location().startLine(), d.toString());
        }
        // a chain as long as real policies write still compiles, on a worker thread's stack
        String ok = "package p\n\nx := " + "1 + ".repeat(300) + "1\n";
        CompileResult r = inSmallStack(() -> Rego.compile("ok.rego", ok, RegoVersion.V1));
        assertTrue(r.ok(), r.diagnostics().toString());
    }

    /** Many rules compile in roughly linear time (the rule-conflict check and rule replacement were quadratic). */
    @Test
    void hundredThousandRulesCompile() {
        var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        for (String rule : List.of("r%d := %d\n", "r contains %d\n")) {
            StringBuilder sb = new StringBuilder("package p\n\n");
            for (int i = 0; i < 100_000; i++) sb.append(rule.replace("%d", Integer.toString(i)));
            long t0 = cpu.getCurrentThreadCpuTime();
            CompileResult r = Rego.compile("many.rego", sb.toString(), RegoVersion.V1);
            long ms = (cpu.getCurrentThreadCpuTime() - t0) / 1_000_000;
            assertTrue(r.ok(), r.diagnostics().toString());
            // CPU time, generous: quadratic took minutes (distinct rules) and 22 s (one partial set)
            assertTrue(ms < 10_000, rule.trim() + " x 100,000 took " + ms + " ms of CPU");
        }
    }

    /** A package path or rule head of 100,000 parts (200 KB) is a parse error, not an OutOfMemoryError in the rule tree. */
    @Test
    void hugePathsGiveAnError() {
        CompileResult pkg = Rego.compile("deep.rego", "package a" + ".a".repeat(100_000) + "\nx := 1\n", RegoVersion.V1);
        assertEquals("package path too long: more than 256 parts", pkg.diagnostics().get(0).message(), pkg.diagnostics().toString());
        CompileResult head = Rego.compile("deep.rego", "package p\n\na" + ".a".repeat(100_000) + " := 1\n", RegoVersion.V1);
        assertEquals("rule head ref too long: more than 256 parts", head.diagnostics().get(0).message(), head.diagnostics().toString());
        assertEquals(3, head.diagnostics().get(0).location().startLine());
        assertTrue(Rego.compile("ok.rego", "package a" + ".a".repeat(200) + "\nb" + ".b".repeat(200) + " := 1\n", RegoVersion.V1).ok());
    }

    /** Runs on a thread with the 1 MiB stack of a server worker. */
    private static <T> T inSmallStack(java.util.function.Supplier<T> f) throws Exception {
        Object[] out = new Object[1];
        Throwable[] err = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                out[0] = f.get();
            } catch (Throwable e) {
                err[0] = e;
            }
        }, "worker-stack", 1 << 20);
        t.start();
        t.join();
        if (err[0] != null) throw new AssertionError(err[0]);
        @SuppressWarnings("unchecked") T r = (T) out[0];
        return r;
    }

    /** CPU nanoseconds of parsing and compiling {@code src} on this thread. */
    private static long time(String src) {
        long t0 = CPU.getCurrentThreadCpuTime();
        ParseResult r = RegoParser.parseModule(new SourceFile("t.rego", src), RegoVersion.V1);
        assertTrue(r.ok(), r.diagnostics().toString());
        Module m = r.module();
        RegoCompiler.compile(List.of(m), CompileOptions.defaults());
        return CPU.getCurrentThreadCpuTime() - t0;
    }
}
