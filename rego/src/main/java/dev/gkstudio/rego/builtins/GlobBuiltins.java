package dev.gkstudio.rego.builtins;

import com.google.re2j.Pattern;
import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.NullValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * glob.match and glob.quote_meta with the glob syntax OPA uses: {@code *} (within a segment),
 * {@code **} (across delimiters), {@code ?}, {@code [a-z]}, {@code [!a-z]}, {@code {a,b}} and
 * backslash escapes. Globs are translated to RE2 patterns.
 */
final class GlobBuiltins {
    private GlobBuiltins() {}

    private static final Map<String, Pattern> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<String, Pattern> e) { return size() > 256; }
    };

    static void register(Map<String, BuiltinFunction> t) {
        t.put("glob.match", (c, a) -> {
            String b = "glob.match";
            String pattern = Args.str(b, a, 0);
            StringBuilder delims = new StringBuilder();
            if (a[1] instanceof NullValue) {
                // no delimiters
            } else if (a[1] instanceof ArrayValue arr) {
                for (Value v : arr.list()) {
                    if (!(v instanceof StringValue s)) throw Args.elementErr(b, 2, arr, v, "string");
                    if (s.value().codePointCount(0, s.value().length()) != 1) throw Args.elementErr(b, 2, arr, v, "rune");
                    delims.append(s.value());
                }
                if (arr.size() == 0) delims.append('.');
            } else {
                throw BuiltinException.operand(b, 2, a[1], "array", "null");
            }
            String match = Args.str(b, a, 2);
            String key = pattern + "\u0000" + delims;
            Pattern p;
            synchronized (CACHE) {
                p = CACHE.get(key);
            }
            if (p == null) {
                p = Pattern.compile(toRegex(b, pattern, delims.toString()), Pattern.DOTALL);
                synchronized (CACHE) {
                    CACHE.put(key, p);
                }
            }
            return BooleanValue.of(p.matches(match));
        });
        t.put("glob.quote_meta", (c, a) -> {
            String s = Args.str("glob.quote_meta", a, 0);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                if ("*?\\[]{}".indexOf(ch) >= 0) sb.append('\\');
                sb.append(ch);
            }
            return StringValue.of(sb.toString());
        });
    }

    static String toRegex(String b, String glob, String delims) {
        StringBuilder re = new StringBuilder();
        int[] pos = {0};
        int[] cps = glob.codePoints().toArray();
        parse(b, glob, cps, pos, delims, re, 0);
        if (pos[0] < cps.length) throw Args.err(b, "unexpected '" + new String(Character.toChars(cps[pos[0]])) + "'");
        return re.toString();
    }

    private static String notDelims(String delims) {
        if (delims.isEmpty()) return ".";
        StringBuilder sb = new StringBuilder("[^");
        delims.codePoints().forEach(cp -> sb.append(quoteInClass(cp)));
        return sb.append(']').toString();
    }

    private static String quoteInClass(int cp) {
        String s = new String(Character.toChars(cp));
        return "\\^-[]".indexOf(cp) >= 0 ? "\\" + s : s;
    }

    /** Parses until end, or (inside braces) until ',' or '}' at this depth. */
    private static void parse(String b, String glob, int[] cps, int[] pos, String delims, StringBuilder re, int depth) {
        while (pos[0] < cps.length) {
            int c = cps[pos[0]];
            if (depth > 0 && (c == ',' || c == '}')) return;
            pos[0]++;
            switch (c) {
                case '*':
                    if (pos[0] < cps.length && cps[pos[0]] == '*') {
                        while (pos[0] < cps.length && cps[pos[0]] == '*') pos[0]++;
                        re.append("(?s:.*)");
                    } else {
                        re.append("(?:").append(notDelims(delims)).append(")*");
                    }
                    break;
                case '?':
                    re.append(notDelims(delims));
                    break;
                case '\\':
                    if (pos[0] >= cps.length) throw Args.err(b, "unexpected end of input");
                    re.append(Pattern.quote(new String(Character.toChars(cps[pos[0]++]))));
                    break;
                case '[': {
                    boolean not = pos[0] < cps.length && cps[pos[0]] == '!';
                    if (not) pos[0]++;
                    StringBuilder cls = new StringBuilder(not ? "[^" : "[");
                    boolean closed = false;
                    while (pos[0] < cps.length) {
                        int x = cps[pos[0]++];
                        if (x == ']') { closed = true; break; }
                        if (x == '\\' && pos[0] < cps.length) x = cps[pos[0]++];
                        if (pos[0] + 1 < cps.length && cps[pos[0]] == '-' && cps[pos[0] + 1] != ']') {
                            int y = cps[pos[0] + 1];
                            pos[0] += 2;
                            cls.append(quoteInClass(x)).append('-').append(quoteInClass(y));
                        } else {
                            cls.append(quoteInClass(x));
                        }
                    }
                    if (!closed) throw Args.err(b, "unexpected end of input");
                    re.append(cls).append(']');
                    break;
                }
                case '{': {
                    re.append("(?:");
                    boolean first = true;
                    while (true) {
                        if (!first) re.append('|');
                        first = false;
                        parse(b, glob, cps, pos, delims, re, depth + 1);
                        if (pos[0] >= cps.length) throw Args.err(b, "unexpected end of input");
                        int d = cps[pos[0]++];
                        if (d == '}') break;
                    }
                    re.append(')');
                    break;
                }
                default:
                    re.append(Pattern.quote(new String(Character.toChars(c))));
            }
        }
    }
}
