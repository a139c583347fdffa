package dev.gkstudio.gatekeeper.cel;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** A semantic version as github.com/blang/semver/v4 parses and orders it (Kubernetes' {@code kubernetes.Semver}). */
final class Semver implements Comparable<Semver> {
    private static final String NUMBERS = "0123456789";
    private static final String ALPHANUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-" + NUMBERS;
    private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    final long major;
    final long minor;
    final long patch;
    /** Pre-release identifiers: a Long (numeric) or a String. */
    private final List<Object> pre;
    private final List<String> build;

    private Semver(long major, long minor, long patch, List<Object> pre, List<String> build) {
        this.major = major;
        this.minor = minor;
        this.patch = patch;
        this.pre = pre;
        this.build = build;
    }

    /** Thrown with blang/semver's error text. */
    static final class ParseError extends Exception {
        ParseError(String message) {
            super(message, null, false, false);
        }
    }

    private static boolean containsOnly(String s, String set) {
        for (int i = 0; i < s.length(); i++) if (set.indexOf(s.charAt(i)) < 0) return false;
        return true;
    }

    private static boolean leadingZero(String s) {
        return s.length() > 1 && s.charAt(0) == '0';
    }

    /** strconv.ParseUint(s, 10, 64) as a long holding the unsigned bits. */
    private static long parseUint(String s) throws ParseError {
        if (s.isEmpty() || !containsOnly(s, NUMBERS)) {
            throw new ParseError("strconv.ParseUint: parsing " + GoQuote.quote(s) + ": invalid syntax");
        }
        BigInteger v = new BigInteger(s);
        if (v.compareTo(MAX_UINT64) > 0) throw new ParseError("strconv.ParseUint: parsing " + GoQuote.quote(s) + ": value out of range");
        return v.longValue();
    }

    private static long number(String s, String what) throws ParseError {
        if (!containsOnly(s, NUMBERS)) throw new ParseError("Invalid character(s) found in " + what.toLowerCase() + " number " + GoQuote.quote(s));
        if (leadingZero(s)) throw new ParseError(what + " number must not contain leading zeroes " + GoQuote.quote(s));
        return parseUint(s);
    }

    /** semver.Parse. */
    static Semver parse(String s) throws ParseError {
        if (s.isEmpty()) throw new ParseError("Version string empty");
        String[] parts = s.split("\\.", 3);
        if (parts.length != 3) throw new ParseError("No Major.Minor.Patch elements found");
        long major = number(parts[0], "Major");
        long minor = number(parts[1], "Minor");
        String patchStr = parts[2];
        List<String> buildParts = null;
        List<String> preParts = null;
        int plus = patchStr.indexOf('+');
        if (plus >= 0) {
            buildParts = List.of(patchStr.substring(plus + 1).split("\\.", -1));
            patchStr = patchStr.substring(0, plus);
        }
        int dash = patchStr.indexOf('-');
        if (dash >= 0) {
            preParts = List.of(patchStr.substring(dash + 1).split("\\.", -1));
            patchStr = patchStr.substring(0, dash);
        }
        long patch = number(patchStr, "Patch");
        List<Object> pre = new ArrayList<>();
        if (preParts != null) {
            for (String p : preParts) {
                if (p.isEmpty()) throw new ParseError("Prerelease is empty");
                if (containsOnly(p, NUMBERS)) {
                    if (leadingZero(p)) throw new ParseError("Numeric PreRelease version must not contain leading zeroes " + GoQuote.quote(p));
                    pre.add(parseUint(p));
                } else if (containsOnly(p, ALPHANUM)) {
                    pre.add(p);
                } else {
                    throw new ParseError("Invalid character(s) found in prerelease " + GoQuote.quote(p));
                }
            }
        }
        List<String> build = new ArrayList<>();
        if (buildParts != null) {
            for (String b : buildParts) {
                if (b.isEmpty()) throw new ParseError("Build meta data is empty");
                if (!containsOnly(b, ALPHANUM)) throw new ParseError("Invalid character(s) found in build meta data " + GoQuote.quote(b));
                build.add(b);
            }
        }
        return new Semver(major, minor, patch, List.copyOf(pre), List.copyOf(build));
    }

    /** Kubernetes' normalizeAndParse: drops a "v", leading zeros, fills in missing minor and patch. */
    static Semver parseNormalized(String s) throws ParseError {
        if (s.startsWith("v")) s = s.substring(1);
        String[] parts = s.split("\\.", 3);
        List<String> out = new ArrayList<>();
        for (String p : parts) {
            if (p.length() > 1) {
                int i = 0;
                while (i < p.length() && p.charAt(i) == '0') i++;
                p = p.substring(i);
                if (p.isEmpty() || NUMBERS.indexOf(p.charAt(0)) < 0) p = "0" + p;
            }
            out.add(p);
        }
        if (out.size() < 3) {
            String last = out.get(out.size() - 1);
            if (last.contains("+") || last.contains("-")) throw new ParseError("short version cannot contain PreRelease/Build meta data");
            while (out.size() < 3) out.add("0");
        }
        return parse(String.join(".", out));
    }

    @Override
    public int compareTo(Semver o) {
        int c = Long.compareUnsigned(major, o.major);
        if (c == 0) c = Long.compareUnsigned(minor, o.minor);
        if (c == 0) c = Long.compareUnsigned(patch, o.patch);
        if (c != 0) return Integer.signum(c);
        if (pre.isEmpty() || o.pre.isEmpty()) return pre.isEmpty() == o.pre.isEmpty() ? 0 : pre.isEmpty() ? 1 : -1;
        for (int i = 0; i < pre.size() && i < o.pre.size(); i++) {
            Object a = pre.get(i);
            Object b = o.pre.get(i);
            int d;
            if (a instanceof Long x && b instanceof Long y) d = Long.compareUnsigned(x, y);
            else if (a instanceof Long) d = -1;
            else if (b instanceof Long) d = 1;
            else d = ((String) a).compareTo((String) b);
            if (d != 0) return Integer.signum(d);
        }
        return Integer.compare(pre.size(), o.pre.size());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Semver v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(major) * 961 + Long.hashCode(minor) * 31 + Long.hashCode(patch) + pre.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(Long.toUnsignedString(major)).append('.').append(Long.toUnsignedString(minor)).append('.').append(Long.toUnsignedString(patch));
        for (int i = 0; i < pre.size(); i++) {
            sb.append(i == 0 ? '-' : '.');
            Object p = pre.get(i);
            sb.append(p instanceof Long l ? Long.toUnsignedString(l) : p);
        }
        for (int i = 0; i < build.size(); i++) sb.append(i == 0 ? '+' : '.').append(build.get(i));
        return sb.toString();
    }
}
