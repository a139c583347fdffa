package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.Value;

/**
 * The implementation of one builtin. Returns the result, or {@code null} when the call is
 * undefined; throws {@link BuiltinException} for a type or builtin error (the evaluator decides,
 * from strict mode, whether that error is reported or makes the call undefined).
 */
@FunctionalInterface
public interface BuiltinFunction {
    Value call(BuiltinContext ctx, Value[] args);
}
