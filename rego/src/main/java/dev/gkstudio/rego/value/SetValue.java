package dev.gkstudio.rego.value;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** An immutable Rego set. Iteration follows OPA's sort order, so output is deterministic. */
public final class SetValue implements Value {
    public static final SetValue EMPTY = new SetValue(Collections.emptySet());

    private final Set<Value> elems;
    private volatile Value[] sorted;
    private int hash;

    private SetValue(Set<Value> elems) { this.elems = elems; }

    public static SetValue of(Collection<? extends Value> elems) {
        return elems.isEmpty() ? EMPTY : new SetValue(new LinkedHashSet<>(elems));
    }

    public static SetValue of(Value... elems) {
        return of(Arrays.asList(elems));
    }

    /** Takes ownership of the set: the caller must not modify it afterwards. */
    public static SetValue wrap(Set<Value> elems) {
        return elems.isEmpty() ? EMPTY : new SetValue(elems);
    }

    public int size() { return elems.size(); }

    public boolean contains(Value v) { return elems.contains(v); }

    /** The elements in OPA's sort order. */
    public List<Value> sorted() {
        return Collections.unmodifiableList(Arrays.asList(sortedArray()));
    }

    private Value[] sortedArray() {
        Value[] s = sorted;
        if (s == null) {
            s = elems.toArray(new Value[0]);
            Arrays.sort(s);
            sorted = s;
        }
        return s;
    }

    @Override public String typeName() { return "set"; }
    @Override public int sortOrder() { return 8; }

    @Override
    public int compareSameType(Value other) {
        return ArrayValue.compareSeq(sortedArray(), ((SetValue) other).sortedArray());
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) return true;
        if (!(o instanceof SetValue s) || s.elems.size() != elems.size()) return false;
        if (hash != 0 && s.hash != 0 && hash != s.hash) return false;
        Meter.tick();
        return s.elems.equals(elems);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = (elems.hashCode() ^ 0x5e7) | 1;
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        if (elems.isEmpty()) return "set()";
        StringBuilder sb = new StringBuilder();
        appendTo(sb);
        return sb.toString();
    }

    @Override
    public void appendTo(StringBuilder sb) {
        if (elems.isEmpty()) {
            sb.append("set()");
            return;
        }
        sb.append('{');
        Value[] s = sortedArray();
        for (int i = 0; i < s.length; i++) {
            if (i > 0) sb.append(", ");
            s[i].appendTo(sb);
            Meter.text(sb);
        }
        sb.append('}');
    }
}
