package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** array.concat, array.slice, array.reverse, array.flatten. */
final class ArrayBuiltins {
    private ArrayBuiltins() {}

    static void register(Map<String, BuiltinFunction> t) {
        t.put("array.concat", (c, a) -> {
            ArrayValue x = Args.arr("array.concat", a, 0), y = Args.arr("array.concat", a, 1);
            if (x.size() == 0) return y;
            if (y.size() == 0) return x;
            Limits.ensure(c, "array.concat", 16L * (x.size() + y.size()));
            List<Value> out = new ArrayList<>(x.size() + y.size());
            out.addAll(x.list());
            out.addAll(y.list());
            return ArrayValue.of(out);
        });
        t.put("array.slice", (c, a) -> {
            ArrayValue x = Args.arr("array.slice", a, 0);
            int start = Args.integer("array.slice", a, 1), stop = Args.integer("array.slice", a, 2);
            if (stop < 0) stop = 0;
            else if (stop > x.size()) stop = x.size();
            if (start < 0) start = 0;
            else if (start > stop) start = stop;
            return ArrayValue.of(x.list().subList(start, stop));
        });
        t.put("array.reverse", (c, a) -> {
            ArrayValue x = Args.arr("array.reverse", a, 0);
            List<Value> out = new ArrayList<>(x.list());
            java.util.Collections.reverse(out);
            return ArrayValue.of(out);
        });
        t.put("array.flatten", (c, a) -> {
            ArrayValue x = Args.arr("array.flatten", a, 0);
            List<Value> out = new ArrayList<>();
            flatten(x, out);
            return ArrayValue.of(out);
        });
    }

    private static void flatten(ArrayValue x, List<Value> out) {
        for (Value v : x.list()) {
            if (v instanceof ArrayValue inner) out.addAll(inner.list());
            else out.add(v);
        }
    }
}
