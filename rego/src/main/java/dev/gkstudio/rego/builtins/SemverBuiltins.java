package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.StringValue;
import java.math.BigInteger;
import java.util.Map;

/** Semantic Versioning 2.0.0 checks and precedence. */
final class SemverBuiltins {
    private SemverBuiltins() {}

    // A plain (non-regex-engine) parser keeps us away from java.util.regex.
    record Version(BigInteger major, BigInteger minor, BigInteger patch, String[] pre) {}

    static void register(Map<String, BuiltinFunction> t) {
        t.put("semver.is_valid", (c, a) -> BooleanValue.of(a[0] instanceof StringValue s && parse(s.value()) != null));
        t.put("semver.compare", (c, a) -> {
            String b = "semver.compare";
            String x = Args.str(b, a, 0), y = Args.str(b, a, 1);
            Version vx = parse(x), vy = parse(y);
            if (vx == null) throw Args.err(b, "operand 1: string " + Json.quote(x) + " is not a valid SemVer");
            if (vy == null) throw Args.err(b, "operand 2: string " + Json.quote(y) + " is not a valid SemVer");
            return NumberValue.of(Integer.signum(compare(vx, vy)));
        });
    }

    private static boolean numeric(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return true;
    }

    private static boolean ident(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-')) return false;
        }
        return true;
    }

    static Version parse(String s) {
        String build = null;
        int plus = s.indexOf('+');
        if (plus >= 0) {
            build = s.substring(plus + 1);
            s = s.substring(0, plus);
            for (String p : build.split("\\.", -1)) if (!ident(p)) return null;
        }
        String[] pre = new String[0];
        int dash = s.indexOf('-');
        if (dash >= 0) {
            pre = s.substring(dash + 1).split("\\.", -1);
            s = s.substring(0, dash);
            for (String p : pre) {
                if (!ident(p)) return null;
                if (numeric(p) && p.length() > 1 && p.charAt(0) == '0') return null;
            }
        }
        String[] core = s.split("\\.", -1);
        if (core.length != 3) return null;
        for (String p : core) {
            if (!numeric(p) || (p.length() > 1 && p.charAt(0) == '0')) return null;
        }
        return new Version(new BigInteger(core[0]), new BigInteger(core[1]), new BigInteger(core[2]), pre);
    }

    static int compare(Version a, Version b) {
        int c = a.major.compareTo(b.major);
        if (c == 0) c = a.minor.compareTo(b.minor);
        if (c == 0) c = a.patch.compareTo(b.patch);
        if (c != 0) return c;
        if (a.pre.length == 0 && b.pre.length == 0) return 0;
        if (a.pre.length == 0) return 1;
        if (b.pre.length == 0) return -1;
        for (int i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
            String x = a.pre[i], y = b.pre[i];
            boolean nx = numeric(x), ny = numeric(y);
            if (nx && ny) c = new BigInteger(x).compareTo(new BigInteger(y));
            else if (nx) c = -1;
            else if (ny) c = 1;
            else c = x.compareTo(y);
            if (c != 0) return c;
        }
        return Integer.compare(a.pre.length, b.pre.length);
    }
}
