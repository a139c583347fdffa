package dev.gkstudio.gatekeeper.regotool;

import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.SetValue;
import dev.gkstudio.rego.value.Value;
import java.util.List;
import java.util.Map;

/**
 * JSON as Go's {@code json.Encoder} with {@code SetIndent("", "  ")} writes it (OPA's CLI output): two-space
 * indentation, {@code "key": value}, empty containers as {@code {}} / {@code []}, and {@code <}, {@code >},
 * {@code &} escaped as {@code \u003c}, {@code \u003e}, {@code \u0026}. Works on Rego values and on plain Java
 * maps, lists, strings, numbers, booleans and null.
 */
public final class GoJson {
    private GoJson() {}

    public static String indent(Object v) {
        StringBuilder sb = new StringBuilder();
        write(v, sb, "", true);
        return sb.toString();
    }

    public static String compact(Object v) {
        StringBuilder sb = new StringBuilder();
        write(v, sb, "", false);
        return sb.toString();
    }

    private static void write(Object v, StringBuilder sb, String ind, boolean pretty) {
        if (v instanceof ObjectValue o) {
            writeMap(o.asMap().entrySet().stream().map(e -> Map.entry(Json.keyText(e.getKey()), (Object) e.getValue())).toList(), sb, ind, pretty);
        } else if (v instanceof ArrayValue a) {
            writeList(List.copyOf(a.list()), sb, ind, pretty);
        } else if (v instanceof SetValue s) {
            writeList(List.copyOf(s.sorted()), sb, ind, pretty);
        } else if (v instanceof Value x) {
            sb.append(escapeHtml(Json.write(x)));
        } else if (v instanceof Map<?, ?> m) {
            writeMap(m.entrySet().stream().map(e -> Map.entry(String.valueOf(e.getKey()), (Object) e.getValue())).toList(), sb, ind, pretty);
        } else if (v instanceof List<?> l) {
            writeList(l, sb, ind, pretty);
        } else if (v instanceof String s) {
            sb.append(escapeHtml(Json.quote(s)));
        } else if (v == null) {
            sb.append("null");
        } else if (v instanceof Double d) {
            sb.append(goFloat(d));
        } else {
            sb.append(v);
        }
    }

    private static void writeMap(List<Map.Entry<String, Object>> entries, StringBuilder sb, String ind, boolean pretty) {
        if (entries.isEmpty()) {
            sb.append("{}");
            return;
        }
        String inner = ind + "  ";
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : entries) {
            if (!first) sb.append(',');
            first = false;
            if (pretty) sb.append('\n').append(inner);
            sb.append(escapeHtml(Json.quote(e.getKey()))).append(pretty ? ": " : ":");
            write(e.getValue(), sb, inner, pretty);
        }
        if (pretty) sb.append('\n').append(ind);
        sb.append('}');
    }

    private static void writeList(List<?> items, StringBuilder sb, String ind, boolean pretty) {
        if (items.isEmpty()) {
            sb.append("[]");
            return;
        }
        String inner = ind + "  ";
        sb.append('[');
        boolean first = true;
        for (Object x : items) {
            if (!first) sb.append(',');
            first = false;
            if (pretty) sb.append('\n').append(inner);
            write(x, sb, inner, pretty);
        }
        if (pretty) sb.append('\n').append(ind);
        sb.append(']');
    }

    /** Go's encoding of a float64: integral values without a fraction, others in the shortest form. */
    static String goFloat(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e21) return Long.toString((long) d);
        String s = Double.toString(d);
        return s.contains("E") ? new java.math.BigDecimal(s).toPlainString() : s;
    }

    private static String escapeHtml(String json) {
        if (json.indexOf('<') < 0 && json.indexOf('>') < 0 && json.indexOf('&') < 0) return json;
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }
}
