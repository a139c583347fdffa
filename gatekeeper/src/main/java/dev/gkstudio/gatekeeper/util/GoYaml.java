package dev.gkstudio.gatekeeper.util;

import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.NullValue;
import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.SetValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The text gopkg.in/yaml.v3's {@code Marshal} writes, which is what gator prints for {@code -o yaml}: four-space
 * indentation aligned to multiples of four (a mapping inside a sequence item starts two columns in), map keys in
 * yaml.v3's natural order, strings plain when they read back as strings and are safe, else single- or
 * double-quoted, multi-line strings as literal blocks, no line wrapping.
 *
 * <p>Input nodes: a {@link Map} is a Go struct (its order is kept), {@link Value}s are decoded JSON (object keys
 * sorted), {@link Floats} marks a subtree whose numbers went through {@code interface{}} and so print as Go
 * float64, {@link Flow} a struct field tagged {@code ,flow}, and Java strings, booleans, longs, lists and null.
 */
public final class GoYaml {
    /** Numbers below print as float64 ({@code strconv.FormatFloat(f, 'g', -1, 64)}). */
    public record Floats(Object node) {
    }

    /** A field tagged {@code yaml:",flow"}: multi-line strings are double-quoted instead of literal blocks. */
    public record Flow(Object node) {
    }

    private static final int INDENT = 4;
    private static final Set<String> OLD_BOOLS = Set.of("y", "Y", "yes", "Yes", "YES", "on", "On", "ON",
            "n", "N", "no", "No", "NO", "off", "Off", "OFF");
    private static final Set<String> RESERVED = Set.of("", "~", "null", "Null", "NULL", "true", "True", "TRUE",
            "false", "False", "FALSE", ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF",
            "-.inf", "-.Inf", "-.INF", "<<");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern INT = Pattern.compile("[-+]?(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|[0-9][0-9_]*)");
    private static final Pattern BASE60 = Pattern.compile("[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?");
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?");

    private final StringBuilder out = new StringBuilder();
    private final boolean v2;

    private GoYaml(boolean v2) {
        this.v2 = v2;
    }

    public static String marshal(Object root) {
        GoYaml y = new GoYaml(false);
        y.node(root, -1, false, false, false);
        return y.out.toString();
    }

    /**
     * What yaml.v2 writes (gator expand): two-space indentation and sequences under a key at the key's column;
     * strings, keys and numbers follow the same rules as yaml.v3.
     */
    public static String marshalV2(Object root) {
        GoYaml y = new GoYaml(true);
        y.node(root, -1, false, false, false);
        return y.out.toString();
    }

    private int childIndent(int mapIndent, Object child) {
        if (v2) return items(unwrap(child)) != null ? mapIndent : mapIndent + 2;
        return INDENT * ((mapIndent + INDENT) / INDENT);
    }

    private static Object unwrap(Object n) {
        if (n instanceof Floats f) return unwrap(f.node());
        if (n instanceof Flow f) return unwrap(f.node());
        return n;
    }

    /** Where the node sits: {@code inItem} right after "- ", {@code afterKey} right after "key:". */
    private void node(Object n, int parentIndent, boolean inItem, boolean floats, boolean flow) {
        if (n instanceof Floats f) {
            node(f.node(), parentIndent, inItem, true, flow);
            return;
        }
        if (n instanceof Flow f) {
            node(f.node(), parentIndent, inItem, floats, true);
            return;
        }
        int indent = parentIndent < 0 ? 0 : inItem ? parentIndent + 2 : childIndent(parentIndent, n);
        List<Map.Entry<String, Object>> entries = entries(n);
        if (entries != null && !entries.isEmpty()) {
            boolean first = true;
            for (Map.Entry<String, Object> e : entries) {
                if (!(first && inItem)) pad(indent);
                first = false;
                out.append(scalarText(e.getKey(), indent, true, false)).append(':');
                value(e.getValue(), indent, floats, flow);
            }
            return;
        }
        List<Object> items = items(n);
        if (items != null && !items.isEmpty()) {
            boolean first = true;
            for (Object item : items) {
                if (!(first && inItem)) pad(indent);
                first = false;
                out.append("- ");
                if (isBlock(item)) {
                    node(item, indent, true, floats, flow);
                } else {
                    out.append(scalar(item, indent + 2, floats, flow, true)).append('\n');
                }
            }
            return;
        }
        if (!inItem && parentIndent >= 0) pad(indent);
        out.append(scalar(n, Math.max(indent, 0), floats, flow, parentIndent >= 0 && inItem)).append('\n');
    }

    private void value(Object v, int mapIndent, boolean floats, boolean flow) {
        if (v instanceof Floats f) {
            value(f.node(), mapIndent, true, flow);
            return;
        }
        if (v instanceof Flow f) {
            value(f.node(), mapIndent, floats, true);
            return;
        }
        if (isBlock(v)) {
            out.append('\n');
            node(v, mapIndent, false, floats, flow);
        } else {
            out.append(' ').append(scalar(v, v2 ? mapIndent + 2 : INDENT * ((mapIndent + INDENT) / INDENT), floats, flow, false)).append('\n');
        }
    }

    private void pad(int indent) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') out.append('\n');
        out.append(" ".repeat(indent));
    }

    private static boolean isBlock(Object n) {
        if (n instanceof Floats f) return isBlock(f.node());
        if (n instanceof Flow f) return isBlock(f.node());
        List<Map.Entry<String, Object>> e = entries(n);
        if (e != null) return !e.isEmpty();
        List<Object> i = items(n);
        return i != null && !i.isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static List<Map.Entry<String, Object>> entries(Object n) {
        if (n instanceof Map<?, ?> m) return new ArrayList<>(((Map<String, Object>) m).entrySet());
        if (n instanceof ObjectValue o) {
            List<Map.Entry<String, Object>> es = new ArrayList<>();
            for (Value k : o.keys()) es.add(Map.entry(k instanceof StringValue s ? s.value() : dev.gkstudio.rego.value.Json.write(k), o.get(k)));
            es.sort((a, b) -> keyLess(a.getKey(), b.getKey()) ? -1 : keyLess(b.getKey(), a.getKey()) ? 1 : 0);
            return es;
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> items(Object n) {
        if (n instanceof List<?> l) return (List<Object>) l;
        if (n instanceof ArrayValue a) return new ArrayList<>(a.list());
        if (n instanceof SetValue s) return new ArrayList<>(s.sorted());
        return null;
    }

    /** yaml.v3's keyList.Less: letters before other characters, digit runs compared as numbers. */
    static boolean keyLess(String a, String b) {
        int[] ar = a.codePoints().toArray(), br = b.codePoints().toArray();
        boolean digits = false;
        for (int i = 0; i < ar.length && i < br.length; i++) {
            if (ar[i] == br[i]) {
                digits = Character.isDigit(ar[i]);
                continue;
            }
            boolean al = Character.isLetter(ar[i]), bl = Character.isLetter(br[i]);
            if (al && bl) return ar[i] < br[i];
            if (al || bl) return digits ? al : bl;
            long an = 0, bn = 0;
            if (ar[i] == '0' || br[i] == '0') {
                for (int j = i - 1; j >= 0 && Character.isDigit(ar[j]); j--) {
                    if (ar[j] != '0') {
                        an = 1;
                        bn = 1;
                        break;
                    }
                }
            }
            int ai = i, bi = i;
            for (; ai < ar.length && Character.isDigit(ar[ai]); ai++) an = an * 10 + (ar[ai] - '0');
            for (; bi < br.length && Character.isDigit(br[bi]); bi++) bn = bn * 10 + (br[bi] - '0');
            if (an != bn) return an < bn;
            if (ai != bi) return ai < bi;
            return ar[i] < br[i];
        }
        return ar.length < br.length;
    }

    private String scalar(Object n, int blockIndent, boolean floats, boolean flow, boolean inItem) {
        if (n == null || n instanceof NullValue) return "null";
        if (n instanceof Map<?, ?> || n instanceof ObjectValue) return "{}";
        if (n instanceof List<?> || n instanceof ArrayValue || n instanceof SetValue) return "[]";
        if (n instanceof Boolean b) return b.toString();
        if (n instanceof BooleanValue b) return Boolean.toString(b.value());
        if (n instanceof Long l) return floats ? goFloat(l.doubleValue()) : l.toString();
        if (n instanceof Double d) return goFloat(d);
        if (n instanceof NumberValue num) {
            if (!floats && num.isInteger() && num.toLongOrNull() != null) return num.toLongOrNull().toString();
            return goFloat(num.value().doubleValue());
        }
        String s = n instanceof StringValue sv ? sv.value() : n.toString();
        return scalarText(s, blockIndent, false, flow);
    }

    /** yaml.v3's choice of style for a string, then the text in that style. */
    static String scalarText(String s, int blockIndent, boolean key, boolean flow) {
        boolean reads = readsAsString(s);
        if (s.indexOf('\n') >= 0) {
            if (!key && !flow && blockAllowed(s)) return literal(s, blockIndent);
            return doubleQuoted(s);
        }
        if (!reads) return doubleQuoted(s);
        if (plainAllowed(s)) return s;
        if (singleAllowed(s)) return "'" + s.replace("'", "''") + "'";
        return doubleQuoted(s);
    }

    private static boolean readsAsString(String s) {
        if (RESERVED.contains(s) || OLD_BOOLS.contains(s)) return false;
        if (INT.matcher(s).matches() && !s.endsWith("_") && !s.contains("__")) return false;
        if (FLOAT.matcher(s).matches() || BASE60.matcher(s).matches()) return false;
        return !TIMESTAMP.matcher(s).matches();
    }

    private static boolean printable(int c) {
        return c == 0x0A || (c >= 0x20 && c <= 0x7E) || c == 0x85 || (c >= 0xA0 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF) || (c >= 0x10000 && c <= 0x10FFFF);
    }

    private static boolean special(String s) {
        return s.codePoints().anyMatch(c -> !printable(c));
    }

    private static boolean blankz(String s, int i) {
        return i >= s.length() || s.charAt(i) == ' ' || s.charAt(i) == '\n';
    }

    /** libyaml's analysis for a plain scalar in block context. */
    private static boolean plainAllowed(String s) {
        if (s.isEmpty() || s.startsWith("---") || s.startsWith("...")) return false;
        if (special(s) || s.indexOf('\n') >= 0) return false;
        if (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' ') return false;
        char first = s.charAt(0);
        if ("#,[]{}&*!|>'\"%@`".indexOf(first) >= 0) return false;
        if ((first == '-' || first == '?' || first == ':') && blankz(s, 1)) return false;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':' && blankz(s, i + 1)) return false;
            if (c == '#' && s.charAt(i - 1) == ' ') return false;
        }
        return true;
    }

    private static boolean singleAllowed(String s) {
        return !special(s);
    }

    private static boolean blockAllowed(String s) {
        if (special(s)) return false;
        for (int i = 0; i + 1 < s.length(); i++) {
            if (s.charAt(i) == ' ' && s.charAt(i + 1) == '\n') return false;
        }
        return !s.endsWith(" ");
    }

    private static String literal(String s, int indent) {
        StringBuilder sb = new StringBuilder("|");
        if (s.charAt(0) == ' ' || s.charAt(0) == '\n') sb.append(INDENT);
        if (!s.endsWith("\n")) sb.append('-');
        else if (s.length() >= 2 && s.charAt(s.length() - 2) == '\n') sb.append('+');
        String body = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        for (String line : body.split("\n", -1)) {
            sb.append('\n');
            if (!line.isEmpty()) sb.append(" ".repeat(indent)).append(line);
        }
        return sb.toString();
    }

    static String doubleQuoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case 0 -> sb.append("\\0");
                case 7 -> sb.append("\\a");
                case 8 -> sb.append("\\b");
                case 9 -> sb.append("\\t");
                case 10 -> sb.append("\\n");
                case 11 -> sb.append("\\v");
                case 12 -> sb.append("\\f");
                case 13 -> sb.append("\\r");
                case 27 -> sb.append("\\e");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case 0x85 -> sb.append("\\N");
                case 0xA0 -> sb.append("\\_");
                case 0x2028 -> sb.append("\\L");
                case 0x2029 -> sb.append("\\P");
                default -> {
                    if (printable(c) && c != 0xFEFF) sb.appendCodePoint(c);
                    else if (c <= 0xFF) sb.append(String.format("\\x%02X", c));
                    else if (c <= 0xFFFF) sb.append(String.format("\\u%04X", c));
                    else sb.append(String.format("\\U%08X", c));
                }
            }
        }
        return sb.append('"').toString();
    }

    /** Go's {@code strconv.FormatFloat(f, 'g', -1, 64)} as yaml.v3 writes float64 (with .inf/.nan). */
    public static String goFloat(double d) {
        if (Double.isNaN(d)) return ".nan";
        if (Double.isInfinite(d)) return d > 0 ? ".inf" : "-.inf";
        if (d == 0) return (1 / d < 0) ? "-0" : "0";
        BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        int exp = digits.length() - 1 - bd.scale();
        String sign = d < 0 ? "-" : "";
        if (exp < -4 || exp >= 6) {
            String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String e = Integer.toString(Math.abs(exp));
            return sign + mant + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
        }
        return sign + bd.toPlainString();
    }
}
