package dev.gkstudio.rego.eval;

import dev.gkstudio.rego.ast.Location;

/** An error that stops evaluation (conflicts, cancellation, limits, builtin errors in strict mode at the end). */
final class EvalException extends RuntimeException {
    final String code;
    final Location location;

    EvalException(String code, String message, Location location) {
        super(message, null, false, false);
        this.code = code;
        this.location = location;
    }
}
