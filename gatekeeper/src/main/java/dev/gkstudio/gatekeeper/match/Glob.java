package dev.gkstudio.gatekeeper.match;

/**
 * Gatekeeper's wildcard: a literal with an optional leading and/or trailing {@code *}
 * ({@code kube-*}, {@code *-system}, {@code *sys*}).
 */
public final class Glob {
    private Glob() {
    }

    public static boolean matches(String pattern, String candidate) {
        if (pattern == null || candidate == null) return false;
        boolean prefix = pattern.endsWith("*");
        boolean suffix = pattern.startsWith("*");
        if (!prefix && !suffix) return pattern.equals(candidate);
        String core = pattern.substring(suffix ? 1 : 0, Math.max(suffix ? 1 : 0, pattern.length() - (prefix ? 1 : 0)));
        if (pattern.equals("*")) return true;
        if (prefix && suffix) return candidate.contains(core);
        if (prefix) return candidate.startsWith(core);
        return candidate.endsWith(core);
    }

    /** generateName matching: only prefix globs ({@code x*}, {@code *x*}) can match a generateName. */
    public static boolean matchesGenerateName(String pattern, String generateName) {
        if (generateName == null || generateName.isEmpty() || pattern == null) return false;
        boolean prefix = pattern.endsWith("*");
        if (!prefix) return false;
        boolean suffix = pattern.startsWith("*");
        String core = pattern.substring(suffix ? 1 : 0, Math.max(suffix ? 1 : 0, pattern.length() - 1));
        if (suffix) return generateName.contains(core);
        return generateName.startsWith(core);
    }
}
