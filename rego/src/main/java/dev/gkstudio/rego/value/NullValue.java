package dev.gkstudio.rego.value;

/** Rego {@code null}. */
public final class NullValue implements Value {
    public static final NullValue INSTANCE = new NullValue();

    private NullValue() {}

    @Override public String typeName() { return "null"; }
    @Override public int sortOrder() { return 0; }
    @Override public int compareSameType(Value other) { return 0; }
    @Override public String toString() { return "null"; }
}
