package dev.gkstudio.gatekeeper.cel;

import dev.cel.common.values.NullValue;
import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.SetValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON values (the Rego value model) as CEL sees unstructured Kubernetes objects. */
final class CelValues {
    private CelValues() {
    }

    /** Converts a JSON value: objects → maps, arrays → lists, integers → int, other numbers → double, null → null. */
    static Object toCel(Value v) {
        if (v == null || v instanceof dev.gkstudio.rego.value.NullValue) return NullValue.NULL_VALUE;
        if (v instanceof StringValue s) return s.value();
        if (v instanceof BooleanValue b) return b.value();
        if (v instanceof NumberValue n) {
            Long l = n.isInteger() ? n.toLongOrNull() : null;
            if (l != null) return l;
            return n.value().doubleValue();
        }
        if (v instanceof ArrayValue a) {
            List<Object> out = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) out.add(toCel(a.get(i)));
            return Collections.unmodifiableList(out);
        }
        if (v instanceof SetValue s) {
            List<Object> out = new ArrayList<>();
            for (Value e : s.sorted()) out.add(toCel(e));
            return Collections.unmodifiableList(out);
        }
        if (v instanceof ObjectValue o) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<Value, Value> e : o.asMap().entrySet()) {
                String k = e.getKey() instanceof StringValue ks ? ks.value() : e.getKey().toString();
                out.put(k, toCel(e.getValue()));
            }
            return Collections.unmodifiableMap(out);
        }
        return v.toString();
    }

    /** A CEL result as a JSON value (best effort: used for display). */
    static Value toJson(Object o) {
        if (o == null || o instanceof NullValue) return dev.gkstudio.rego.value.NullValue.INSTANCE;
        if (o instanceof String s) return StringValue.of(s);
        if (o instanceof Boolean b) return BooleanValue.of(b);
        if (o instanceof Long l) return NumberValue.of(l);
        if (o instanceof Double d) return NumberValue.of(BigDecimal.valueOf(d));
        if (o instanceof List<?> l) {
            List<Value> out = new ArrayList<>();
            for (Object e : l) out.add(toJson(e));
            return ArrayValue.of(out);
        }
        if (o instanceof Map<?, ?> m) {
            ObjectValue.Builder b = ObjectValue.builder();
            for (Map.Entry<?, ?> e : m.entrySet()) b.put(String.valueOf(e.getKey()), toJson(e.getValue()));
            return b.build();
        }
        return StringValue.of(String.valueOf(o));
    }
}
