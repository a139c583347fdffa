package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.NullValue;
import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.SetValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.util.Map;

/** is_* type tests, type_name and the deprecated cast_* functions. */
final class TypeBuiltins {
    private TypeBuiltins() {}

    static void register(Map<String, BuiltinFunction> t) {
        t.put("is_number", (c, a) -> BooleanValue.of(a[0] instanceof NumberValue));
        t.put("is_string", (c, a) -> BooleanValue.of(a[0] instanceof StringValue));
        t.put("is_boolean", (c, a) -> BooleanValue.of(a[0] instanceof BooleanValue));
        t.put("is_array", (c, a) -> BooleanValue.of(a[0] instanceof ArrayValue));
        t.put("is_set", (c, a) -> BooleanValue.of(a[0] instanceof SetValue));
        t.put("is_object", (c, a) -> BooleanValue.of(a[0] instanceof ObjectValue));
        t.put("is_null", (c, a) -> BooleanValue.of(a[0] instanceof NullValue));
        t.put("type_name", (c, a) -> StringValue.of(a[0].typeName()));
        t.put("cast_array", (c, a) -> {
            if (a[0] instanceof ArrayValue) return a[0];
            if (a[0] instanceof SetValue s) return ArrayValue.of(s.sorted());
            throw BuiltinException.operand("cast_array", 1, a[0], "array", "set");
        });
        t.put("cast_set", (c, a) -> {
            if (a[0] instanceof SetValue) return a[0];
            if (a[0] instanceof ArrayValue x) return SetValue.of(x.list());
            throw BuiltinException.operand("cast_set", 1, a[0], "array", "set");
        });
        t.put("cast_string", (c, a) -> {
            if (a[0] instanceof StringValue) return a[0];
            throw BuiltinException.operand("cast_string", 1, a[0], "string");
        });
        t.put("cast_boolean", (c, a) -> {
            if (a[0] instanceof BooleanValue) return a[0];
            throw BuiltinException.operand("cast_boolean", 1, a[0], "boolean");
        });
        t.put("cast_null", (c, a) -> {
            if (a[0] instanceof NullValue) return a[0];
            throw BuiltinException.operand("cast_null", 1, a[0], "null");
        });
        t.put("cast_object", (c, a) -> {
            if (a[0] instanceof ObjectValue) return a[0];
            throw BuiltinException.operand("cast_object", 1, a[0], "object");
        });
    }
}
