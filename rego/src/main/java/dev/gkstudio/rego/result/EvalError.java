package dev.gkstudio.rego.result;

import dev.gkstudio.rego.ast.Location;

/**
 * An evaluation error with OPA's code and wording. {@link #toString()} renders OPA's form
 * {@code <file>:<row>: <code>: <message>} (or {@code <code>: <message>} without a location).
 *
 * <p>Codes: {@link #CONFLICT} ({@code eval_conflict_error}), {@link #TYPE} ({@code eval_type_error}),
 * {@link #BUILTIN} ({@code eval_builtin_error}), {@link #CANCEL} ({@code eval_cancel_error}: deadline or
 * cancellation), {@link #LIMIT} ({@code eval_limit_error}: step, output or recursion cap; the message names the
 * limit), {@link #INTERNAL} ({@code eval_internal_error}).
 *
 * @param code     error code
 * @param message  message text
 * @param location source location, or {@link Location#NONE}
 */
public record EvalError(String code, String message, Location location) {
    public static final String CONFLICT = "eval_conflict_error";
    public static final String TYPE = "eval_type_error";
    public static final String BUILTIN = "eval_builtin_error";
    public static final String CANCEL = "eval_cancel_error";
    public static final String LIMIT = "eval_limit_error";
    public static final String INTERNAL = "eval_internal_error";

    public EvalError {
        location = location == null ? Location.NONE : location;
    }

    @Override
    public String toString() {
        if (!location.isKnown()) return code + ": " + message;
        String file = location.file().isEmpty() ? "query" : location.file();
        return file + ":" + location.startLine() + ": " + code + ": " + message;
    }
}
