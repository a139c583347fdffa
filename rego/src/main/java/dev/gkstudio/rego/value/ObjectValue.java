package dev.gkstudio.rego.value;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable Rego object. Keys may be any value. Iteration follows OPA's key sort order,
 * which is also the order OPA prints and marshals objects in.
 */
public final class ObjectValue implements Value {
    public static final ObjectValue EMPTY = new ObjectValue(Collections.emptyMap());

    private final Map<Value, Value> map;
    private volatile Value[] sortedKeys;
    private int hash;

    private ObjectValue(Map<Value, Value> map) { this.map = map; }

    /** Takes ownership of the map: the caller must not modify it afterwards. */
    public static ObjectValue wrap(Map<Value, Value> map) {
        return map.isEmpty() ? EMPTY : new ObjectValue(map);
    }

    public static ObjectValue of(Map<? extends Value, ? extends Value> map) {
        return map.isEmpty() ? EMPTY : new ObjectValue(new LinkedHashMap<>(map));
    }

    public static Builder builder() { return new Builder(); }

    public int size() { return map.size(); }

    /** The value at key, or null when absent. */
    public Value get(Value key) { return map.get(key); }

    /** Convenience for string keys. */
    public Value get(String key) { return map.get(StringValue.of(key)); }

    public boolean containsKey(Value key) { return map.containsKey(key); }

    /** The keys in OPA's sort order. */
    public List<Value> keys() {
        return Collections.unmodifiableList(Arrays.asList(sortedKeyArray()));
    }

    /** The underlying map (unmodifiable view; iteration order is insertion order). */
    public Map<Value, Value> asMap() { return Collections.unmodifiableMap(map); }

    private Value[] sortedKeyArray() {
        Value[] s = sortedKeys;
        if (s == null) {
            s = map.keySet().toArray(new Value[0]);
            Arrays.sort(s);
            sortedKeys = s;
        }
        return s;
    }

    @Override public String typeName() { return "object"; }
    @Override public int sortOrder() { return 7; }

    @Override
    public int compareSameType(Value other) {
        ObjectValue o = (ObjectValue) other;
        Value[] a = sortedKeyArray(), b = o.sortedKeyArray();
        int n = Math.min(a.length, b.length);
        Meter.tick();
        for (int i = 0; i < n; i++) {
            int c = a[i].compareTo(b[i]);
            if (c != 0) return c;
            c = map.get(a[i]).compareTo(o.map.get(b[i]));
            if (c != 0) return c;
        }
        return Integer.compare(a.length, b.length);
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) return true;
        if (!(o instanceof ObjectValue ov) || ov.map.size() != map.size()) return false;
        if (hash != 0 && ov.hash != 0 && hash != ov.hash) return false;
        Meter.tick();
        return ov.map.equals(map);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = (map.hashCode() ^ 0x0b1) | 1;
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
        sb.append('{');
        Value[] keys = sortedKeyArray();
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) sb.append(", ");
            keys[i].appendTo(sb);
            sb.append(": ");
            map.get(keys[i]).appendTo(sb);
            Meter.text(sb);
        }
        sb.append('}');
    }

    /** Builds an object; a later put of an equal key replaces the earlier value. */
    public static final class Builder {
        private Map<Value, Value> map = new LinkedHashMap<>();

        public Builder put(Value k, Value v) {
            map.put(k, v);
            return this;
        }

        public Builder put(String k, Value v) {
            return put(StringValue.of(k), v);
        }

        public boolean containsKey(Value k) { return map.containsKey(k); }

        public ObjectValue build() {
            ObjectValue o = wrap(map);
            map = new LinkedHashMap<>();
            return o;
        }
    }
}
