package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.NumberValue;
import java.math.BigInteger;
import java.util.Map;

/** Bitwise operations on integers of any size. */
final class BitsBuiltins {
    private BitsBuiltins() {}

    static void register(Map<String, BuiltinFunction> t) {
        t.put("bits.or", (c, a) -> NumberValue.of(Args.bigInt("bits.or", a, 0).or(Args.bigInt("bits.or", a, 1))));
        t.put("bits.and", (c, a) -> NumberValue.of(Args.bigInt("bits.and", a, 0).and(Args.bigInt("bits.and", a, 1))));
        t.put("bits.xor", (c, a) -> NumberValue.of(Args.bigInt("bits.xor", a, 0).xor(Args.bigInt("bits.xor", a, 1))));
        t.put("bits.negate", (c, a) -> NumberValue.of(Args.bigInt("bits.negate", a, 0).not()));
        t.put("bits.lsh", (c, a) -> NumberValue.of(Limits.checkBits(Args.bigInt("bits.lsh", a, 0).shiftLeft(shift("bits.lsh", a)))));
        t.put("bits.rsh", (c, a) -> NumberValue.of(Args.bigInt("bits.rsh", a, 0).shiftRight(shift("bits.rsh", a))));
    }

    private static int shift(String b, dev.gkstudio.rego.value.Value[] a) {
        BigInteger s = Args.bigInt(b, a, 1);
        if (s.signum() < 0) throw Args.operandErr(b, 2, "must be an unsigned integer number but got a negative integer");
        if (s.bitLength() > 24) throw Args.err(b, "shift too large");
        return s.intValue();
    }
}
