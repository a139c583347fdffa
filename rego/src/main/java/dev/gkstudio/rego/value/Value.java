package dev.gkstudio.rego.value;

/**
 * A ground Rego value: what documents, rule values and builtin arguments are made of.
 *
 * <p>Values are immutable. Equality is Rego equality ({@code 1 == 1.0}, object key order
 * ignored) and {@link #compareTo} is OPA's total order across types:
 * null &lt; boolean &lt; number &lt; string &lt; array &lt; object &lt; set.
 * {@link #toString()} renders the value the way OPA renders a term (the form {@code sprintf("%v")}
 * and traces use); {@link Json#write} renders OPA's JSON form.
 */
public sealed interface Value extends Comparable<Value>
        permits NullValue, BooleanValue, NumberValue, StringValue, ArrayValue, ObjectValue, SetValue {

    /** OPA's type name, as returned by {@code type_name} and used in error messages. */
    String typeName();

    /** Position of this value's type in OPA's cross-type sort order. */
    int sortOrder();

    /** Compares two values of the same {@link #sortOrder()}. */
    int compareSameType(Value other);

    @Override
    default int compareTo(Value other) {
        int a = sortOrder(), b = other.sortOrder();
        return a != b ? Integer.compare(a, b) : compareSameType(other);
    }

    /** Appends {@link #toString()}'s text; composites append their elements in place (see {@link Meter}). */
    default void appendTo(StringBuilder sb) {
        sb.append(this);
    }

    /** Whether this is a scalar: null, boolean, number or string. */
    default boolean isScalar() {
        return sortOrder() <= 3;
    }
}
