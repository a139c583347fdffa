package dev.gkstudio.gatekeeper.schema;

import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Defaulting and unknown-field detection over a schema, as Kubernetes' structural schema code does. */
public final class StructuralSchema {
    private StructuralSchema() {
    }

    private static boolean preserve(ObjectValue s) {
        return Obj.get(s, "x-kubernetes-preserve-unknown-fields") instanceof BooleanValue b && b.value();
    }

    /** Applies {@code default}s of object properties (recursively through items and additionalProperties). */
    public static Value applyDefaults(ObjectValue s, Value v) {
        if (s == null) return v;
        if (v instanceof ObjectValue o) {
            Map<Value, Value> m = new LinkedHashMap<>(o.asMap());
            ObjectValue props = Obj.obj(s, "properties");
            if (props != null) {
                for (Value pk : props.keys()) {
                    ObjectValue ps = Obj.obj(props, ((StringValue) pk).value());
                    if (ps == null) continue;
                    Value cur = m.get(pk);
                    Value def = Obj.get(ps, "default");
                    if (cur == null && def != null) {
                        m.put(pk, applyDefaults(ps, def));
                    } else if (cur != null) {
                        m.put(pk, applyDefaults(ps, cur));
                    }
                }
            }
            ObjectValue addl = Obj.obj(s, "additionalProperties");
            if (addl != null) {
                for (Map.Entry<Value, Value> e : o.asMap().entrySet()) {
                    if (props == null || props.get(e.getKey()) == null) m.put(e.getKey(), applyDefaults(addl, e.getValue()));
                }
            }
            return ObjectValue.wrap(m);
        }
        if (v instanceof ArrayValue a) {
            ObjectValue items = Obj.obj(s, "items");
            if (items == null) return v;
            List<Value> out = new ArrayList<>(a.size());
            for (Value e : a.list()) out.add(applyDefaults(items, e));
            return ArrayValue.of(out);
        }
        return v;
    }

    /**
     * Paths of fields the schema does not know (what pruning would drop), like
     * {@code spec.parameters.foo}. At the resource root, apiVersion, kind and metadata are always known.
     */
    public static List<String> unknownFields(ObjectValue s, Value v, boolean resourceRoot) {
        List<String> out = new ArrayList<>();
        walk(s, v, "", resourceRoot, out);
        return out;
    }

    private static void walk(ObjectValue s, Value v, String path, boolean root, List<String> out) {
        if (s == null) return;
        if (preserve(s)) {
            // known properties are still checked; unknown ones are kept
            if (v instanceof ObjectValue o) {
                ObjectValue props = Obj.obj(s, "properties");
                if (props != null) {
                    for (Value k : o.keys()) {
                        if (props.get(k) instanceof ObjectValue ps) walk(ps, o.get(k), join(path, k), false, out);
                    }
                }
            } else if (v instanceof ArrayValue a && Obj.obj(s, "items") != null) {
                for (int i = 0; i < a.size(); i++) walk(Obj.obj(s, "items"), a.get(i), path + "[" + i + "]", false, out);
            }
            return;
        }
        if (v instanceof ObjectValue o) {
            ObjectValue props = Obj.obj(s, "properties");
            Value addl = Obj.get(s, "additionalProperties");
            for (Value k : o.keys()) {
                String key = k instanceof StringValue ks ? ks.value() : k.toString();
                if (root && (key.equals("apiVersion") || key.equals("kind") || key.equals("metadata"))) {
                    continue;
                }
                ObjectValue ps = props == null ? null : (props.get(k) instanceof ObjectValue x ? x : null);
                if (ps != null) {
                    walk(ps, o.get(k), join(path, k), false, out);
                } else if (addl instanceof ObjectValue as) {
                    walk(as, o.get(k), join(path, k), false, out);
                } else if (addl instanceof BooleanValue ab && ab.value()) {
                    // any value allowed, keep
                } else {
                    out.add(join(path, k));
                }
            }
        } else if (v instanceof ArrayValue a) {
            ObjectValue items = Obj.obj(s, "items");
            if (items != null) for (int i = 0; i < a.size(); i++) walk(items, a.get(i), path + "[" + i + "]", false, out);
        }
    }

    private static String join(String path, Value k) {
        String key = k instanceof StringValue ks ? ks.value() : k.toString();
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Copy of a schema with {@code x-kubernetes-preserve-unknown-fields: true} on every object node. */
    public static ObjectValue preserveEverywhere(ObjectValue s) {
        Map<Value, Value> m = new LinkedHashMap<>(s.asMap());
        ObjectValue props = Obj.obj(s, "properties");
        if (props != null) {
            Map<Value, Value> pm = new LinkedHashMap<>();
            for (Map.Entry<Value, Value> e : props.asMap().entrySet()) {
                pm.put(e.getKey(), e.getValue() instanceof ObjectValue ps ? preserveEverywhere(ps) : e.getValue());
            }
            m.put(StringValue.of("properties"), ObjectValue.wrap(pm));
        }
        ObjectValue items = Obj.obj(s, "items");
        if (items != null) m.put(StringValue.of("items"), preserveEverywhere(items));
        ObjectValue addl = Obj.obj(s, "additionalProperties");
        if (addl != null) m.put(StringValue.of("additionalProperties"), preserveEverywhere(addl));
        String type = Obj.str(s, "type");
        if (type.isEmpty() || type.equals("object")) {
            m.put(StringValue.of("x-kubernetes-preserve-unknown-fields"), BooleanValue.TRUE);
        }
        return ObjectValue.wrap(m);
    }

    static List<String> strings(ArrayValue a) {
        return Obj.strings(a);
    }
}
