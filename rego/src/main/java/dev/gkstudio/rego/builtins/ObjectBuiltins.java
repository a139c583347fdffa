package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.SetValue;
import dev.gkstudio.rego.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** object.get, keys, remove, filter, union, union_n, subset. */
final class ObjectBuiltins {
    private ObjectBuiltins() {}

    static void register(Map<String, BuiltinFunction> t) {
        t.put("object.get", (c, a) -> {
            ObjectValue o = Args.obj("object.get", a, 0);
            if (!(a[1] instanceof ArrayValue path)) {
                Value v = o.get(a[1]);
                return v != null ? v : a[2];
            }
            if (path.size() == 0) return o;
            Value v = find(o, path.list(), 0);
            return v != null ? v : a[2];
        });
        t.put("object.keys", (c, a) -> SetValue.of(Args.obj("object.keys", a, 0).keys()));
        t.put("object.remove", (c, a) -> {
            ObjectValue o = Args.obj("object.remove", a, 0);
            Set<Value> keys = keysParam("object.remove", a[1]);
            Map<Value, Value> out = new LinkedHashMap<>();
            for (Value k : o.keys()) if (!keys.contains(k)) out.put(k, o.get(k));
            return ObjectValue.wrap(out);
        });
        t.put("object.filter", (c, a) -> {
            ObjectValue o = Args.obj("object.filter", a, 0);
            Set<Value> keys = keysParam("object.filter", a[1]);
            Map<Value, Value> out = new LinkedHashMap<>();
            for (Value k : o.keys()) if (keys.contains(k)) out.put(k, o.get(k));
            return ObjectValue.wrap(out);
        });
        t.put("object.union", (c, a) -> merge(Args.obj("object.union", a, 0), Args.obj("object.union", a, 1)));
        t.put("object.union_n", (c, a) -> {
            ArrayValue arr = Args.arr("object.union_n", a, 0);
            for (Value v : arr.list()) {
                if (!(v instanceof ObjectValue)) throw Args.elementErr("object.union_n", 1, arr, v, "object");
            }
            ObjectValue r = ObjectValue.EMPTY;
            for (Value v : arr.list()) r = merge(r, (ObjectValue) v);
            return r;
        });
        t.put("object.subset", (c, a) -> {
            Value sup = a[0], sub = a[1];
            if (sup instanceof ObjectValue x && sub instanceof ObjectValue y) return BooleanValue.of(objectSubset(x, y));
            if (sup instanceof SetValue x && sub instanceof SetValue y) return BooleanValue.of(setSubset(x, y));
            if (sup instanceof ArrayValue x && sub instanceof ArrayValue y) return BooleanValue.of(arraySubset(x, y));
            if (sup instanceof ArrayValue x && sub instanceof SetValue y) return BooleanValue.of(setSubset(SetValue.of(x.list()), y));
            throw Args.operandErr("object.subset", 1, "both arguments to object.subset must be of the same type or array and set");
        });
    }

    /** Looks a path up through objects, arrays (integer indexes) and sets; null when absent. */
    static Value find(Value v, List<Value> path, int i) {
        if (i == path.size()) return v;
        Value k = path.get(i);
        if (v instanceof ObjectValue o) {
            Value n = o.get(k);
            return n == null ? null : find(n, path, i + 1);
        }
        if (v instanceof ArrayValue arr) {
            if (!(k instanceof NumberValue n)) return null;
            Integer idx = n.toIntOrNull();
            if (idx == null || idx < 0 || idx >= arr.size()) return null;
            return find(arr.get(idx), path, i + 1);
        }
        if (v instanceof SetValue s) {
            return s.contains(k) ? find(k, path, i + 1) : null;
        }
        return null;
    }

    static Set<Value> keysParam(String b, Value v) {
        if (v instanceof ArrayValue arr) return new LinkedHashSet<>(arr.list());
        if (v instanceof SetValue s) return new LinkedHashSet<>(s.sorted());
        if (v instanceof ObjectValue o) return new LinkedHashSet<>(o.keys());
        throw BuiltinException.operand(b, 2, v, "object", "set", "array");
    }

    /** Merges b into a; where both values are objects they merge recursively, else b wins. */
    static ObjectValue merge(ObjectValue a, ObjectValue b) {
        if (a.equals(b)) return a;
        Map<Value, Value> out = new LinkedHashMap<>();
        for (Value k : a.keys()) out.put(k, a.get(k));
        for (Value k : b.keys()) {
            Value old = out.get(k), nv = b.get(k);
            if (old instanceof ObjectValue oo && nv instanceof ObjectValue no) out.put(k, merge(oo, no));
            else out.put(k, nv);
        }
        return ObjectValue.wrap(out);
    }

    static boolean objectSubset(ObjectValue sup, ObjectValue sub) {
        for (Value k : sub.keys()) {
            Value sv = sup.get(k), v = sub.get(k);
            if (sv == null) return false;
            if (v instanceof ObjectValue vo) {
                if (!(sv instanceof ObjectValue so) || !objectSubset(so, vo)) return false;
            } else if (v instanceof SetValue vs) {
                if (!(sv instanceof SetValue ss) || !setSubset(ss, vs)) return false;
            } else if (v instanceof ArrayValue va) {
                if (!(sv instanceof ArrayValue sa) || !arraySubset(sa, va)) return false;
            } else if (!sv.equals(v)) {
                return false;
            }
        }
        return true;
    }

    static boolean setSubset(SetValue sup, SetValue sub) {
        for (Value v : sub.sorted()) if (!sup.contains(v)) return false;
        return true;
    }

    /** Whether sub occurs in sup as a contiguous run. */
    static boolean arraySubset(ArrayValue sup, ArrayValue sub) {
        int n = sup.size(), m = sub.size();
        if (m == 0) return true;
        for (int i = 0; i + m <= n; i++) {
            boolean ok = true;
            for (int j = 0; j < m; j++) {
                if (!sup.get(i + j).equals(sub.get(j))) { ok = false; break; }
            }
            if (ok) return true;
        }
        return false;
    }

    static List<Value> list(Value... vs) {
        return new ArrayList<>(List.of(vs));
    }
}
