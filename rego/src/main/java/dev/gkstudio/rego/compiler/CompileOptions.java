package dev.gkstudio.rego.compiler;

/**
 * Compiler options.
 *
 * @param strict   OPA strict mode: unused imports, unused local assignments, deprecated builtins, shadowing of
 *                 {@code input}/{@code data}, duplicate imports become {@code rego_compile_error}s
 * @param builtins builtin signature table
 */
public record CompileOptions(boolean strict, Builtins builtins) {

    public CompileOptions {
        if (builtins == null) builtins = Builtins.defaults();
    }

    /** Default options (not strict, OPA's builtins). */
    public static CompileOptions defaults() { return new CompileOptions(false, Builtins.defaults()); }

    /** Strict mode with OPA's builtins. */
    public static CompileOptions strictMode() { return new CompileOptions(true, Builtins.defaults()); }

    public CompileOptions withStrict(boolean s) { return new CompileOptions(s, builtins); }
}
