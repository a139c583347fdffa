package dev.gkstudio.rego.debug;

import java.time.Duration;

/**
 * Settings of one debug session.
 *
 * @param runBudget    running time the evaluation may use, paused time not counted; null for none
 * @param idleLimit    a session paused longer than this ends ({@code eval_cancel_error} with a message saying so)
 * @param stopOnEntry  stop before the first expression
 * @param stopOnFail   stop at the first expression that fails (is false or undefined)
 * @param watchSteps   step cap of one watch or breakpoint condition evaluation
 */
public record DebugConfig(Duration runBudget, Duration idleLimit, boolean stopOnEntry, boolean stopOnFail,
                          long watchSteps) {
    public static final DebugConfig DEFAULT =
            new DebugConfig(Duration.ofSeconds(5), Duration.ofMinutes(15), false, false, 100_000);

    public DebugConfig {
        if (idleLimit == null || idleLimit.isNegative() || idleLimit.isZero()) {
            throw new IllegalArgumentException("idleLimit must be positive");
        }
        if (watchSteps <= 0) watchSteps = DEFAULT_WATCH_STEPS;
    }

    private static final long DEFAULT_WATCH_STEPS = 100_000;

    public DebugConfig withStopOnEntry(boolean b) {
        return new DebugConfig(runBudget, idleLimit, b, stopOnFail, watchSteps);
    }

    public DebugConfig withStopOnFail(boolean b) {
        return new DebugConfig(runBudget, idleLimit, stopOnEntry, b, watchSteps);
    }

    public DebugConfig withIdleLimit(Duration d) {
        return new DebugConfig(runBudget, d, stopOnEntry, stopOnFail, watchSteps);
    }

    public DebugConfig withRunBudget(Duration d) {
        return new DebugConfig(d, idleLimit, stopOnEntry, stopOnFail, watchSteps);
    }
}
