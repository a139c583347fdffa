package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.NullValue;
import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** String builtins with Go's semantics (indexes and lengths count Unicode code points). */
final class StringBuiltins {
    private StringBuiltins() {}

    static void register(Map<String, BuiltinFunction> t) {
        t.put("concat", (c, a) -> {
            String sep = Args.str("concat", a, 0);
            List<Value> es = Args.elems(a[1]);
            if (es == null) throw BuiltinException.operand("concat", 2, a[1], "set", "array");
            long total = (long) sep.length() * Math.max(0, es.size() - 1);
            for (Value e : es) if (e instanceof StringValue s) total += s.value().length();
            Limits.ensure(c, "concat", total);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < es.size(); i++) {
                if (!(es.get(i) instanceof StringValue s)) throw Args.elementErr("concat", 2, a[1], es.get(i), "string");
                if (i > 0) sb.append(sep);
                sb.append(s.value());
            }
            return StringValue.of(sb.toString());
        });
        t.put("contains", (c, a) -> BooleanValue.of(Args.str("contains", a, 0).contains(Args.str("contains", a, 1))));
        t.put("startswith", (c, a) -> BooleanValue.of(Args.str("startswith", a, 0).startsWith(Args.str("startswith", a, 1))));
        t.put("endswith", (c, a) -> BooleanValue.of(Args.str("endswith", a, 0).endsWith(Args.str("endswith", a, 1))));
        t.put("lower", (c, a) -> StringValue.of(mapCase(Args.str("lower", a, 0), false)));
        t.put("upper", (c, a) -> StringValue.of(mapCase(Args.str("upper", a, 0), true)));
        t.put("split", (c, a) -> {
            String s = Args.str("split", a, 0), d = Args.str("split", a, 1);
            if (!s.contains(d)) return ArrayValue.of(StringValue.of(s));
            return strArray(split(s, d, -1));
        });
        t.put("strings.split_n", (c, a) -> {
            String s = Args.str("strings.split_n", a, 0), d = Args.str("strings.split_n", a, 1);
            int n = Args.integer("strings.split_n", a, 2);
            List<String> all = split(s, d, -1);
            if (n == 0) return ArrayValue.EMPTY;
            if (Math.abs((long) n) >= all.size()) return strArray(all);
            return strArray(n > 0 ? all.subList(0, n) : all.subList(all.size() + n, all.size()));
        });
        t.put("replace", (c, a) -> {
            String s = Args.str("replace", a, 0), old = Args.str("replace", a, 1), nw = Args.str("replace", a, 2);
            Limits.ensure(c, "replace", replacedSize(s, List.of(old), List.of(nw)));
            return StringValue.of(replacer(s, List.of(old), List.of(nw)));
        });
        t.put("strings.replace_n", (c, a) -> {
            ObjectValue pats = Args.obj("strings.replace_n", a, 0);
            String s = Args.str("strings.replace_n", a, 1);
            List<String> olds = new ArrayList<>(), news = new ArrayList<>();
            for (Value k : pats.keys()) {
                if (!(k instanceof StringValue ks)) throw Args.operandErr("strings.replace_n", 1, "non-string key found in pattern object");
                if (!(pats.get(k) instanceof StringValue vs)) throw Args.operandErr("strings.replace_n", 1, "non-string value found in pattern object");
                olds.add(ks.value());
                news.add(vs.value());
            }
            Limits.ensure(c, "strings.replace_n", replacedSize(s, olds, news));
            return StringValue.of(replacer(s, olds, news));
        });
        t.put("trim", (c, a) -> StringValue.of(trimRight(trimLeft(Args.str("trim", a, 0), Args.str("trim", a, 1)), a[1] instanceof StringValue x ? x.value() : "")));
        t.put("trim_left", (c, a) -> StringValue.of(trimLeft(Args.str("trim_left", a, 0), Args.str("trim_left", a, 1))));
        t.put("trim_right", (c, a) -> StringValue.of(trimRight(Args.str("trim_right", a, 0), Args.str("trim_right", a, 1))));
        t.put("trim_prefix", (c, a) -> {
            String s = Args.str("trim_prefix", a, 0), p = Args.str("trim_prefix", a, 1);
            return StringValue.of(s.startsWith(p) ? s.substring(p.length()) : s);
        });
        t.put("trim_suffix", (c, a) -> {
            String s = Args.str("trim_suffix", a, 0), p = Args.str("trim_suffix", a, 1);
            return StringValue.of(s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s);
        });
        t.put("trim_space", (c, a) -> StringValue.of(trimSpace(Args.str("trim_space", a, 0))));
        t.put("indexof", (c, a) -> {
            String s = Args.str("indexof", a, 0), sub = Args.str("indexof", a, 1);
            if (sub.isEmpty()) throw Args.err("indexof", "empty search character");
            int i = s.indexOf(sub);
            return NumberValue.of(i < 0 ? -1 : s.codePointCount(0, i));
        });
        t.put("indexof_n", (c, a) -> {
            String s = Args.str("indexof_n", a, 0), sub = Args.str("indexof_n", a, 1);
            if (sub.isEmpty()) throw Args.err("indexof_n", "empty search character");
            List<Value> out = new ArrayList<>();
            for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + Character.charCount(s.codePointAt(i)))) {
                out.add(NumberValue.of(s.codePointCount(0, i)));
            }
            return ArrayValue.of(out);
        });
        t.put("substring", (c, a) -> {
            String s = Args.str("substring", a, 0);
            int start = Args.integer("substring", a, 1), len = Args.integer("substring", a, 2);
            if (start < 0) throw Args.err("substring", "negative offset");
            int n = s.codePointCount(0, s.length());
            if (start >= n) return StringValue.EMPTY;
            int from = s.offsetByCodePoints(0, start);
            if (len < 0 || (long) start + len >= n) return StringValue.of(s.substring(from));
            return StringValue.of(s.substring(from, s.offsetByCodePoints(from, len)));
        });
        t.put("format_int", (c, a) -> {
            NumberValue n = Args.num("format_int", a, 0);
            NumberValue base = Args.num("format_int", a, 1);
            int radix;
            String bt = base.toString();
            switch (bt) {
                case "2": radix = 2; break;
                case "8": radix = 8; break;
                case "10": radix = 10; break;
                case "16": radix = 16; break;
                default: throw Args.operandErr("format_int", 2, "must be one of {2, 8, 10, 16}");
            }
            Limits.checkIntegerSize(n.value());
            BigInteger i = n.value().toBigInteger();
            return StringValue.of(i.toString(radix));
        });
        t.put("to_number", (c, a) -> {
            Value v = a[0];
            if (v instanceof NullValue) return NumberValue.ZERO;
            if (v instanceof BooleanValue b) return b.value() ? NumberValue.ONE : NumberValue.ZERO;
            if (v instanceof NumberValue) return v;
            if (v instanceof StringValue s) {
                NumberValue n = parseGoFloat(s.value());
                if (n == null && s.value().toLowerCase().matches("[+-]?(nan|inf|infinity)")) {
                    throw BuiltinException.operand("to_number", 1, v, "valid number string");
                }
                if (n == null) throw Args.err("to_number", "strconv.ParseFloat: parsing " + GoFmt.quoteAscii(s.value()) + ": invalid syntax");
                return n;
            }
            throw BuiltinException.operand("to_number", 1, v, "null", "boolean", "number", "string");
        });
        t.put("strings.reverse", (c, a) -> StringValue.of(new StringBuilder(Args.str("strings.reverse", a, 0)).reverse().toString()));
        t.put("strings.count", (c, a) -> {
            String s = Args.str("strings.count", a, 0), sub = Args.str("strings.count", a, 1);
            if (sub.isEmpty()) return NumberValue.of(s.codePointCount(0, s.length()) + 1);
            int n = 0;
            for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) n++;
            return NumberValue.of(n);
        });
        t.put("strings.any_prefix_match", (c, a) -> anyMatch("strings.any_prefix_match", a, true));
        t.put("strings.any_suffix_match", (c, a) -> anyMatch("strings.any_suffix_match", a, false));
        t.put("sprintf", (c, a) -> {
            String f = Args.str("sprintf", a, 0);
            if (!(a[1] instanceof ArrayValue arr)) throw BuiltinException.operand("sprintf", 2, a[1], "array");
            Limits.ensureRenderable(c, "sprintf", arr);
            return StringValue.of(sprintf(f, arr.list()));
        });
    }

    static ArrayValue strArray(List<String> parts) {
        Value[] out = new Value[parts.size()];
        for (int i = 0; i < out.length; i++) out[i] = StringValue.of(parts.get(i));
        return ArrayValue.wrap(out);
    }

    /** OPA's sprintf: numbers become Go ints, big ints or floats, strings stay strings, other values print as terms. */
    static String sprintf(String format, List<Value> values) {
        List<Object> args = new ArrayList<>(values.size());
        for (Value v : values) args.add(goArg(v));
        return GoFmt.sprintf(format, args);
    }

    static Object goArg(Value v) {
        if (v instanceof StringValue s) return s.value();
        if (v instanceof NumberValue n) {
            String text = n.toString();
            if (isGoInt(text)) {
                BigInteger b = new BigInteger(text.startsWith("+") ? text.substring(1) : text);
                if (b.bitLength() < 64) return b.longValue();
                return b;
            }
            double d = n.value().doubleValue();
            if (!Double.isInfinite(d)) return d;
            return text;
        }
        return v.toString();
    }

    private static boolean isGoInt(String s) {
        int i = s.startsWith("-") || s.startsWith("+") ? 1 : 0;
        if (i >= s.length()) return false;
        for (; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return true;
    }

    /** Parses a string as Go's strconv.ParseFloat accepts it, keeping its text; null when invalid. */
    static NumberValue parseGoFloat(String s) {
        String t = s;
        if (t.startsWith("+") || t.startsWith("-")) t = t.substring(1);
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("inf") || lower.equals("infinity") || lower.equals("nan") || t.isEmpty()) return null;
        if (lower.startsWith("0x")) {
            try {
                double d = Double.parseDouble(s.replace("_", "") + (lower.contains("p") ? "" : "p0"));
                return NumberValue.of(new BigDecimal(d));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (!t.matches("([0-9]+(_[0-9]+)*)?\\.?([0-9]+(_[0-9]+)*)?([eE][+-]?[0-9]+)?") || !t.matches(".*[0-9].*")
                || t.matches("[eE].*") || t.matches("\\.[eE].*")) {
            return null;
        }
        if (t.contains("_")) return null;
        try {
            BigDecimal d = new BigDecimal(s.startsWith("+") ? s.substring(1) : s);
            if (Double.isInfinite(d.doubleValue())) return null;
            return NumberValue.parse(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String mapCase(String s, boolean upper) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> sb.appendCodePoint(upper ? Character.toUpperCase(cp) : Character.toLowerCase(cp)));
        return sb.toString();
    }

    /** Go's strings.SplitN (n &lt; 0: all). */
    static List<String> split(String s, String sep, int n) {
        List<String> out = new ArrayList<>();
        if (n == 0) return out;
        if (sep.isEmpty()) {
            int count = s.codePointCount(0, s.length());
            if (n < 0 || n > count) n = count;
            int i = 0;
            for (int k = 0; k < n - 1; k++) {
                int j = s.offsetByCodePoints(i, 1);
                out.add(s.substring(i, j));
                i = j;
            }
            if (n > 0) out.add(s.substring(i));
            return out;
        }
        int i = 0;
        while (n < 0 || out.size() < n - 1) {
            int j = s.indexOf(sep, i);
            if (j < 0) break;
            out.add(s.substring(i, j));
            i = j + sep.length();
        }
        out.add(s.substring(i));
        return out;
    }

    /** Go's strings.NewReplacer(old1, new1, ...).Replace(s): leftmost match, earlier pairs first. */
    /** An upper bound of the length of {@link #replacer}'s result. */
    static long replacedSize(String s, List<String> olds, List<String> news) {
        long maxNew = 0, minOld = Long.MAX_VALUE;
        for (String n : news) maxNew = Math.max(maxNew, n.length());
        for (String o : olds) minOld = Math.min(minOld, o.length());
        if (olds.isEmpty() || maxNew == 0) return s.length();
        if (minOld == 0) return s.length() + (s.length() + 1L) * maxNew;
        return s.length() + (s.length() / minOld) * Math.max(0, maxNew - minOld);
    }

    static String replacer(String s, List<String> olds, List<String> news) {
        if (olds.size() == 1) {
            String o = olds.get(0);
            if (o.isEmpty()) {
                StringBuilder sb = new StringBuilder();
                sb.append(news.get(0));
                for (int i = 0; i < s.length(); ) {
                    int cp = s.codePointAt(i);
                    sb.appendCodePoint(cp);
                    sb.append(news.get(0));
                    i += Character.charCount(cp);
                }
                return sb.toString();
            }
            return s.replace(o, news.get(0));
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i <= s.length()) {
            boolean matched = false;
            for (int k = 0; k < olds.size(); k++) {
                String o = olds.get(k);
                if (!o.isEmpty() && s.startsWith(o, i)) {
                    sb.append(news.get(k));
                    i += o.length();
                    matched = true;
                    break;
                }
            }
            if (!matched) {
                for (int k = 0; k < olds.size(); k++) {
                    if (olds.get(k).isEmpty()) { sb.append(news.get(k)); break; }
                }
                if (i >= s.length()) break;
                int cp = s.codePointAt(i);
                sb.appendCodePoint(cp);
                i += Character.charCount(cp);
            }
        }
        return sb.toString();
    }

    static String trimLeft(String s, String cutset) {
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (cutset.indexOf(cp) < 0) break;
            i += Character.charCount(cp);
        }
        return s.substring(i);
    }

    static String trimRight(String s, String cutset) {
        int j = s.length();
        while (j > 0) {
            int cp = s.codePointBefore(j);
            if (cutset.indexOf(cp) < 0) break;
            j -= Character.charCount(cp);
        }
        return s.substring(0, j);
    }

    static boolean isGoSpace(int cp) {
        switch (cp) {
            case '\t': case '\n': case 0x0B: case '\f': case '\r': case ' ': case 0x85: case 0xA0:
                return true;
            default:
                return cp > 0xff && Character.isSpaceChar(cp) || cp == 0x2028 || cp == 0x2029;
        }
    }

    static String trimSpace(String s) {
        int i = 0, j = s.length();
        while (i < j && isGoSpace(s.codePointAt(i))) i += Character.charCount(s.codePointAt(i));
        while (j > i && isGoSpace(s.codePointBefore(j))) j -= Character.charCount(s.codePointBefore(j));
        return s.substring(i, j);
    }

    private static Value anyMatch(String b, Value[] a, boolean prefix) {
        List<String> strs = oneOrMany(b, a, 0), subs = oneOrMany(b, a, 1);
        for (String s : strs) {
            for (String p : subs) {
                if (prefix ? s.startsWith(p) : s.endsWith(p)) return BooleanValue.TRUE;
            }
        }
        return BooleanValue.FALSE;
    }

    private static List<String> oneOrMany(String b, Value[] a, int i) {
        if (a[i] instanceof StringValue s) return List.of(s.value());
        if (Args.elems(a[i]) == null) throw BuiltinException.operand(b, i + 1, a[i], "string", "set", "array");
        return Args.strings(b, a, i);
    }
}
