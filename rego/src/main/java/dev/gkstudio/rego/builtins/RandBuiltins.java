package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.NumberValue;
import java.security.SecureRandom;
import java.util.Map;

/** rand.intn: random, but the same answer for the same (key, n) within one query. */
final class RandBuiltins {
    private RandBuiltins() {}

    private static final SecureRandom RANDOM = new SecureRandom();

    static void register(Map<String, BuiltinFunction> t) {
        t.put("rand.intn", (c, a) -> {
            String key = Args.str("rand.intn", a, 0);
            int n = Args.integer("rand.intn", a, 1);
            if (n == 0) return NumberValue.ZERO;
            if (n < 0) n = -n;
            Object k = "rand.intn\u0000" + key + "-" + n;
            Object v = c.queryCache().get(k);
            if (v instanceof NumberValue nv) return nv;
            NumberValue r = NumberValue.of(RANDOM.nextInt(n));
            c.queryCache().put(k, r);
            return r;
        });
    }
}
