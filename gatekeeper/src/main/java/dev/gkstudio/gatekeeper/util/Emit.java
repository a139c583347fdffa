package dev.gkstudio.gatekeeper.util;

import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.SetValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Go-style indented JSON (json.MarshalIndent) and a simple block YAML emitter (4-space, as yaml.v3). */
public final class Emit {
    private Emit() {
    }

    public static String jsonIndent(Value v, String indent) {
        StringBuilder sb = new StringBuilder();
        json(v, sb, "", indent);
        return sb.toString();
    }

    private static List<Map.Entry<String, Value>> entries(ObjectValue o) {
        List<Map.Entry<String, Value>> es = new ArrayList<>();
        for (Value k : o.keys()) es.add(Map.entry(Json.keyText(k), o.get(k)));
        es.sort((a, b) -> StringValue.compareCodePoints(a.getKey(), b.getKey()));
        return es;
    }

    private static void json(Value v, StringBuilder sb, String cur, String ind) {
        if (v instanceof ObjectValue o) {
            if (o.size() == 0) {
                sb.append("{}");
                return;
            }
            sb.append("{\n");
            List<Map.Entry<String, Value>> es = entries(o);
            for (int i = 0; i < es.size(); i++) {
                sb.append(cur).append(ind);
                Json.writeString(es.get(i).getKey(), sb);
                sb.append(": ");
                json(es.get(i).getValue(), sb, cur + ind, ind);
                if (i < es.size() - 1) sb.append(',');
                sb.append('\n');
            }
            sb.append(cur).append('}');
        } else if (v instanceof ArrayValue || v instanceof SetValue) {
            List<Value> l = v instanceof ArrayValue a ? a.list() : new ArrayList<>(((SetValue) v).sorted());
            if (l.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append("[\n");
            for (int i = 0; i < l.size(); i++) {
                sb.append(cur).append(ind);
                json(l.get(i), sb, cur + ind, ind);
                if (i < l.size() - 1) sb.append(',');
                sb.append('\n');
            }
            sb.append(cur).append(']');
        } else {
            Json.write(v, sb);
        }
    }

    /** Block-style YAML. */
    public static String yaml(Value v) {
        StringBuilder sb = new StringBuilder();
        yaml(v, sb, 0, false);
        return sb.toString();
    }

    private static void yaml(Value v, StringBuilder sb, int indent, boolean inSeq) {
        String pad = " ".repeat(indent);
        if (v instanceof ObjectValue o && o.size() > 0) {
            boolean first = true;
            for (Map.Entry<String, Value> e : entries(o)) {
                if (!(first && inSeq)) sb.append(pad);
                first = false;
                sb.append(scalarKey(e.getKey())).append(':');
                Value c = e.getValue();
                if (c instanceof ObjectValue co && co.size() > 0) {
                    sb.append('\n');
                    yaml(c, sb, indent + 4, false);
                } else if (c instanceof ArrayValue ca && ca.size() > 0) {
                    sb.append('\n');
                    yaml(c, sb, indent + 4, false);
                } else {
                    sb.append(' ').append(scalar(c)).append('\n');
                }
            }
        } else if (v instanceof ArrayValue a && a.size() > 0) {
            for (Value e : a.list()) {
                sb.append(pad).append("- ");
                if (e instanceof ObjectValue eo && eo.size() > 0) {
                    yaml(e, sb, indent + 2, true);
                } else if (e instanceof ArrayValue ea && ea.size() > 0) {
                    sb.append('\n');
                    yaml(e, sb, indent + 4, false);
                } else {
                    sb.append(scalar(e)).append('\n');
                }
            }
        } else {
            sb.append(pad).append(scalar(v)).append('\n');
        }
    }

    private static String scalarKey(String k) {
        return needsQuote(k) ? Json.quote(k) : k;
    }

    private static String scalar(Value v) {
        if (v instanceof ObjectValue) return "{}";
        if (v instanceof ArrayValue) return "[]";
        if (v instanceof StringValue s) return needsQuote(s.value()) ? Json.quote(s.value()) : s.value();
        return Json.write(v);
    }

    private static boolean needsQuote(String s) {
        if (s.isEmpty()) return true;
        if (s.matches("(?i)true|false|null|~|yes|no|on|off|y|n")) return true;
        if (s.matches("[-+]?[0-9][0-9_.eE+-]*")) return true;
        if (s.contains("\n") || s.contains(": ") || s.contains(" #") || s.endsWith(":")) return true;
        char c = s.charAt(0);
        return "-?:,[]{}#&*!|>'\"%@` ".indexOf(c) >= 0 || s.endsWith(" ");
    }
}
