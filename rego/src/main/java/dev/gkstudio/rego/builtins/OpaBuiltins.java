package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.ObjectValue;
import java.util.Map;

/**
 * opa.runtime: OPA returns an empty object when it runs without runtime information (as embedded and in its own
 * test harness); the Studio never exposes environment variables, host or configuration, so it always does.
 */
final class OpaBuiltins {
    private OpaBuiltins() {}

    static void register(Map<String, BuiltinFunction> t) {
        t.put("opa.runtime", (c, a) -> ObjectValue.EMPTY);
    }
}
