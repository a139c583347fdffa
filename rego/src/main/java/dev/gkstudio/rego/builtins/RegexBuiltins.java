package dev.gkstudio.rego.builtins;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** regex.* builtins on RE2/J, with Go regexp semantics (FindAll, Split, ReplaceAll templates). */
final class RegexBuiltins {
    private RegexBuiltins() {}

    private static final int CACHE_MAX = 256;
    private static final Map<String, Pattern> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<String, Pattern> e) { return size() > CACHE_MAX; }
    };

    static final class RegexError extends RuntimeException {
        RegexError(String m) { super(m, null, false, false); }
    }

    /** Compiles a Go/RE2 pattern; throws a builtin error with Go's message for bad syntax. */
    static Pattern compile(String b, String pattern) {
        synchronized (CACHE) {
            Pattern p = CACHE.get(pattern);
            if (p != null) return p;
        }
        Pattern p;
        try {
            p = Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw Args.err(b, e.getMessage());
        }
        synchronized (CACHE) {
            CACHE.put(pattern, p);
        }
        return p;
    }

    static void register(Map<String, BuiltinFunction> t) {
        t.put("regex.is_valid", (c, a) -> {
            if (!(a[0] instanceof StringValue s)) return BooleanValue.FALSE;
            try {
                compile("regex.is_valid", s.value());
                return BooleanValue.TRUE;
            } catch (BuiltinException e) {
                return BooleanValue.FALSE;
            }
        });
        BuiltinFunction match = (c, a) -> {
            String pat = Args.str("regex.match", a, 0), s = Args.str("regex.match", a, 1);
            return BooleanValue.of(compile("regex.match", pat).matcher(s).find());
        };
        t.put("regex.match", match);
        t.put("re_match", (c, a) -> {
            String pat = Args.str("re_match", a, 0), s = Args.str("re_match", a, 1);
            return BooleanValue.of(compile("re_match", pat).matcher(s).find());
        });
        t.put("regex.find_n", (c, a) -> {
            String b = "regex.find_n";
            String pat = Args.str(b, a, 0), s = Args.str(b, a, 1);
            int n = Args.integer(b, a, 2);
            Pattern p = compile(b, pat);
            List<Value> out = new ArrayList<>();
            for (int[] m : findAll(p, s, n)) out.add(StringValue.of(s.substring(m[0], m[1])));
            return ArrayValue.of(out);
        });
        t.put("regex.find_all_string_submatch_n", (c, a) -> {
            String b = "regex.find_all_string_submatch_n";
            String pat = Args.str(b, a, 0), s = Args.str(b, a, 1);
            int n = Args.integer(b, a, 2);
            Pattern p = compile(b, pat);
            List<Value> out = new ArrayList<>();
            for (int[] m : findAll(p, s, n)) {
                List<Value> groups = new ArrayList<>();
                for (int g = 0; g < m.length / 2; g++) {
                    groups.add(StringValue.of(m[2 * g] < 0 ? "" : s.substring(m[2 * g], m[2 * g + 1])));
                }
                out.add(ArrayValue.of(groups));
            }
            return ArrayValue.of(out);
        });
        t.put("regex.split", (c, a) -> {
            String pat = Args.str("regex.split", a, 0), s = Args.str("regex.split", a, 1);
            Pattern p = compile("regex.split", pat);
            return StringBuiltins.strArray(split(p, pat, s));
        });
        t.put("regex.replace", (c, a) -> {
            String b = "regex.replace";
            String s = Args.str(b, a, 0), pat = Args.str(b, a, 1), repl = Args.str(b, a, 2);
            Pattern p = compile(b, pat);
            return StringValue.of(replaceAll(p, s, repl));
        });
        t.put("regex.template_match", (c, a) -> {
            String b = "regex.template_match";
            String tmpl = Args.str(b, a, 0), s = Args.str(b, a, 1);
            String ds = Args.str(b, a, 2), de = Args.str(b, a, 3);
            String re = templateRegex(b, tmpl, ds, de);
            return BooleanValue.of(compile(b, re).matcher(s).find());
        });
        t.put("regex.globs_match", (c, a) -> {
            String b = "regex.globs_match";
            String g1 = Args.str(b, a, 0), g2 = Args.str(b, a, 1);
            return BooleanValue.of(GlobIntersection.intersect(b, g1, g2));
        });
    }

    /** Go's Regexp.FindAllStringSubmatchIndex(s, n): group offsets per match. */
    static List<int[]> findAll(Pattern p, String s, int n) {
        List<int[]> out = new ArrayList<>();
        if (n == 0) return out;
        Matcher m = p.matcher(s);
        int pos = 0, prevEnd = -1, end = s.length();
        while ((n < 0 || out.size() < n) && pos <= end) {
            if (!m.find(pos)) break;
            int ms = m.start(), me = m.end();
            boolean accept = true;
            if (me == pos) {
                if (ms == prevEnd) accept = false;
                pos = me < end ? me + Character.charCount(s.codePointAt(me)) : end + 1;
            } else {
                pos = me;
            }
            prevEnd = me;
            if (accept) {
                int gc = m.groupCount();
                int[] g = new int[2 * (gc + 1)];
                for (int k = 0; k <= gc; k++) {
                    g[2 * k] = m.start(k);
                    g[2 * k + 1] = m.end(k);
                }
                out.add(g);
                // every match costs an int[] and its replacement: bounded like any other result
                if ((out.size() & 0xfff) == 0) Limits.checkLength(32L * out.size());
            }
        }
        return out;
    }

    /** Go's Regexp.Split(s, -1). */
    static List<String> split(Pattern p, String expr, String s) {
        List<String> out = new ArrayList<>();
        if (!expr.isEmpty() && s.isEmpty()) {
            out.add("");
            return out;
        }
        int beg = 0, end = 0;
        for (int[] m : findAll(p, s, -1)) {
            end = m[0];
            if (m[1] != 0) out.add(s.substring(beg, end));
            beg = m[1];
        }
        if (end != s.length()) out.add(s.substring(beg));
        return out;
    }

    /** Go's Regexp.ReplaceAllString with $name / ${name} expansion. */
    static String replaceAll(Pattern p, String s, String repl) {
        StringBuilder sb = new StringBuilder();
        int last = 0;
        List<int[]> ms = findAll(p, s, -1);
        Map<String, Integer> names = p.namedGroups();
        for (int[] m : ms) {
            sb.append(s, last, m[0]);
            expand(sb, repl, s, m, names);
            Limits.checkLength(sb.length());
            last = m[1];
        }
        sb.append(s.substring(last));
        return sb.toString();
    }

    private static void expand(StringBuilder sb, String template, String src, int[] m, Map<String, Integer> names) {
        int i = 0;
        while (i < template.length()) {
            int d = template.indexOf('$', i);
            if (d < 0) break;
            sb.append(template, i, d);
            i = d + 1;
            if (i < template.length() && template.charAt(i) == '$') {
                sb.append('$');
                i++;
                continue;
            }
            String name = null;
            int next = i;
            if (i < template.length() && template.charAt(i) == '{') {
                int close = template.indexOf('}', i + 1);
                if (close > i + 1) {
                    String nm = template.substring(i + 1, close);
                    if (isName(nm)) { name = nm; next = close + 1; }
                }
            } else {
                int j = i;
                while (j < template.length() && (Character.isLetterOrDigit(template.charAt(j)) || template.charAt(j) == '_')) j++;
                if (j > i) { name = template.substring(i, j); next = j; }
            }
            if (name == null) {
                sb.append('$');
                continue;
            }
            i = next;
            int g = -1;
            boolean num = name.chars().allMatch(ch -> ch >= '0' && ch <= '9');
            if (num) {
                try { g = Integer.parseInt(name); } catch (NumberFormatException e) { g = -1; }
            } else if (names.containsKey(name)) {
                g = names.get(name);
            }
            if (g >= 0 && 2 * g + 1 < m.length && m[2 * g] >= 0) sb.append(src, m[2 * g], m[2 * g + 1]);
        }
        sb.append(template.substring(i));
    }

    private static boolean isName(String s) {
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (!(Character.isLetterOrDigit(c) || c == '_')) return false;
        }
        return !s.isEmpty();
    }

    /** Builds the anchored regex for regex.template_match: text outside the delimiters is literal. */
    static String templateRegex(String b, String tmpl, String ds, String de) {
        if (ds.length() != 1 || de.length() != 1) {
            // OPA works on single-byte delimiters; take the first byte of each.
            if (ds.isEmpty() || de.isEmpty()) throw Args.err(b, "delimiters must be non-empty");
        }
        char open = ds.charAt(0), close = de.charAt(0);
        List<int[]> idxs = new ArrayList<>();
        int level = 0, idx = 0;
        for (int i = 0; i < tmpl.length(); i++) {
            char ch = tmpl.charAt(i);
            if (ch == open) {
                if (level++ == 0) idx = i;
            } else if (ch == close) {
                if (--level == 0) idxs.add(new int[] {idx, i + 1});
                else if (level < 0) throw Args.err(b, "unbalanced braces in " + Json(tmpl));
            }
        }
        if (level != 0) throw Args.err(b, "unbalanced braces in " + Json(tmpl));
        StringBuilder re = new StringBuilder("^");
        int end = 0;
        for (int[] p : idxs) {
            re.append(Pattern.quote(tmpl.substring(end, p[0])));
            re.append('(').append(tmpl, p[0] + 1, p[1] - 1).append(')');
            end = p[1];
        }
        re.append(Pattern.quote(tmpl.substring(end))).append('$');
        return re.toString();
    }

    private static String Json(String s) { return dev.gkstudio.rego.value.Json.quote(s); }
}
