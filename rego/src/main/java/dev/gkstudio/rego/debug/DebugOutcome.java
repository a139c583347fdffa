package dev.gkstudio.rego.debug;

import dev.gkstudio.rego.result.EvalResult;

/**
 * How a session ended.
 *
 * @param result  the evaluation's result; when the session was stopped or ended early its error says why
 * @param message null when the evaluation ran to its end, else why the session ended
 *                (stopped, idle limit, time budget) in words for the user
 */
public record DebugOutcome(EvalResult result, String message) {
}
