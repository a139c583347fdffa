package dev.gkstudio.rego.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gkstudio.rego.CompileResult;
import dev.gkstudio.rego.result.EvalOptions;
import dev.gkstudio.rego.result.EvalResult;
import dev.gkstudio.rego.Rego;
import dev.gkstudio.rego.ast.RegoVersion;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * yaml.unmarshal / yaml.is_valid count the values they build from aliases against the evaluation's memory budget and
 * can be cancelled while converting. Bounded by the test thread's CPU time, not by the clock.
 */
class YamlExpansionTest {

    /** {@code levels} anchors, each a list of ten aliases of the previous one: 10^levels scalars. */
    static String aliasBomb(int levels) {
        StringBuilder sb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < levels; i++) {
            sb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) sb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            sb.append("]\n");
        }
        return sb.toString();
    }

    static EvalResult eval(String body, BooleanSupplier cancel) {
        CompileResult c = Rego.compile("bomb.rego", "package t\n" + body + "\n", RegoVersion.V1);
        assertTrue(c.ok(), c.diagnostics().toString());
        EvalOptions.Builder b = EvalOptions.builder().timeout(Duration.ofMinutes(5)).maxSteps(20_000_000)
                .maxOutputBytes(4 << 20).strictBuiltinErrors(true).input(dev.gkstudio.rego.value.StringValue.of(aliasBomb(8)));
        if (cancel != null) b.cancel(cancel);
        return c.policy().prepare("x := data.t.p").eval(b.build());
    }

    static long cpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    @Test
    void eightLevelsOfTenAliasesHitTheMemoryLimit() {
        for (String call : new String[] {"count(yaml.unmarshal(input))", "yaml.is_valid(input)"}) {
            long t0 = cpuNanos();
            EvalResult r = eval("p := " + call, null);
            long cpu = cpuNanos() - t0;
            assertNotNull(r.error(), call + " must fail, got " + r.bindings());
            assertEquals("eval_limit_error", r.error().code(), r.error().toString());
            assertTrue(r.error().toString().contains("expands"), r.error().toString());
            // 10^8 values took 48 s of CPU and 3 GB before the budget was counted
            assertTrue(cpu < 8_000_000_000L, call + " used " + cpu / 1_000_000 + " ms of CPU");
        }
    }

    @Test
    void cancellationIsCheckedWhileConverting() {
        // true only once the conversion itself asks: the evaluator's own checks before the call see false
        BooleanSupplier insideConversion = () -> java.util.Arrays.stream(Thread.currentThread().getStackTrace())
                .anyMatch(f -> f.getClassName().endsWith("YamlBuiltins") && f.getMethodName().equals("fromJava"));
        EvalResult r = eval("p := count(yaml.unmarshal(input))", insideConversion);
        assertNotNull(r.error());
        assertEquals("eval_cancel_error", r.error().code(), r.error().toString());
    }

    @Test
    void ordinaryAliasesStillWork() {
        CompileResult c = Rego.compile("ok.rego", "package t\np := yaml.unmarshal(\"base: &b {x: 1}\\nuse: *b\\n\")\n", RegoVersion.V1);
        EvalResult r = c.policy().prepare("x := data.t.p").eval(EvalOptions.builder().build());
        assertEquals(null, r.error());
        assertEquals("{\"base\":{\"x\":1},\"use\":{\"x\":1}}", dev.gkstudio.rego.value.Json.write(r.bindings().get(0).get("x")));
    }
}
