package dev.gkstudio.rego.parser;

import dev.gkstudio.rego.ast.Location;

/** Maps char offsets to 1-based line/column positions. */
final class LineIndex {
    private final String file;
    private final int[] lineStarts;
    private final int count;

    LineIndex(String file, String src) {
        this.file = file;
        int[] ls = new int[64];
        int c = 0;
        ls[c++] = 0;
        for (int i = 0; i < src.length(); i++) {
            if (src.charAt(i) == '\n') {
                if (c == ls.length) ls = java.util.Arrays.copyOf(ls, c * 2);
                ls[c++] = i + 1;
            }
        }
        this.lineStarts = ls;
        this.count = c;
    }

    int line(int offset) {
        int lo = 0, hi = count - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) lo = mid; else hi = mid - 1;
        }
        return lo + 1;
    }

    int col(int offset, int line) { return offset - lineStarts[line - 1] + 1; }

    Location loc(int start, int end) {
        int sl = line(start);
        int el = end == start ? sl : line(end);
        return new Location(file, sl, col(start, sl), el, col(end, el), start, end);
    }
}
