package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.Value;

/**
 * An error raised by a builtin, with OPA's error code. The message carries the builtin name,
 * e.g. {@code count: operand 1 must be one of {array, object, set, string} but got number}.
 */
public final class BuiltinException extends RuntimeException {
    public static final String TYPE_ERROR = "eval_type_error";
    public static final String BUILTIN_ERROR = "eval_builtin_error";

    private final String code;

    public BuiltinException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** OPA's error code: {@link #TYPE_ERROR} or {@link #BUILTIN_ERROR}. */
    public String code() { return code; }

    public static BuiltinException typeError(String builtin, String message) {
        return new BuiltinException(TYPE_ERROR, builtin + ": " + message);
    }

    public static BuiltinException builtinError(String builtin, String message) {
        return new BuiltinException(BUILTIN_ERROR, builtin + ": " + message);
    }

    /**
     * OPA's operand type error: {@code <builtin>: operand <pos> must be <type> but got <actual>}, or
     * {@code must be one of {a, b}} for several expected types. {@code pos} is 1-based.
     */
    public static BuiltinException operand(String builtin, int pos, Value got, String... expected) {
        String want = expected.length == 1 ? expected[0] : "one of {" + String.join(", ", expected) + "}";
        return typeError(builtin, "operand " + pos + " must be " + want + " but got " + got.typeName());
    }
}
