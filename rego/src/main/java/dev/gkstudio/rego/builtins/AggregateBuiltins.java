package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.SetValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** count, sum, product, max, min, sort, all, any. */
final class AggregateBuiltins {
    private AggregateBuiltins() {}

    static void register(Map<String, BuiltinFunction> t) {
        t.put("count", (c, a) -> {
            Value v = a[0];
            if (v instanceof ArrayValue x) return NumberValue.of(x.size());
            if (v instanceof ObjectValue x) return NumberValue.of(x.size());
            if (v instanceof SetValue x) return NumberValue.of(x.size());
            if (v instanceof StringValue s) return NumberValue.of(s.value().codePointCount(0, s.value().length()));
            throw BuiltinException.operand("count", 1, v, "array", "object", "set", "string");
        });
        t.put("sum", (c, a) -> accumulate("sum", a[0], false));
        t.put("product", (c, a) -> accumulate("product", a[0], true));
        t.put("max", (c, a) -> {
            List<Value> es = collection("max", a[0], "set", "array");
            if (es.isEmpty()) return null;
            Value m = es.get(0);
            for (Value v : es) if (m.compareTo(v) <= 0) m = v;
            return m;
        });
        t.put("min", (c, a) -> {
            List<Value> es = collection("min", a[0], "set", "array");
            if (es.isEmpty()) return null;
            Value m = es.get(0);
            for (Value v : es) if (m.compareTo(v) > 0) m = v;
            return m;
        });
        t.put("sort", (c, a) -> {
            List<Value> es = new ArrayList<>(collection("sort", a[0], "set", "array"));
            Collections.sort(es);
            return ArrayValue.of(es);
        });
        t.put("all", (c, a) -> {
            List<Value> es = collection("all", a[0], "array", "set");
            for (Value v : es) if (v != BooleanValue.TRUE && !BooleanValue.TRUE.equals(v)) return BooleanValue.FALSE;
            return BooleanValue.TRUE;
        });
        t.put("any", (c, a) -> {
            List<Value> es = collection("any", a[0], "array", "set");
            for (Value v : es) if (BooleanValue.TRUE.equals(v)) return BooleanValue.TRUE;
            return BooleanValue.FALSE;
        });
    }

    private static List<Value> collection(String b, Value v, String... expected) {
        List<Value> es = Args.elems(v);
        if (es == null) throw BuiltinException.operand(b, 1, v, expected);
        return es;
    }

    private static Value accumulate(String b, Value v, boolean product) {
        List<Value> es = collection(b, v, "set", "array");
        BigInteger acc = product ? BigInteger.ONE : BigInteger.ZERO;
        boolean exact = true;
        for (Value e : es) {
            if (!(e instanceof NumberValue n) || Limits.bigInteger(n) == null) { exact = false; break; }
            acc = Limits.checkBits(product ? acc.multiply(Limits.bigInteger(n)) : acc.add(Limits.bigInteger(n)));
        }
        if (exact) return NumberValue.of(acc);
        BigDecimal f = product ? BigDecimal.ONE : BigDecimal.ZERO;
        for (Value e : es) {
            if (!(e instanceof NumberValue n)) throw Args.elementErr(b, 1, v, e, "number");
            f = product ? GoFloat.mul(f, GoFloat.of(n)) : GoFloat.add(f, GoFloat.of(n));
        }
        return GoFloat.toNumber(f);
    }
}
