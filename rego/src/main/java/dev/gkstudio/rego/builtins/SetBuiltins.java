package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.SetValue;
import dev.gkstudio.rego.value.Value;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Set operators and the n-ary intersection/union. */
final class SetBuiltins {
    private SetBuiltins() {}

    static void register(Map<String, BuiltinFunction> t) {
        t.put("and", (c, a) -> and(Args.set("and", a, 0), Args.set("and", a, 1)));
        t.put("or", (c, a) -> or(Args.set("or", a, 0), Args.set("or", a, 1)));
        t.put("set_diff", (c, a) -> NumberBuiltins.diff(Args.set("set_diff", a, 0), Args.set("set_diff", a, 1)));
        t.put("intersection", (c, a) -> {
            SetValue in = Args.set("intersection", a, 0);
            SetValue r = null;
            for (Value v : in.sorted()) {
                if (!(v instanceof SetValue s)) throw BuiltinException.operand("intersection", 1, v, "set");
                r = r == null ? s : and(r, s);
            }
            return r == null ? SetValue.EMPTY : r;
        });
        t.put("union", (c, a) -> {
            SetValue in = Args.set("union", a, 0);
            Set<Value> out = new LinkedHashSet<>();
            for (Value v : in.sorted()) {
                if (!(v instanceof SetValue s)) throw BuiltinException.operand("union", 1, v, "set");
                out.addAll(s.sorted());
            }
            return SetValue.wrap(out);
        });
    }

    static SetValue and(SetValue x, SetValue y) {
        Set<Value> out = new LinkedHashSet<>();
        SetValue small = x.size() <= y.size() ? x : y, big = small == x ? y : x;
        for (Value v : small.sorted()) if (big.contains(v)) out.add(v);
        return SetValue.wrap(out);
    }

    static SetValue or(SetValue x, SetValue y) {
        if (y.size() == 0) return x;
        if (x.size() == 0) return y;
        Set<Value> out = new LinkedHashSet<>(x.sorted());
        out.addAll(y.sorted());
        return SetValue.wrap(out);
    }
}
