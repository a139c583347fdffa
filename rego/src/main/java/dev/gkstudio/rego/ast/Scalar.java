package dev.gkstudio.rego.ast;

import java.math.BigDecimal;

/**
 * A scalar literal: {@code null}, {@code true}/{@code false}, a number or a string.
 * Numbers are kept exactly as {@link BigDecimal} parsed from the source text (big integers and long decimals
 * survive), together with the original text.
 *
 * @param kind     scalar kind
 * @param value    null, {@link Boolean}, {@link BigDecimal} or {@link String}
 * @param text     original source text of numbers (e.g. {@code 1e3}, {@code 1.50}); for others the canonical text
 * @param location source range
 */
public record Scalar(Kind kind, Object value, String text, Location location) implements Term {

    /** Scalar kinds. */
    public enum Kind { NULL, BOOLEAN, NUMBER, STRING }

    public static Scalar nullTerm(Location loc) { return new Scalar(Kind.NULL, null, "null", loc); }

    public static Scalar bool(boolean b, Location loc) { return new Scalar(Kind.BOOLEAN, b, Boolean.toString(b), loc); }

    public static Scalar string(String s, Location loc) { return new Scalar(Kind.STRING, s, null, loc); }

    public static Scalar number(BigDecimal n, String text, Location loc) {
        return new Scalar(Kind.NUMBER, n, text != null ? text : n.toString(), loc);
    }

    public static Scalar number(long n, Location loc) { return number(BigDecimal.valueOf(n), Long.toString(n), loc); }

    public boolean isString() { return kind == Kind.STRING; }
    public boolean isNumber() { return kind == Kind.NUMBER; }
    public boolean isNull() { return kind == Kind.NULL; }
    public boolean isBoolean() { return kind == Kind.BOOLEAN; }

    /** OPA's name of the scalar's type: {@code null}, {@code boolean}, {@code number} or {@code string}. */
    public String typeName() {
        return switch (kind) {
            case NULL -> "null";
            case BOOLEAN -> "boolean";
            case NUMBER -> "number";
            case STRING -> "string";
        };
    }

    /** @return the string value; only valid for STRING. */
    public String stringValue() { return (String) value; }

    /** @return the number value; only valid for NUMBER. */
    public BigDecimal numberValue() { return (BigDecimal) value; }

    @Override
    public boolean isGround() { return true; }

    @Override
    public Scalar withLocation(Location location) { return new Scalar(kind, value, text, location); }

    /** Value equality ignoring location and number spelling ({@code 1} equals {@code 1.0}). */
    public boolean sameValue(Scalar o) {
        if (o == null || o.kind != kind) return false;
        if (kind == Kind.NUMBER) return numberValue().compareTo(o.numberValue()) == 0;
        return java.util.Objects.equals(value, o.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Scalar s && sameValue(s);
    }

    @Override
    public int hashCode() {
        if (kind == Kind.NUMBER) {
            BigDecimal n = numberValue();
            return n.signum() == 0 ? 0 : n.stripTrailingZeros().hashCode();
        }
        return java.util.Objects.hash(kind, value);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NULL -> "null";
            case BOOLEAN -> value.toString();
            case NUMBER -> text;
            case STRING -> Printer.quote((String) value);
        };
    }
}
