package dev.gkstudio.gatekeeper.review;

import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code data.inventory}: {@code cluster[<groupVersion>][<Kind>][<name>]} for cluster-scoped objects and
 * {@code namespace[<ns>][<groupVersion>][<Kind>][<name>]} for namespaced ones. Also keeps the Namespace
 * objects it has seen, for namespaceSelector matching.
 */
public final class Inventory {
    private final Map<String, Object> root = new LinkedHashMap<>();
    private final Map<String, Value> namespaces = new LinkedHashMap<>();
    private Value cached;

    /** Adds an object; returns an error text (Gatekeeper's) when it has no version or kind, else null. */
    public String add(Value obj) {
        String[] gv = Obj.groupVersion(obj);
        String kind = Obj.kind(obj);
        String name = Obj.name(obj);
        if (gv[1].isEmpty()) return "invalid request object: resource " + name + " has no version";
        if (kind.isEmpty()) return "invalid request object: resource " + name + " has no kind";
        String groupVersion = gv[0].isEmpty() ? gv[1] : gv[0] + "/" + gv[1];
        String ns = Obj.namespace(obj);
        if (ns.isEmpty()) {
            put(new String[] {"cluster", groupVersion, kind, name}, obj);
            if (kind.equals("Namespace") && gv[0].isEmpty()) namespaces.put(name, obj);
        } else {
            put(new String[] {"namespace", ns, groupVersion, kind, name}, obj);
        }
        cached = null;
        return null;
    }

    @SuppressWarnings("unchecked")
    private void put(String[] path, Value obj) {
        Map<String, Object> cur = root;
        for (int i = 0; i < path.length - 1; i++) {
            cur = (Map<String, Object>) cur.computeIfAbsent(path[i], k -> new LinkedHashMap<String, Object>());
        }
        cur.put(path[path.length - 1], obj);
    }

    public boolean isEmpty() {
        return root.isEmpty();
    }

    /** The Namespace object with that name, if one was added. */
    public Value namespace(String name) {
        return name == null ? null : namespaces.get(name);
    }

    /** The inventory as a value, or null when empty (the path stays undefined). */
    public Value value() {
        if (root.isEmpty()) return null;
        if (cached == null) cached = toValue(root);
        return cached;
    }

    @SuppressWarnings("unchecked")
    private static Value toValue(Map<String, Object> m) {
        Map<Value, Value> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            Object v = e.getValue();
            out.put(StringValue.of(e.getKey()), v instanceof Map ? toValue((Map<String, Object>) v) : (Value) v);
        }
        return ObjectValue.wrap(out);
    }
}
