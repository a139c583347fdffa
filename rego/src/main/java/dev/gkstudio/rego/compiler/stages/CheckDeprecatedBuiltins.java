package dev.gkstudio.rego.compiler.stages;

import dev.gkstudio.rego.ast.Diagnostic;
import dev.gkstudio.rego.ast.ErrorCodes;
import dev.gkstudio.rego.ast.Location;
import dev.gkstudio.rego.compiler.Builtins;

/**
 * OPA's {@code CheckDeprecatedBuiltins} stage (v1/ast/compile.go): a call of a builtin marked deprecated in the
 * capabilities is an error in strict mode and in v1-compatible modules (Rego v1, or v0 with {@code import rego.v1});
 * the driver ({@code RegoCompiler.checkCalls}) decides which modules and records the error under this stage.
 */
public final class CheckDeprecatedBuiltins {
    private CheckDeprecatedBuiltins() {}

    /** The error for calling builtin {@code b} (null: not a builtin) at {@code loc}, or null. */
    public static Diagnostic check(Builtins.Builtin b, Location loc) {
        if (b == null || !b.deprecated()) return null;
        return new Diagnostic(ErrorCodes.TYPE_ERROR, "deprecated built-in function calls in expression: " + b.name(), loc);
    }
}
