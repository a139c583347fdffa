package dev.gkstudio.rego.ast;

/** OPA's error codes used by the front end. */
public final class ErrorCodes {
    private ErrorCodes() {}

    public static final String PARSE_ERROR = "rego_parse_error";
    public static final String COMPILE_ERROR = "rego_compile_error";
    public static final String TYPE_ERROR = "rego_type_error";
    public static final String UNSAFE_VAR_ERROR = "rego_unsafe_var_error";
    public static final String RECURSION_ERROR = "rego_recursion_error";
}
