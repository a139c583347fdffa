package dev.gkstudio.gatekeeper.regotool;

import java.util.ArrayList;
import java.util.List;

/** A line diff in unified form (whole-file hunk, longest common subsequence) for {@code fmt -d}. */
public final class LineDiff {
    private LineDiff() {}

    public static String unified(String name, String before, String after) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        // the table is quadratic: very large files are shown as removed and re-added instead
        if ((long) a.length * b.length > 4_000_000L) return replaceAll(name, a, b);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> lines = new ArrayList<>();
        int i = 0, j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                lines.add(" " + a[i++]);
                j++;
            } else if (j < b.length && (i == a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
                lines.add("+" + b[j++]);
            } else {
                lines.add("-" + a[i++]);
            }
        }
        return render(name, a.length, b.length, lines);
    }

    private static String replaceAll(String name, String[] a, String[] b) {
        List<String> lines = new ArrayList<>();
        for (String x : a) lines.add("-" + x);
        for (String x : b) lines.add("+" + x);
        return render(name, a.length, b.length, lines);
    }

    private static String render(String name, int na, int nb, List<String> lines) {
        StringBuilder sb = new StringBuilder();
        sb.append("--- ").append(name).append(" (old)\n+++ ").append(name).append(" (new)\n");
        sb.append("@@ -1,").append(na).append(" +1,").append(nb).append(" @@\n");
        for (String l : lines) sb.append(l).append('\n');
        return sb.toString();
    }
}
