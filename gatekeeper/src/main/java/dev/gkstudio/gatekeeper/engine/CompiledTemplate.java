package dev.gkstudio.gatekeeper.engine;

import dev.gkstudio.rego.value.Value;

/** A compiled template; thread-safe, evaluated once per (constraint, review). */
public interface CompiledTemplate {
    /**
     * Evaluates {@code data.template.violation} with {@code input = {"review": ..., "parameters": ...}}
     * and {@code data.inventory = inventory} (null: undefined).
     */
    EvalOutcome violations(Value input, Value inventory, EvalOptions options);
}
