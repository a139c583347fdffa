package dev.gkstudio.gatekeeper.engine;

import java.time.Duration;

import dev.gkstudio.rego.value.Value;

/**
 * What to collect during an evaluation.
 *
 * @param externalData the mocked external data providers {@code external_data} answers from (see the rego
 *                     module's {@code EvalOptions#externalData}); null: none configured
 */
public record EvalOptions(boolean trace, boolean coverage, boolean prints, Duration timeout, Value externalData) {
    public static final EvalOptions DEFAULT = new EvalOptions(false, false, false, Duration.ofSeconds(30));

    public EvalOptions(boolean trace, boolean coverage, boolean prints, Duration timeout) {
        this(trace, coverage, prints, timeout, null);
    }

    public EvalOptions withTrace(boolean t) {
        return new EvalOptions(t, coverage, prints, timeout, externalData);
    }

    public EvalOptions withPrints(boolean p) {
        return new EvalOptions(trace, coverage, p, timeout, externalData);
    }

    public EvalOptions withExternalData(Value providers) {
        return new EvalOptions(trace, coverage, prints, timeout, providers);
    }
}
