package dev.gkstudio.gatekeeper.yaml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps value paths such as {@code spec.containers[0].image} (keys that are not plain identifiers are
 * written {@code ["a.b"]}) to the range of the value in the source text. The root is the empty path.
 */
public final class PositionIndex {
    private final Map<String, SourceRange> values = new LinkedHashMap<>();
    private final Map<String, SourceRange> keys = new LinkedHashMap<>();

    void putValue(String path, SourceRange r) {
        values.putIfAbsent(path, r);
    }

    void putKey(String path, SourceRange r) {
        keys.putIfAbsent(path, r);
    }

    /** The range of the value at path, or {@link SourceRange#NONE}. */
    public SourceRange value(String path) {
        return values.getOrDefault(path, SourceRange.NONE);
    }

    /** The range of the mapping key that introduces path, or the value range when there is no key. */
    public SourceRange key(String path) {
        SourceRange r = keys.get(path);
        return r != null ? r : value(path);
    }

    /** The range for path or, when absent, for its closest known ancestor. */
    public SourceRange closest(String path) {
        String p = path;
        while (true) {
            SourceRange r = values.get(p);
            if (r != null) return r;
            if (p.isEmpty()) return SourceRange.NONE;
            p = parent(p);
        }
    }

    public Map<String, SourceRange> all() {
        return Collections.unmodifiableMap(values);
    }

    static String parent(String path) {
        int end = path.length();
        if (path.endsWith("]")) {
            int b = path.lastIndexOf('[');
            // a quoted key may contain '[': find the bracket that starts the last segment
            if (path.endsWith("\"]")) {
                int q = path.lastIndexOf("[\"", end - 2);
                if (q >= 0) b = q;
            }
            return b <= 0 ? "" : path.substring(0, b);
        }
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    /** Appends an object key to a path. */
    public static String child(String path, String key) {
        if (isIdent(key)) return path.isEmpty() ? key : path + "." + key;
        StringBuilder sb = new StringBuilder(path).append("[\"");
        for (char c : key.toCharArray()) {
            if (c == '"' || c == '\\') sb.append('\\');
            sb.append(c);
        }
        return sb.append("\"]").toString();
    }

    /** Appends an array index to a path. */
    public static String index(String path, int i) {
        return path + "[" + i + "]";
    }

    private static boolean isIdent(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '/';
            if (!ok) return false;
        }
        return true;
    }
}
