package dev.gkstudio.backend.eval;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.SetValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;

/**
 * Block-style YAML as people write Kubernetes manifests: keys in the order given, two-space
 * indentation, sequences under their key, multi-line strings (Rego) as literal blocks.
 */
public final class YamlWriter {

    private static final Pattern RESERVED = Pattern.compile(
            "(?i)true|false|null|~|yes|no|on|off|y|n|[-+]?[0-9.][0-9_.eE+-]*|[-+]?\\.(inf|nan)");

    private YamlWriter() {
    }

    public static String write(Value v) {
        StringBuilder sb = new StringBuilder();
        if (isEmptyOrScalar(v)) {
            sb.append(scalar(v)).append('\n');
        } else {
            block(v, sb, 0);
        }
        return sb.toString();
    }

    private static boolean isEmptyOrScalar(Value v) {
        if (v instanceof ObjectValue o) {
            return o.size() == 0;
        }
        if (v instanceof ArrayValue a) {
            return a.size() == 0;
        }
        return !(v instanceof SetValue s) || s.size() == 0;
    }

    private static List<Value> items(Value v) {
        return v instanceof ArrayValue a ? a.list() : List.copyOf(((SetValue) v).sorted());
    }

    /** Writes a non-empty collection whose first line starts at the current position. */
    private static void block(Value v, StringBuilder sb, int indent) {
        String pad = " ".repeat(indent);
        boolean first = true;
        if (v instanceof ObjectValue o) {
            for (Map.Entry<Value, Value> e : o.asMap().entrySet()) {
                if (!first) {
                    sb.append(pad);
                }
                first = false;
                sb.append(key(Json.keyText(e.getKey()))).append(':');
                value(e.getValue(), sb, indent, true);
            }
        } else {
            for (Value item : items(v)) {
                if (!first) {
                    sb.append(pad);
                }
                first = false;
                sb.append("- ");
                if (isEmptyOrScalar(item)) {
                    scalarValue(item, sb, indent + 2);
                } else if (item instanceof ObjectValue) {
                    block(item, sb, indent + 2);
                } else {
                    sb.append('\n').append(pad).append("  ");
                    block(item, sb, indent + 2);
                }
            }
        }
    }

    /** After "key:", writes the value: inline scalar, literal block, or nested block. */
    private static void value(Value v, StringBuilder sb, int indent, boolean afterKey) {
        if (isEmptyOrScalar(v)) {
            sb.append(' ');
            scalarValue(v, sb, indent + 2);
            return;
        }
        sb.append('\n');
        if (v instanceof ObjectValue) {
            sb.append(" ".repeat(indent + 2));
            block(v, sb, indent + 2);
        } else {
            sb.append(" ".repeat(indent + 2));
            block(v, sb, indent + 2);
        }
    }

    private static void scalarValue(Value v, StringBuilder sb, int indent) {
        if (v instanceof StringValue s && s.value().contains("\n") && literalOk(s.value())) {
            String text = s.value();
            boolean trailing = text.endsWith("\n");
            String body = trailing ? text.substring(0, text.length() - 1) : text;
            sb.append(trailing ? (body.endsWith("\n") ? "|+" : "|") : "|-").append('\n');
            String pad = " ".repeat(indent);
            for (String line : body.split("\n", -1)) {
                if (!line.isEmpty()) {
                    sb.append(pad).append(line);
                }
                sb.append('\n');
            }
            return;
        }
        sb.append(scalar(v)).append('\n');
    }

    /** Literal blocks cannot start with spaces (indentation would be ambiguous) nor hold tabs at line starts safely. */
    private static boolean literalOk(String s) {
        return !s.startsWith(" ") && !s.startsWith("\n") && !s.contains("\r");
    }

    private static String key(String k) {
        return plain(k) ? k : Json.quote(k);
    }

    static String scalar(Value v) {
        if (v instanceof ObjectValue) {
            return "{}";
        }
        if (v instanceof ArrayValue || v instanceof SetValue) {
            return "[]";
        }
        if (v instanceof StringValue s) {
            return plain(s.value()) ? s.value() : Json.quote(s.value());
        }
        return Json.write(v);
    }

    /**
     * Whether a string can be written unquoted: {@code [A-Za-z_/.][-A-Za-z0-9_./:@ ]*}, not a word or number YAML
     * would read as another type, and nothing a YAML reader would cut it at. A loop, not a regex: every key and
     * value of the generated YAML passes here on every evaluation.
     */
    private static boolean plain(String s) {
        if (s.isEmpty() || !(asciiLetter(s.charAt(0)) || "_/.".indexOf(s.charAt(0)) >= 0)) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(asciiLetter(c) || c >= '0' && c <= '9' || "-_./:@ ".indexOf(c) >= 0)) {
                return false;
            }
        }
        // the reserved words are at most 5 characters; a number that starts with a letter-like character starts with '.'
        boolean reserved = (s.length() <= 5 || s.charAt(0) == '.') && RESERVED.matcher(s).matches();
        return !reserved && !s.endsWith(" ") && !s.contains(": ") && !s.contains(" #") && !s.endsWith(":");
    }

    private static boolean asciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
