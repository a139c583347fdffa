package dev.gkstudio.rego.builtins;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * regex.globs_match: whether two "globs" (a small regex subset: characters, '.', '[...]' sets,
 * each optionally followed by '*' or '+', backslash escapes) match at least one common string.
 */
final class GlobIntersection {
    private GlobIntersection() {}

    /** One token: any char (dot), or a set of code points; star = may repeat zero or more times. */
    private record Tok(boolean dot, Set<Integer> chars, boolean star) {
        boolean overlaps(Tok o) {
            if (dot) return o.dot || !o.chars.isEmpty();
            if (o.dot) return !chars.isEmpty();
            for (int c : chars) if (o.chars.contains(c)) return true;
            return false;
        }
    }

    static boolean intersect(String b, String g1, String g2) {
        List<Tok> a = tokenize(b, g1), c = tokenize(b, g2);
        int n = a.size(), m = c.size();
        ArrayDeque<int[]> queue = new ArrayDeque<>();
        Set<Long> seen = new HashSet<>();
        queue.add(new int[] {0, 0});
        while (!queue.isEmpty()) {
            int[] s = queue.poll();
            int i = s[0], j = s[1];
            if (!seen.add(((long) i << 32) | j)) continue;
            if (i == n && j == m) return true;
            if (i < n && a.get(i).star) queue.add(new int[] {i + 1, j});
            if (j < m && c.get(j).star) queue.add(new int[] {i, j + 1});
            if (i < n && j < m && a.get(i).overlaps(c.get(j))) {
                queue.add(new int[] {i + 1, j + 1});
                if (a.get(i).star) queue.add(new int[] {i, j + 1});
                if (c.get(j).star) queue.add(new int[] {i + 1, j});
                if (a.get(i).star && c.get(j).star) queue.add(new int[] {i, j});
            }
        }
        return false;
    }

    private static BuiltinException invalid(String b, String input, int pos, String msg) {
        return Args.err(b, "input:" + input + ", pos:" + pos + ", " + msg + ": the input provided is invalid");
    }

    private static List<Tok> tokenize(String b, String input) {
        int[] r = input.codePoints().toArray();
        List<Tok> out = new ArrayList<>();
        int i = 0;
        while (i < r.length) {
            int ch = r[i];
            boolean esc = false;
            if (ch == '\\') {
                if (i == r.length - 1) throw invalid(b, input, i, "input ends with a \\ (escape) character");
                ch = r[i + 1];
                esc = true;
                i += 2;
            } else {
                i++;
            }
            Tok t;
            if (!esc && ch == '.') {
                t = new Tok(true, Set.of(), false);
            } else if (!esc && ch == ']') {
                throw invalid(b, input, i, "set-close ']' with no preceding '['");
            } else if (!esc && (ch == '*' || ch == '+')) {
                throw invalid(b, input, i, "flag '" + (char) ch + "' must be preceded by a non-flag");
            } else if (!esc && ch == '[') {
                Set<Integer> set = new HashSet<>();
                boolean complete = false, prevExists = false;
                int prev = 0;
                while (i < r.length && !complete) {
                    int x = r[i];
                    boolean e = false;
                    if (x == '\\') {
                        if (i == r.length - 1) throw invalid(b, input, i, "input ends with a \\ (escape) character");
                        x = r[i + 1];
                        e = true;
                        i += 2;
                    } else {
                        i++;
                    }
                    if (!e && x == '-') {
                        if (!prevExists) throw invalid(b, input, i, "range character '-' must be preceded by a Unicode character");
                        if (i >= r.length) throw invalid(b, input, i, "range character '-' must be followed by a Unicode character");
                        int y = r[i];
                        boolean ye = false;
                        if (y == '\\' && i < r.length - 1) { y = r[i + 1]; ye = true; i += 2; } else i++;
                        if (!ye && (y == ']' || y == '-')) throw invalid(b, input, i, "range character '-' cannot be followed by a special symbol");
                        if (y < prev) {
                            throw invalid(b, input, i, "range is out of order: '" + new String(Character.toChars(y))
                                    + "' comes before '" + new String(Character.toChars(prev)) + "' in Unicode");
                        }
                        for (int z = prev; z <= y; z++) set.add(z);
                        prevExists = false;
                    } else if (!e && x == ']') {
                        complete = true;
                    } else {
                        set.add(x);
                        prev = x;
                        prevExists = true;
                    }
                }
                if (!complete) throw invalid(b, input, i, "found [ without matching ]");
                t = new Tok(false, set, false);
            } else {
                t = new Tok(false, Set.of(ch), false);
            }
            if (i < r.length && (r[i] == '*' || r[i] == '+')) {
                boolean plus = r[i] == '+';
                i++;
                if (plus) out.add(t);
                t = new Tok(t.dot, t.chars, true);
            }
            out.add(t);
        }
        return out;
    }
}
