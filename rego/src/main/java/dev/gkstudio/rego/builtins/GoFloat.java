package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.NumberValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * OPA does non-integer arithmetic in Go big.Float values with a 64-bit mantissa and prints the
 * results with the shortest decimal that reads back to the same value. This class reproduces
 * that: values are kept as exact BigDecimals that are always dyadic (mantissa * 2^exp), rounded to
 * 64 significant bits after every operation (round half to even).
 */
final class GoFloat {
    static final int PREC = 64;
    private static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(PREC - 1);
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(PREC);

    private GoFloat() {}

    /** A decimal rounded to the nearest 64-bit-mantissa binary float. */
    static BigDecimal of(BigDecimal d) {
        if (d.signum() == 0) return BigDecimal.ZERO;
        Limits.checkExponent(d);
        BigInteger p = d.unscaledValue();
        BigInteger q = BigInteger.ONE;
        int scale = d.scale();
        if (scale > 0) q = BigInteger.TEN.pow(scale);
        else if (scale < 0) p = p.multiply(BigInteger.TEN.pow(-scale));
        return round(p, q);
    }

    static BigDecimal of(NumberValue n) { return of(n.value()); }

    /** The rational p/q (q &gt; 0) rounded to 64 significant bits. */
    static BigDecimal round(BigInteger p, BigInteger q) {
        if (p.signum() == 0) return BigDecimal.ZERO;
        boolean neg = p.signum() < 0;
        p = p.abs();
        int e = p.bitLength() - q.bitLength() - PREC;
        BigInteger[] qr;
        while (true) {
            BigInteger num = e < 0 ? p.shiftLeft(-e) : p;
            BigInteger den = e > 0 ? q.shiftLeft(e) : q;
            qr = num.divideAndRemainder(den);
            if (qr[0].compareTo(TWO_64) >= 0) { e++; continue; }
            if (qr[0].compareTo(TWO_63) < 0) { e--; continue; }
            int c = qr[1].shiftLeft(1).compareTo(den);
            BigInteger m = qr[0];
            if (c > 0 || (c == 0 && m.testBit(0))) m = m.add(BigInteger.ONE);
            if (m.equals(TWO_64)) { m = TWO_63; e++; }
            return dyadic(neg ? m.negate() : m, e);
        }
    }

    private static BigDecimal dyadic(BigInteger m, int e) {
        if (e >= 0) return new BigDecimal(m.shiftLeft(e));
        // m * 2^e = m * 5^-e / 10^-e
        return new BigDecimal(m.multiply(BigInteger.valueOf(5).pow(-e)), -e).stripTrailingZeros();
    }

    private static BigInteger[] rational(BigDecimal d) {
        Limits.checkExponent(d);
        BigInteger p = d.unscaledValue();
        BigInteger q = BigInteger.ONE;
        if (d.scale() > 0) q = BigInteger.TEN.pow(d.scale());
        else if (d.scale() < 0) p = p.multiply(BigInteger.TEN.pow(-d.scale()));
        return new BigInteger[] {p, q};
    }

    static BigDecimal add(BigDecimal x, BigDecimal y) { return of(x.add(y)); }
    static BigDecimal sub(BigDecimal x, BigDecimal y) { return of(x.subtract(y)); }
    static BigDecimal mul(BigDecimal x, BigDecimal y) { return of(x.multiply(y)); }

    static BigDecimal quo(BigDecimal x, BigDecimal y) {
        BigInteger[] a = rational(x), b = rational(y);
        BigInteger p = a[0].multiply(b[1]);
        BigInteger q = a[1].multiply(b[0]);
        if (q.signum() < 0) { p = p.negate(); q = q.negate(); }
        return round(p, q);
    }

    static boolean isInt(BigDecimal x) {
        return x.signum() == 0 || x.stripTrailingZeros().scale() <= 0;
    }

    /** The shortest decimal that rounds back to x at 64-bit precision. */
    static BigDecimal shortest(BigDecimal x) {
        if (x.signum() == 0) return BigDecimal.ZERO;
        for (int n = 1; n < 40; n++) {
            BigDecimal d = x.round(new MathContext(n, RoundingMode.HALF_EVEN));
            if (of(d).compareTo(x) == 0) return d.stripTrailingZeros();
        }
        return x.stripTrailingZeros();
    }

    /** OPA's FloatToNumber: 'f' format for integral values, else Go's shortest 'g' format. */
    static NumberValue toNumber(BigDecimal x) {
        BigDecimal d = shortest(x);
        if (isInt(x)) {
            return NumberValue.parse(d.signum() == 0 ? "0" : d.toBigInteger().toString());
        }
        return NumberValue.parse(formatG(d));
    }

    /** Go's %g rendering of a shortest decimal (exponent form below 1e-4 and from 1e21... 1e6 up). */
    static String formatG(BigDecimal d) {
        d = d.stripTrailingZeros();
        String digits = d.unscaledValue().abs().toString();
        int exp = digits.length() - d.scale() - 1;
        StringBuilder sb = new StringBuilder();
        if (d.signum() < 0) sb.append('-');
        if (exp < -4 || exp >= 6) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) sb.append('.').append(digits, 1, digits.length());
            sb.append('e').append(exp < 0 ? '-' : '+');
            int ae = Math.abs(exp);
            if (ae < 10) sb.append('0');
            sb.append(ae);
            return sb.toString();
        }
        sb.append(d.abs().toPlainString());
        return sb.toString();
    }
}
