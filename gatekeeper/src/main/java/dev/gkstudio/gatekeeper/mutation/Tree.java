package dev.gkstudio.gatekeeper.mutation;

import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutable form mutators work on, as Go's unstructured content: objects are {@code LinkedHashMap<String,
 * Object>}, lists {@code ArrayList<Object>}, scalars stay {@link Value}s.
 */
final class Tree {
    private Tree() {
    }

    static Object of(Value v) {
        if (v instanceof ObjectValue o) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Map.Entry<Value, Value> e : o.asMap().entrySet()) m.put(Json.keyText(e.getKey()), of(e.getValue()));
            return m;
        }
        if (v instanceof ArrayValue a) {
            List<Object> l = new ArrayList<>(a.size());
            for (Value e : a.list()) l.add(of(e));
            return l;
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    static Value value(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<Value, Value> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) out.put(StringValue.of(e.getKey()), value(e.getValue()));
            return ObjectValue.wrap(out);
        }
        if (o instanceof List<?> l) {
            List<Value> out = new ArrayList<>(l.size());
            for (Object e : l) out.add(value(e));
            return ArrayValue.of(out);
        }
        return (Value) o;
    }

    /** A deep copy (scalars are immutable and shared). */
    static Object copy(Object o) {
        return of(value(o));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        return o instanceof Map<?, ?> ? (Map<String, Object>) o : null;
    }

    @SuppressWarnings("unchecked")
    static List<Object> asList(Object o) {
        return o instanceof List<?> ? (List<Object>) o : null;
    }

    /** Go's %T of an unstructured value, for mismatch errors. */
    static String goType(Object o) {
        if (o instanceof Map<?, ?>) return "map[string]interface {}";
        if (o instanceof List<?>) return "[]interface {}";
        if (o instanceof StringValue) return "string";
        if (o instanceof dev.gkstudio.rego.value.NumberValue) return "float64";
        if (o instanceof dev.gkstudio.rego.value.BooleanValue) return "bool";
        return "<nil>";
    }
}
