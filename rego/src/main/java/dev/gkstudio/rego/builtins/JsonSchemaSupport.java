package dev.gkstudio.rego.builtins;

import java.util.Map;

/** Placeholder for json.verify_schema / json.match_schema (registered once a schema library is wired in). */
final class JsonSchemaSupport {
    private JsonSchemaSupport() {}

    static void register(Map<String, BuiltinFunction> t) {
        // not yet implemented
    }
}
