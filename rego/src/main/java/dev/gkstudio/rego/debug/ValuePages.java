package dev.gkstudio.rego.debug;

import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.SetValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * Children of a value one page at a time, so a variables view can open a large {@code input} or {@code data}
 * without rendering all of it: objects by key (OPA's key order), arrays by index, sets in sorted order.
 */
public final class ValuePages {
    /** One child: its name in the tree and its value. */
    public record Child(String name, Value value) {
    }

    private ValuePages() {
    }

    /** @return how many children {@code v} has (0 for scalars). */
    public static int size(Value v) {
        if (v instanceof ObjectValue o) return o.size();
        if (v instanceof ArrayValue a) return a.size();
        if (v instanceof SetValue s) return s.size();
        return 0;
    }

    /** @return children {@code start} .. {@code start + count - 1} (fewer at the end; count ≤ 0 means all). */
    public static List<Child> page(Value v, int start, int count) {
        int n = size(v);
        int from = Math.max(0, start);
        int to = count <= 0 ? n : (int) Math.min(n, (long) from + count);
        List<Child> out = new ArrayList<>();
        if (v instanceof ObjectValue o) {
            List<Value> keys = o.keys();
            for (int i = from; i < to; i++) {
                Value k = keys.get(i);
                out.add(new Child(k instanceof StringValue s ? s.value() : k.toString(), o.get(k)));
            }
        } else if (v instanceof ArrayValue a) {
            for (int i = from; i < to; i++) out.add(new Child(Integer.toString(i), a.get(i)));
        } else if (v instanceof SetValue s) {
            List<Value> sorted = s.sorted();
            for (int i = from; i < to; i++) out.add(new Child(Integer.toString(i), sorted.get(i)));
        }
        return out;
    }

    /**
     * A one-line preview of at most about {@code max} characters, built without rendering more of the value than
     * that (a large {@code input} is previewed in constant time).
     */
    public static String preview(Value v, int max) {
        if (v == null) return "undefined";
        StringBuilder sb = new StringBuilder();
        render(v, sb, max);
        return sb.length() <= max ? sb.toString() : sb.substring(0, Math.max(0, max - 1)) + "…";
    }

    private static void render(Value v, StringBuilder sb, int max) {
        if (sb.length() > max) return;
        if (v.isScalar()) {
            String s = v.toString();
            sb.append(s, 0, Math.min(s.length(), max - sb.length() + 1));
            return;
        }
        boolean obj = v instanceof ObjectValue;
        boolean set = v instanceof SetValue;
        if (set && size(v) == 0) {
            sb.append("set()");
            return;
        }
        sb.append(obj || set ? '{' : '[');
        List<Child> kids = page(v, 0, Math.min(size(v), max));
        List<Value> keys = obj ? ((ObjectValue) v).keys() : null;
        for (int i = 0; i < kids.size(); i++) {
            if (sb.length() > max) {
                sb.append("…");
                return;
            }
            if (i > 0) sb.append(", ");
            if (obj) {
                render(keys.get(i), sb, max);
                sb.append(": ");
            }
            render(kids.get(i).value(), sb, max);
        }
        sb.append(obj || set ? '}' : ']');
    }
}
