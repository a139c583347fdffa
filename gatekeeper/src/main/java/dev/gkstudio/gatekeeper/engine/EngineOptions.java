package dev.gkstudio.gatekeeper.engine;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * How {@link GatekeeperRegoEngine} runs every evaluation of the templates it compiles: the caps a user's policy
 * cannot exceed, what cancels it, and how {@code print()} lines are rendered. Per-evaluation choices (trace,
 * coverage, a shorter deadline) stay in {@link EvalOptions}.
 *
 * @param maxTimeout     upper bound of an evaluation's deadline (a longer {@link EvalOptions#timeout()} is cut to
 *                       it); null: the evaluation's own timeout alone
 * @param maxSteps       evaluation steps before {@code eval_limit_error}; 0: no cap
 * @param maxOutputBytes result rows and {@code print()} text before {@code eval_limit_error}; 0: no cap
 * @param cancel         polled during evaluation, {@code eval_cancel_error} once it says true; null: never
 * @param printLocations {@code print()} lines as {@code <file>:<row>: <text>} (the Studio shows where a line came
 *                       from) instead of the text alone (as the CLI prints it)
 */
public record EngineOptions(Duration maxTimeout, long maxSteps, long maxOutputBytes, BooleanSupplier cancel,
                            boolean printLocations) {

    /**
     * gator verify/test: no cap beyond the evaluation's own timeout, but a policy must not exhaust the CLI's memory
     * with a huge violation set (gator has no such limit; reaching it is an error, never a silent pass).
     */
    public static final EngineOptions CLI = new EngineOptions(null, 0, 64L << 20, null, false);

    /** The Studio server (editor evaluations, explain, live audit): every user's policy shares the same process. */
    public static final EngineOptions STUDIO = new EngineOptions(Duration.ofSeconds(2), 20_000_000, 4 << 20, null, true);

    public EngineOptions withCancel(BooleanSupplier c) {
        return new EngineOptions(maxTimeout, maxSteps, maxOutputBytes, c, printLocations);
    }

    public EngineOptions withMaxTimeout(Duration t) {
        return new EngineOptions(t, maxSteps, maxOutputBytes, cancel, printLocations);
    }

    /**
     * Rego evaluation options with these caps and this cancellation, for what the Studio evaluates beside templates
     * (Rego unit tests, free queries): a user's query is held to the same limits as their policy.
     */
    public dev.gkstudio.rego.result.EvalOptions.Builder evalOptions() {
        dev.gkstudio.rego.result.EvalOptions.Builder b = dev.gkstudio.rego.result.EvalOptions.builder()
                .maxSteps(maxSteps).maxOutputBytes(maxOutputBytes);
        if (maxTimeout != null) b.timeout(maxTimeout);
        if (cancel != null) b.cancel(cancel);
        return b;
    }

    /** The deadline of one evaluation asked for {@code requested} (null: none asked). */
    Duration timeout(Duration requested) {
        if (maxTimeout == null) return requested;
        return requested == null || requested.compareTo(maxTimeout) > 0 ? maxTimeout : requested;
    }
}
