package dev.gkstudio.rego.value;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A Rego number with OPA's exactness: integers of any size and decimals are kept exactly and
 * compared numerically, so {@code 1 == 1.0}. The source text (a JSON or Rego literal) is kept
 * for rendering, as OPA keeps a number's literal text.
 */
public final class NumberValue implements Value {
    private static final NumberValue[] SMALL = new NumberValue[256 + 128];
    static {
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = new NumberValue(BigDecimal.valueOf(i - 128), null);
        }
    }
    public static final NumberValue ZERO = of(0);
    public static final NumberValue ONE = of(1);

    private final BigDecimal value;
    private final String text;
    private int hash;

    private NumberValue(BigDecimal value, String text) {
        this.value = value;
        this.text = text;
    }

    public static NumberValue of(long v) {
        return v >= -128 && v < 256 ? SMALL[(int) v + 128] : new NumberValue(BigDecimal.valueOf(v), null);
    }

    public static NumberValue of(BigInteger v) {
        return new NumberValue(new BigDecimal(v), null);
    }

    public static NumberValue of(BigDecimal v) {
        return new NumberValue(v, null);
    }

    /** A number from a JSON/Rego literal; the text is kept for rendering. */
    public static NumberValue parse(String literal) {
        return new NumberValue(new BigDecimal(literal), literal);
    }

    /** Same as {@link #parse} but returns null for text that is not a number. */
    public static NumberValue tryParse(String literal) {
        try {
            return parse(literal);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public BigDecimal value() { return value; }

    /** The literal text this number was written as, or null for a computed number. */
    public String literalText() { return text; }

    public boolean isInteger() {
        return value.signum() == 0 || value.scale() <= 0 || value.stripTrailingZeros().scale() <= 0;
    }

    /** The value as an int when it is an integer that fits, else null. */
    public Integer toIntOrNull() {
        if (!isInteger()) return null;
        try {
            return value.intValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** The value as a long when it is an integer that fits, else null. */
    public Long toLongOrNull() {
        if (!isInteger()) return null;
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** The value as a BigInteger when it is an integer, else null. */
    public BigInteger toBigIntegerOrNull() {
        return isInteger() ? value.toBigIntegerExact() : null;
    }

    @Override public String typeName() { return "number"; }
    @Override public int sortOrder() { return 2; }

    @Override
    public int compareSameType(Value other) {
        return value.compareTo(((NumberValue) other).value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NumberValue n && n.value.compareTo(value) == 0;
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = value.signum() == 0 ? 1 : value.stripTrailingZeros().hashCode();
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        if (text != null) return text;
        if (isInteger()) return value.toBigIntegerExact().toString();
        return value.stripTrailingZeros().toPlainString();
    }
}
