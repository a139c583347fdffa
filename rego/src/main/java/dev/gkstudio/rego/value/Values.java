package dev.gkstudio.rego.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Conversions between plain Java objects and {@link Value}s. */
public final class Values {
    private Values() {}

    /**
     * Converts null, Boolean, Number, String/CharSequence, Map, List/Collection (a Set becomes a
     * Rego set) and Values into a Value.
     */
    public static Value fromJava(Object o) {
        if (o == null) return NullValue.INSTANCE;
        if (o instanceof Value v) return v;
        if (o instanceof Boolean b) return BooleanValue.of(b);
        if (o instanceof BigDecimal d) return NumberValue.of(d);
        if (o instanceof BigInteger i) return NumberValue.of(i);
        if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte) {
            return NumberValue.of(((Number) o).longValue());
        }
        if (o instanceof Number n) return NumberValue.parse(n.toString());
        if (o instanceof CharSequence s) return StringValue.of(s.toString());
        if (o instanceof Map<?, ?> m) {
            Map<Value, Value> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(fromJava(k), fromJava(v)));
            return ObjectValue.wrap(out);
        }
        if (o instanceof Set<?> s) {
            List<Value> out = new ArrayList<>();
            s.forEach(e -> out.add(fromJava(e)));
            return SetValue.of(out);
        }
        if (o instanceof Collection<?> c) {
            List<Value> out = new ArrayList<>();
            c.forEach(e -> out.add(fromJava(e)));
            return ArrayValue.of(out);
        }
        throw new IllegalArgumentException("cannot convert " + o.getClass().getName() + " to a Rego value");
    }

    /** Converts to plain Java: Map (LinkedHashMap, sorted keys as JSON key text), List, String, BigDecimal, Boolean, null. */
    public static Object toJava(Value v) {
        if (v instanceof NullValue) return null;
        if (v instanceof BooleanValue b) return b.value();
        if (v instanceof NumberValue n) return n.value();
        if (v instanceof StringValue s) return s.value();
        if (v instanceof ArrayValue a) {
            List<Object> out = new ArrayList<>(a.size());
            for (Value e : a.list()) out.add(toJava(e));
            return out;
        }
        if (v instanceof SetValue s) {
            List<Object> out = new ArrayList<>(s.size());
            for (Value e : s.sorted()) out.add(toJava(e));
            return out;
        }
        ObjectValue o = (ObjectValue) v;
        Map<String, Object> out = new LinkedHashMap<>();
        for (Value k : o.keys()) out.put(Json.keyText(k), toJava(o.get(k)));
        return out;
    }

    public static StringValue str(String s) { return StringValue.of(s); }

    public static NumberValue num(long n) { return NumberValue.of(n); }
}
