package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.SetValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** RFC 6902 JSON Patch over Rego values (paths may also be arrays of segments; sets are supported). */
final class JsonPatch {
    private JsonPatch() {}

    /** Applies one operation; null when it fails (json.patch is then undefined). */
    static Value apply(Value doc, ObjectValue op) {
        if (!(op.get("op") instanceof StringValue opName)) return null;
        List<Value> path = path(op.get("path"));
        if (path == null) return null;
        switch (opName.value()) {
            case "add": {
                Value v = op.get("value");
                return v == null ? null : add(doc, path, 0, v);
            }
            case "remove": return remove(doc, path, 0);
            case "replace": {
                Value v = op.get("value");
                if (v == null || get(doc, path) == null) return null;
                if (path.isEmpty()) return v; // replacing the whole document
                Value r = remove(doc, path, 0);
                return r == null ? null : add(r, path, 0, v);
            }
            case "move": {
                List<Value> from = path(op.get("from"));
                if (from == null) return null;
                Value v = get(doc, from);
                if (v == null) return null;
                Value r = remove(doc, from, 0);
                return r == null ? null : add(r, path, 0, v);
            }
            case "copy": {
                List<Value> from = path(op.get("from"));
                if (from == null) return null;
                Value v = get(doc, from);
                return v == null ? null : add(doc, path, 0, v);
            }
            case "test": {
                Value v = op.get("value");
                Value cur = get(doc, path);
                return v != null && cur != null && cur.equals(v) ? doc : null;
            }
            default: return null;
        }
    }

    /** {@code {"op": "remove", "path": ""}} (or {@code []}): removes the whole document. */
    static boolean isRootRemove(ObjectValue op) {
        List<Value> path = path(op.get("path"));
        return op.get("op") instanceof StringValue s && s.value().equals("remove") && path != null && path.isEmpty();
    }

    /** The document an add at the root puts in place of a removed one; null for any other operation. */
    static Value rootAdd(ObjectValue op) {
        List<Value> path = path(op.get("path"));
        boolean add = op.get("op") instanceof StringValue s && s.value().equals("add");
        return add && path != null && path.isEmpty() ? op.get("value") : null;
    }

    static List<Value> path(Value p) {
        if (p instanceof ArrayValue arr) return arr.list();
        if (!(p instanceof StringValue s)) return null;
        List<Value> out = new ArrayList<>();
        if (s.value().isEmpty()) return out;
        String t = s.value().replaceFirst("^/+", "");
        for (String part : t.split("/", -1)) out.add(StringValue.of(part.replace("~1", "/").replace("~0", "~")));
        return out;
    }

    private static Integer index(Value seg, int size, boolean allowEnd) {
        Integer i = null;
        if (seg instanceof NumberValue n) i = n.toIntOrNull();
        else if (seg instanceof StringValue s) {
            if (allowEnd && s.value().equals("-")) return size;
            if (s.value().matches("0|[1-9][0-9]{0,8}")) i = Integer.parseInt(s.value());
        }
        if (i == null || i < 0 || i > (allowEnd ? size : size - 1)) return null;
        return i;
    }

    static Value get(Value doc, List<Value> path) {
        Value cur = doc;
        for (Value seg : path) {
            if (cur instanceof ObjectValue o) cur = o.get(seg);
            else if (cur instanceof ArrayValue a) {
                Integer i = index(seg, a.size(), false);
                cur = i == null ? null : a.get(i);
            } else if (cur instanceof SetValue s) {
                cur = s.contains(seg) ? seg : null;
            } else {
                return null;
            }
            if (cur == null) return null;
        }
        return cur;
    }

    private static Value add(Value doc, List<Value> path, int i, Value v) {
        if (i == path.size()) return v;
        Value seg = path.get(i);
        boolean last = i == path.size() - 1;
        if (doc instanceof ObjectValue o) {
            Value child = o.get(seg);
            Value nv;
            if (last) nv = v;
            else {
                if (child == null) return null;
                nv = add(child, path, i + 1, v);
                if (nv == null) return null;
            }
            Map<Value, Value> m = new LinkedHashMap<>(o.asMap());
            m.put(seg, nv);
            return ObjectValue.wrap(m);
        }
        if (doc instanceof ArrayValue a) {
            Integer idx = index(seg, a.size(), last);
            if (idx == null) return null;
            List<Value> l = new ArrayList<>(a.list());
            if (last) l.add(idx, v);
            else {
                Value nv = add(a.get(idx), path, i + 1, v);
                if (nv == null) return null;
                l.set(idx, nv);
            }
            return ArrayValue.of(l);
        }
        if (doc instanceof SetValue s) {
            if (last) {
                // a set member's path segment is the member itself: adding another value there fails
                if (!seg.equals(v) && !(seg instanceof StringValue ss && ss.value().equals(dev.gkstudio.rego.value.Json.write(v)))) {
                    return null;
                }
                Set<Value> n = new LinkedHashSet<>(s.sorted());
                n.add(v);
                return SetValue.wrap(n);
            }
            if (!s.contains(seg)) return null;
            Value nv = add(seg, path, i + 1, v);
            if (nv == null) return null;
            Set<Value> n = new LinkedHashSet<>(s.sorted());
            n.remove(seg);
            n.add(nv);
            return SetValue.wrap(n);
        }
        return null;
    }

    private static Value remove(Value doc, List<Value> path, int i) {
        if (path.isEmpty()) return null;
        Value seg = path.get(i);
        boolean last = i == path.size() - 1;
        if (doc instanceof ObjectValue o) {
            Value child = o.get(seg);
            if (child == null) return null;
            Map<Value, Value> m = new LinkedHashMap<>(o.asMap());
            if (last) m.remove(seg);
            else {
                Value nv = remove(child, path, i + 1);
                if (nv == null) return null;
                m.put(seg, nv);
            }
            return ObjectValue.wrap(m);
        }
        if (doc instanceof ArrayValue a) {
            Integer idx = index(seg, a.size(), false);
            if (idx == null) return null;
            List<Value> l = new ArrayList<>(a.list());
            if (last) l.remove((int) idx);
            else {
                Value nv = remove(a.get(idx), path, i + 1);
                if (nv == null) return null;
                l.set(idx, nv);
            }
            return ArrayValue.of(l);
        }
        if (doc instanceof SetValue s) {
            if (!s.contains(seg)) return null;
            Set<Value> n = new LinkedHashSet<>(s.sorted());
            n.remove(seg);
            if (!last) {
                Value nv = remove(seg, path, i + 1);
                if (nv == null) return null;
                n.add(nv);
            }
            return SetValue.wrap(n);
        }
        return null;
    }
}
