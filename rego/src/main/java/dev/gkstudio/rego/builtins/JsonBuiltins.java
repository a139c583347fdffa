package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.StringValue;
import java.util.Map;

/** json.* builtins. */
final class JsonBuiltins {
    private JsonBuiltins() {}

    static void register(Map<String, BuiltinFunction> t) {
        t.put("json.marshal", (c, a) -> StringValue.of(Json.write(a[0])));
        t.put("json.unmarshal", (c, a) -> {
            String s = Args.str("json.unmarshal", a, 0);
            try {
                return Json.parse(s);
            } catch (Json.ParseException e) {
                throw Args.err("json.unmarshal", e.getMessage());
            }
        });
        t.put("json.is_valid", (c, a) -> {
            if (!(a[0] instanceof StringValue s)) return BooleanValue.FALSE;
            try {
                Json.parse(s.value());
                return BooleanValue.TRUE;
            } catch (Json.ParseException e) {
                return BooleanValue.FALSE;
            }
        });
    }
}
