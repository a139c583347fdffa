package dev.gkstudio.backend.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.NullValue;
import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.SetValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;

/** Rego values as plain Java for Jackson, keeping the objects' key order as written. */
final class JsonValues {
    private JsonValues() {
    }

    static Object toJava(Value v) {
        if (v == null || v instanceof NullValue) {
            return null;
        }
        if (v instanceof BooleanValue b) {
            return b.value();
        }
        if (v instanceof NumberValue n) {
            return n.value();
        }
        if (v instanceof StringValue s) {
            return s.value();
        }
        if (v instanceof ArrayValue a) {
            List<Object> out = new ArrayList<>(a.size());
            for (Value e : a.list()) {
                out.add(toJava(e));
            }
            return out;
        }
        if (v instanceof SetValue s) {
            List<Object> out = new ArrayList<>(s.size());
            for (Value e : s.sorted()) {
                out.add(toJava(e));
            }
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<Value, Value> e : ((ObjectValue) v).asMap().entrySet()) {
            out.put(Json.keyText(e.getKey()), toJava(e.getValue()));
        }
        return out;
    }
}
