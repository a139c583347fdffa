package dev.gkstudio.gatekeeper.hardening;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gkstudio.gatekeeper.engine.CompiledTemplate;
import dev.gkstudio.gatekeeper.engine.EvalOptions;
import dev.gkstudio.gatekeeper.engine.EvalOutcome;
import dev.gkstudio.gatekeeper.engine.EngineOptions;
import dev.gkstudio.gatekeeper.engine.GatekeeperRegoEngine;
import dev.gkstudio.gatekeeper.template.RegoCode;
import dev.gkstudio.rego.value.Json;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hostile templates through the Gatekeeper engine (what gator verify/test run): they end with an error. */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EngineHardeningTest {

    private static EvalOutcome run(String body) throws Exception {
        return run(body, Duration.ofSeconds(2));
    }

    private static EvalOutcome run(String body, Duration deadline) throws Exception {
        String rego = "package k8sattack\n" + body + "\n";
        CompiledTemplate t = new GatekeeperRegoEngine(EngineOptions.CLI).compile(new RegoCode(rego, List.of(), false, null, List.of()));
        return t.violations(Json.parse("{\"review\": {\"object\": {}}, \"parameters\": {}}"), null,
                new EvalOptions(false, false, true, deadline));
    }

    /**
     * Size limits get a deadline they cannot lose to on a loaded machine, and the cost bound is this thread's CPU
     * time, not wall time: both are about the attack, not about other builds sharing the machine.
     */
    private static void endsWithError(String body, String code) throws Exception {
        Duration deadline = code.equals("eval_limit_error") ? Duration.ofSeconds(15) : Duration.ofSeconds(2);
        long t0 = CPU.getCurrentThreadCpuTime();
        EvalOutcome o = run(body, deadline);
        long ms = (CPU.getCurrentThreadCpuTime() - t0) / 1_000_000;
        assertNotNull(o.error(), "no error: " + o.elements());
        assertTrue(o.error().contains(code), o.error());
        assertTrue(ms < 5000, "took " + ms + " ms of CPU");
    }

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    @Test
    void runawayComprehensionHitsTheDeadline() throws Exception {
        endsWithError("violation[{\"msg\": m}] {\n  n := count([x | some a, b, c; numbers.range(1, 1000)[a]; "
                + "numbers.range(1, 1000)[b]; numbers.range(1, 1000)[c]; x := a + b + c])\n  m := sprintf(\"%d\", [n])\n}",
                "eval_cancel_error");
    }

    @Test
    void hugeViolationHitsTheOutputLimit() throws Exception {
        endsWithError("line := concat(\"\", [\"x\" | numbers.range(1, 100000)[_]])\n"
                + "violation[{\"msg\": m, \"details\": {\"i\": i}}] {\n  numbers.range(1, 1000)[i]\n  m := line\n}",
                "eval_limit_error");
    }

    @Test
    void memoryBombInAViolationIsALimitError() throws Exception {
        StringBuilder sb = new StringBuilder("s0 := \"xxxxxxxx\"\n");
        for (int i = 1; i <= 40; i++) sb.append("s").append(i).append(" := concat(\"\", [s").append(i - 1)
                .append(", s").append(i - 1).append("])\n");
        // a limit error even without strict builtin errors (as Gatekeeper evaluates): never a silent "allowed"
        endsWithError(sb + "violation[{\"msg\": m}] {\n  m := sprintf(\"%d\", [count(s40)])\n}", "eval_limit_error");
    }
}
