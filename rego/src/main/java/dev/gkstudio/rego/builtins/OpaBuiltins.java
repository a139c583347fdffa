package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import java.util.Map;

/** opa.runtime: describes the engine only; no environment variables, host or configuration. */
final class OpaBuiltins {
    private OpaBuiltins() {}

    static void register(Map<String, BuiltinFunction> t) {
        t.put("opa.runtime", (c, a) -> ObjectValue.builder()
                .put("env", ObjectValue.EMPTY)
                .put("config", ObjectValue.EMPTY)
                .put("version", StringValue.of("gatekeeper-studio"))
                .build());
    }
}
