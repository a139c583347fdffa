package dev.gkstudio.gatekeeper.util;

import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.NullValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers to read and rebuild Kubernetes-style objects held as {@link Value}s. */
public final class Obj {
    private Obj() {
    }

    /** The value at the path of object keys, or null when any step is missing or not an object. */
    public static Value get(Value v, String... path) {
        Value cur = v;
        for (String p : path) {
            if (!(cur instanceof ObjectValue o)) return null;
            cur = o.get(p);
            if (cur == null) return null;
        }
        return cur;
    }

    /** The string at path, or "" when missing or not a string. */
    public static String str(Value v, String... path) {
        Value s = get(v, path);
        return s instanceof StringValue sv ? sv.value() : "";
    }

    public static ObjectValue obj(Value v, String... path) {
        Value s = get(v, path);
        return s instanceof ObjectValue o ? o : null;
    }

    public static ArrayValue arr(Value v, String... path) {
        Value s = get(v, path);
        return s instanceof ArrayValue a ? a : null;
    }

    public static boolean isNull(Value v) {
        return v == null || v instanceof NullValue;
    }

    /** A mutable copy of an object's entries (insertion order). */
    public static Map<Value, Value> copy(ObjectValue o) {
        return o == null ? new LinkedHashMap<>() : new LinkedHashMap<>(o.asMap());
    }

    /** Returns a copy of root with value set at the path of keys, creating objects as needed. */
    public static ObjectValue with(ObjectValue root, Value value, String... path) {
        return with(root, value, path, 0);
    }

    private static ObjectValue with(ObjectValue root, Value value, String[] path, int i) {
        Map<Value, Value> m = copy(root);
        StringValue k = StringValue.of(path[i]);
        if (i == path.length - 1) {
            m.put(k, value);
        } else {
            Value child = m.get(k);
            m.put(k, with(child instanceof ObjectValue co ? co : ObjectValue.EMPTY, value, path, i + 1));
        }
        return ObjectValue.wrap(m);
    }

    /** Copy of root without the key at the top level. */
    public static ObjectValue without(ObjectValue root, String key) {
        Map<Value, Value> m = copy(root);
        m.remove(StringValue.of(key));
        return ObjectValue.wrap(m);
    }

    /** The strings of an array value (non-strings skipped). */
    public static List<String> strings(Value v) {
        List<String> out = new ArrayList<>();
        if (v instanceof ArrayValue a) {
            for (Value e : a.list()) if (e instanceof StringValue s) out.add(s.value());
        }
        return out;
    }

    /** apiVersion split into group and version: "v1" → ("", "v1"), "apps/v1" → ("apps", "v1"). */
    public static String[] groupVersion(Value obj) {
        String av = str(obj, "apiVersion");
        int slash = av.indexOf('/');
        if (slash < 0) return new String[] {"", av};
        return new String[] {av.substring(0, slash), av.substring(slash + 1)};
    }

    public static String kind(Value obj) {
        return str(obj, "kind");
    }

    public static String name(Value obj) {
        return str(obj, "metadata", "name");
    }

    public static String namespace(Value obj) {
        return str(obj, "metadata", "namespace");
    }

    public static Map<String, String> labels(Value obj) {
        Map<String, String> out = new LinkedHashMap<>();
        ObjectValue l = obj(obj, "metadata", "labels");
        if (l != null) {
            for (Map.Entry<Value, Value> e : l.asMap().entrySet()) {
                if (e.getKey() instanceof StringValue k) {
                    out.put(k.value(), e.getValue() instanceof StringValue s ? s.value() : String.valueOf(e.getValue()));
                }
            }
        }
        return out;
    }
}
