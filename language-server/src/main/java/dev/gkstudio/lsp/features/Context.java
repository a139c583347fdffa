package dev.gkstudio.lsp.features;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gkstudio.lsp.schema.KubernetesSchema;

/** Text context at the cursor, computed from the raw text so it works while the module does not parse. */
public final class Context {

    private static final Pattern DOTTED = Pattern.compile(
            "([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*|\\[[^\\[\\]]*\\])*)\\.([A-Za-z0-9_]*)$");
    private static final Pattern IDENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)$");
    private static final Pattern SEGMENT = Pattern.compile("\\.?([A-Za-z_][A-Za-z0-9_]*)|\\[([^\\[\\]]*)\\]");

    /** The ref before the cursor, split: head var, path segments, the partial word being typed. */
    public record RefPrefix(String head, List<String> path, String partial) {}

    private Context() {}

    /** The {@code a.b[_].c.} ref being completed, or null when the cursor is not after a dot. */
    public static RefPrefix dotted(String text, int offset) {
        String line = linePrefix(text, offset);
        Matcher m = DOTTED.matcher(line);
        if (!m.find()) return null;
        List<String> segs = segments(m.group(1));
        return new RefPrefix(segs.get(0), segs.subList(1, segs.size()), m.group(2));
    }

    /** Splits {@code a.b["c"][_].d} into {@code [a, b, c, [], d]} (non-string index = array element). */
    public static List<String> segments(String ref) {
        List<String> out = new ArrayList<>();
        Matcher s = SEGMENT.matcher(ref);
        while (s.find()) {
            if (s.group(1) != null) {
                out.add(s.group(1));
            } else {
                String idx = s.group(2).strip();
                if (idx.length() >= 2 && idx.startsWith("\"") && idx.endsWith("\"")) out.add(idx.substring(1, idx.length() - 1));
                else out.add(KubernetesSchema.ELEMENT);
            }
        }
        return out;
    }

    /** The identifier being typed before the cursor ("" if none). */
    public static String word(String text, int offset) {
        Matcher m = IDENT.matcher(linePrefix(text, offset));
        return m.find() ? m.group(1) : "";
    }

    public static String linePrefix(String text, int offset) {
        int s = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
        if (offset == 0) s = 0;
        return text.substring(s, offset);
    }

    /** Whether the cursor is inside a comment or a string on its line. */
    public static boolean inCommentOrString(String text, int offset) {
        String line = linePrefix(text, offset);
        boolean str = false, raw = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (str) {
                if (c == '\\') i++;
                else if (c == '"') str = false;
            } else if (raw) {
                if (c == '`') raw = false;
            } else if (c == '"') {
                str = true;
            } else if (c == '`') {
                raw = true;
            } else if (c == '#') {
                return true;
            }
        }
        return str || raw;
    }

    /** Brace/bracket/paren nesting depth at offset (strings and comments skipped): 0 = top level. */
    public static int depth(String text, int offset) {
        int d = 0;
        boolean str = false, raw = false, comment = false;
        for (int i = 0; i < offset && i < text.length(); i++) {
            char c = text.charAt(i);
            if (comment) {
                if (c == '\n') comment = false;
            } else if (str) {
                if (c == '\\') i++;
                else if (c == '"' || c == '\n') str = false;
            } else if (raw) {
                if (c == '`') raw = false;
            } else if (c == '#') {
                comment = true;
            } else if (c == '"') {
                str = true;
            } else if (c == '`') {
                raw = true;
            } else if (c == '{' || c == '[' || c == '(') {
                d++;
            } else if (c == '}' || c == ']' || c == ')') {
                d = Math.max(0, d - 1);
            }
        }
        return d;
    }
}
