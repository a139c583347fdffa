package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.SetValue;
import dev.gkstudio.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Arithmetic with OPA's number semantics: integers stay exact integers of any size, anything
 * else is computed like Go's big.Float with a 64-bit mantissa.
 */
final class NumberBuiltins {
    private NumberBuiltins() {}

    private static final long MIN_SMALL = Integer.MIN_VALUE;
    private static final long MAX_SMALL = Integer.MAX_VALUE;

    static void register(Map<String, BuiltinFunction> t) {
        t.put("plus", (c, a) -> arith("plus", a, Op.PLUS));
        t.put("minus", (c, a) -> minus(a));
        t.put("mul", (c, a) -> arith("mul", a, Op.MUL));
        t.put("div", (c, a) -> arith("div", a, Op.DIV));
        t.put("rem", (c, a) -> arith("rem", a, Op.REM));
        t.put("abs", (c, a) -> unary("abs", a, 0));
        t.put("round", (c, a) -> unary("round", a, 1));
        t.put("ceil", (c, a) -> unary("ceil", a, 2));
        t.put("floor", (c, a) -> unary("floor", a, 3));
        t.put("numbers.range", (c, a) -> range(c, "numbers.range", Args.bigInt("numbers.range", a, 0),
                Args.bigInt("numbers.range", a, 1), BigInteger.ONE));
        t.put("numbers.range_step", (c, a) -> {
            String b = "numbers.range_step";
            BigInteger x = Args.bigInt(b, a, 0), y = Args.bigInt(b, a, 1), step = Args.bigInt(b, a, 2);
            if (step.signum() <= 0) throw Args.err(b, "step must be a positive integer");
            return range(c, b, x, y, step);
        });
    }

    enum Op { PLUS, MINUS, MUL, DIV, REM }

    static Long small(NumberValue n) {
        if (n.literalText() != null && !isPlainInt(n.literalText())) return null;
        Long l = n.toLongOrNull();
        return l != null && l >= MIN_SMALL && l <= MAX_SMALL ? l : null;
    }

    private static boolean isPlainInt(String s) {
        int i = s.startsWith("-") || s.startsWith("+") ? 1 : 0;
        if (i >= s.length()) return false;
        for (; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return true;
    }

    static Value arith(String b, Value[] a, Op op) {
        NumberValue x = Args.num(b, a, 0), y = Args.num(b, a, 1);
        return compute(b, x, y, op);
    }

    static NumberValue compute(String b, NumberValue x, NumberValue y, Op op) {
        Long sx = small(x), sy = small(y);
        if (sx != null && sy != null) {
            long p = sx, q = sy;
            switch (op) {
                case PLUS: return NumberValue.of(p + q);
                case MINUS: return NumberValue.of(p - q);
                case MUL: return NumberValue.of(p * q);
                case REM:
                    if (q == 0) throw Args.err(b, "modulo by zero");
                    return NumberValue.of(p % q);
                case DIV:
                    if (q == 0) throw Args.err(b, "divide by zero");
                    if (p != 0 && p % q == 0) return NumberValue.of(p / q);
                    break;
                default:
            }
        }
        if (op != Op.DIV) {
            BigInteger ix = Limits.bigInteger(x), iy = Limits.bigInteger(y);
            if (ix != null && iy != null) {
                switch (op) {
                    case PLUS: return NumberValue.of(ix.add(iy));
                    case MINUS: return NumberValue.of(ix.subtract(iy));
                    case MUL: return NumberValue.of(Limits.checkBits(ix.multiply(iy)));
                    case REM:
                        if (iy.signum() == 0) throw Args.err(b, "modulo by zero");
                        return NumberValue.of(ix.remainder(iy));
                    default:
                }
            }
        }
        BigDecimal fx = GoFloat.of(x), fy = GoFloat.of(y);
        switch (op) {
            case PLUS: return GoFloat.toNumber(GoFloat.add(fx, fy));
            case MINUS: return GoFloat.toNumber(GoFloat.sub(fx, fy));
            case MUL: return GoFloat.toNumber(GoFloat.mul(fx, fy));
            case DIV:
                if (fy.signum() == 0) throw Args.err(b, "divide by zero");
                if (fx.signum() == 0 && fy.signum() < 0) return NumberValue.parse("-0");
                return GoFloat.toNumber(GoFloat.quo(fx, fy));
            default:
                throw Args.err(b, "modulo on floating-point number");
        }
    }

    static Value minus(Value[] a) {
        if (a[0] instanceof NumberValue x && a[1] instanceof NumberValue y) return compute("minus", x, y, Op.MINUS);
        if (a[0] instanceof SetValue x && a[1] instanceof SetValue y) return diff(x, y);
        if (!(a[0] instanceof NumberValue) && !(a[0] instanceof SetValue)) {
            throw BuiltinException.operand("minus", 1, a[0], "number", "set");
        }
        if (a[1] instanceof NumberValue) throw BuiltinException.operand("minus", 2, a[1], "set");
        throw BuiltinException.operand("minus", 2, a[1], "number");
    }

    static SetValue diff(SetValue x, SetValue y) {
        Set<Value> out = new LinkedHashSet<>();
        for (Value v : x.sorted()) if (!y.contains(v)) out.add(v);
        return SetValue.wrap(out);
    }

    static Value unary(String b, Value[] a, int kind) {
        NumberValue n = Args.num(b, a, 0);
        Long s = small(n);
        if (s != null) return NumberValue.of(kind == 0 ? Math.abs(s) : s);
        BigDecimal f = GoFloat.of(n);
        switch (kind) {
            case 0: return GoFloat.toNumber(f.abs());
            case 1: {
                BigDecimal half = new BigDecimal("0.5");
                BigDecimal r = f.signum() < 0 ? GoFloat.sub(f, half) : GoFloat.add(f, half);
                return NumberValue.of(r.toBigInteger());
            }
            case 2: {
                BigInteger i = f.toBigInteger();
                if (f.signum() <= 0 || new BigDecimal(i).compareTo(f) == 0) return NumberValue.of(i);
                return NumberValue.of(i.add(BigInteger.ONE));
            }
            default: {
                BigInteger i = f.toBigInteger();
                if (f.signum() >= 0 || new BigDecimal(i).compareTo(f) == 0) return NumberValue.of(i);
                return NumberValue.of(i.subtract(BigInteger.ONE));
            }
        }
    }

    static Value range(BuiltinContext c, String b, BigInteger x, BigInteger y, BigInteger step) {
        BigInteger count = x.subtract(y).abs().divide(step).add(BigInteger.ONE);
        Limits.ensure(c, b, count.bitLength() > 40 ? -1 : 16 * count.longValueExact());
        List<Value> out = new ArrayList<>();
        boolean up = x.compareTo(y) <= 0;
        int n = 0;
        for (BigInteger i = x; up ? i.compareTo(y) <= 0 : i.compareTo(y) >= 0; i = up ? i.add(step) : i.subtract(step)) {
            if ((++n & 0xfff) == 0 && c != null) c.checkCancelled();
            out.add(NumberValue.of(i));
        }
        return ArrayValue.of(out);
    }
}
