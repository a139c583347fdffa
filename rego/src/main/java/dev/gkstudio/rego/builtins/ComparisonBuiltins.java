package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.BooleanValue;
import java.util.Map;

/** ==, !=, &lt;, &lt;=, &gt;, &gt;= over OPA's total order of values. */
final class ComparisonBuiltins {
    private ComparisonBuiltins() {}

    static void register(Map<String, BuiltinFunction> t) {
        t.put("equal", (c, a) -> BooleanValue.of(a[0].equals(a[1])));
        t.put("neq", (c, a) -> BooleanValue.of(!a[0].equals(a[1])));
        t.put("lt", (c, a) -> BooleanValue.of(a[0].compareTo(a[1]) < 0));
        t.put("lte", (c, a) -> BooleanValue.of(a[0].compareTo(a[1]) <= 0));
        t.put("gt", (c, a) -> BooleanValue.of(a[0].compareTo(a[1]) > 0));
        t.put("gte", (c, a) -> BooleanValue.of(a[0].compareTo(a[1]) >= 0));
    }
}
