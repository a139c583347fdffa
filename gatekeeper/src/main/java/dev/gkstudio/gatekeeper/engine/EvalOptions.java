package dev.gkstudio.gatekeeper.engine;

import java.time.Duration;

/** What to collect during an evaluation. */
public record EvalOptions(boolean trace, boolean coverage, boolean prints, Duration timeout) {
    public static final EvalOptions DEFAULT = new EvalOptions(false, false, false, Duration.ofSeconds(30));

    public EvalOptions withTrace(boolean t) {
        return new EvalOptions(t, coverage, prints, timeout);
    }

    public EvalOptions withPrints(boolean p) {
        return new EvalOptions(trace, coverage, p, timeout);
    }
}
