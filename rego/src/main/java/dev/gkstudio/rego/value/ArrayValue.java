package dev.gkstudio.rego.value;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** An immutable Rego array. */
public final class ArrayValue implements Value {
    public static final ArrayValue EMPTY = new ArrayValue(new Value[0]);

    private final Value[] elems;
    private int hash;

    private ArrayValue(Value[] elems) { this.elems = elems; }

    /** Wraps the array without copying: the caller must not modify it afterwards. */
    public static ArrayValue wrap(Value[] elems) {
        return elems.length == 0 ? EMPTY : new ArrayValue(elems);
    }

    public static ArrayValue of(Value... elems) {
        return wrap(elems.clone());
    }

    public static ArrayValue of(List<? extends Value> elems) {
        return wrap(elems.toArray(new Value[0]));
    }

    public int size() { return elems.length; }

    public Value get(int i) { return elems[i]; }

    public List<Value> list() { return Collections.unmodifiableList(Arrays.asList(elems)); }

    @Override public String typeName() { return "array"; }
    @Override public int sortOrder() { return 6; }

    @Override
    public int compareSameType(Value other) {
        return compareSeq(elems, ((ArrayValue) other).elems);
    }

    static int compareSeq(Value[] a, Value[] b) {
        int n = Math.min(a.length, b.length);
        Meter.tick();
        for (int i = 0; i < n; i++) {
            int c = a[i].compareTo(b[i]);
            if (c != 0) return c;
        }
        return Integer.compare(a.length, b.length);
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) return true;
        if (!(o instanceof ArrayValue a) || a.elems.length != elems.length) return false;
        if (hash != 0 && a.hash != 0 && hash != a.hash) return false;
        Meter.tick();
        return Arrays.equals(a.elems, elems);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(elems) | 1;
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        appendTo(sb);
        return sb.toString();
    }

    @Override
    public void appendTo(StringBuilder sb) {
        sb.append('[');
        for (int i = 0; i < elems.length; i++) {
            if (i > 0) sb.append(", ");
            elems[i].appendTo(sb);
            Meter.text(sb);
        }
        sb.append(']');
    }
}
