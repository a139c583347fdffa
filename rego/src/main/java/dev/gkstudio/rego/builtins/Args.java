package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.SetValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Operand checks shared by the builtin families; positions are 0-based here, 1-based in messages. */
final class Args {
    private Args() {}

    static String str(String b, Value[] a, int i) {
        if (a[i] instanceof StringValue s) return s.value();
        throw BuiltinException.operand(b, i + 1, a[i], "string");
    }

    static NumberValue num(String b, Value[] a, int i) {
        if (a[i] instanceof NumberValue n) return n;
        throw BuiltinException.operand(b, i + 1, a[i], "number");
    }

    static ArrayValue arr(String b, Value[] a, int i) {
        if (a[i] instanceof ArrayValue v) return v;
        throw BuiltinException.operand(b, i + 1, a[i], "array");
    }

    static ObjectValue obj(String b, Value[] a, int i) {
        if (a[i] instanceof ObjectValue v) return v;
        throw BuiltinException.operand(b, i + 1, a[i], "object");
    }

    static SetValue set(String b, Value[] a, int i) {
        if (a[i] instanceof SetValue v) return v;
        throw BuiltinException.operand(b, i + 1, a[i], "set");
    }

    /** An integer operand that fits an int (OPA's IntOperand). */
    static int integer(String b, Value[] a, int i) {
        NumberValue n = num(b, a, i);
        Integer v = n.toIntOrNull();
        if (v == null) {
            if (n.isInteger()) {
                // Go's int is 64-bit; clamp to our range, the callers treat it as "very large".
                return n.value().signum() < 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE;
            }
            throw operandErr(b, i + 1, "must be integer number but got floating-point number");
        }
        return v;
    }

    static BigInteger bigInt(String b, Value[] a, int i) {
        if (!(a[i] instanceof NumberValue n)) throw BuiltinException.operand(b, i + 1, a[i], "integer");
        BigInteger v = Limits.bigInteger(n);
        if (v == null) throw operandErr(b, i + 1, "must be integer number but got floating-point number");
        return v;
    }

    /** OPA's generic operand error: {@code operand N <text>} (a type error). */
    static BuiltinException operandErr(String b, int pos, String text) {
        return BuiltinException.typeError(b, "operand " + pos + " " + text);
    }

    /** OPA's element error: {@code operand N must be array of strings but got array containing number}. */
    static BuiltinException elementErr(String b, int pos, Value composite, Value got, String... expected) {
        String t = composite.typeName();
        if (expected.length == 1) {
            return operandErr(b, pos, "must be " + t + " of " + expected[0] + "s but got " + t + " containing " + got.typeName());
        }
        return operandErr(b, pos, "must be " + t + " of (any of) {" + String.join(", ", expected) + "} but got " + t
                + " containing " + got.typeName());
    }

    /** The elements of an array (in order) or a set (sorted); null for other values. */
    static List<Value> elems(Value v) {
        if (v instanceof ArrayValue a) return a.list();
        if (v instanceof SetValue s) return s.sorted();
        return null;
    }

    /** An array or set of strings (OPA's StringSliceOperand). */
    static List<String> strings(String b, Value[] a, int i) {
        List<Value> es = elems(a[i]);
        if (es == null) throw BuiltinException.operand(b, i + 1, a[i], "array", "set");
        List<String> out = new ArrayList<>(es.size());
        for (Value e : es) {
            if (!(e instanceof StringValue s)) throw elementErr(b, i + 1, a[i], e, "string");
            out.add(s.value());
        }
        return out;
    }

    static BuiltinException err(String b, String message) {
        return BuiltinException.builtinError(b, message);
    }
}
