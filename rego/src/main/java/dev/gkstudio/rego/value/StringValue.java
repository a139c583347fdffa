package dev.gkstudio.rego.value;

/** A Rego string. Ordered by Unicode code point, as Go orders UTF-8 strings byte by byte. */
public final class StringValue implements Value {
    public static final StringValue EMPTY = new StringValue("");

    private final String value;

    private StringValue(String value) { this.value = value; }

    public static StringValue of(String s) {
        return s.isEmpty() ? EMPTY : new StringValue(s);
    }

    public String value() { return value; }

    @Override public String typeName() { return "string"; }
    @Override public int sortOrder() { return 3; }

    @Override
    public int compareSameType(Value other) {
        return compareCodePoints(value, ((StringValue) other).value);
    }

    /** Code point order; differs from {@link String#compareTo} only around surrogate pairs. */
    public static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i), y = b.charAt(i);
            if (x != y) {
                boolean sx = Character.isSurrogate(x), sy = Character.isSurrogate(y);
                if (sx != sy) {
                    return sx ? 1 : -1; // a surrogate encodes a code point above every BMP char
                }
                return Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    @Override public boolean equals(Object o) {
        return o instanceof StringValue s && s.value.equals(value);
    }
    @Override public int hashCode() { return value.hashCode(); }

    /** The value as a Rego/JSON string literal. */
    @Override public String toString() { return Json.quote(value); }
}
