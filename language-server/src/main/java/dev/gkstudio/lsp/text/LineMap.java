package dev.gkstudio.lsp.text;

import java.util.Arrays;

import org.eclipse.lsp4j.Position;

/** Offsets ↔ 0-based line/character positions of a text (characters are UTF-16 units, as in LSP). */
public final class LineMap {
    private final String text;
    private final int[] starts;
    private final int count;

    public LineMap(String text) {
        this.text = text;
        int[] s = new int[64];
        int c = 0;
        s[c++] = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (c == s.length) s = Arrays.copyOf(s, c * 2);
                s[c++] = i + 1;
            }
        }
        starts = s;
        count = c;
    }

    public String text() { return text; }

    public int lineCount() { return count; }

    public int lineStart(int line) {
        if (line < 0) return 0;
        if (line >= count) return text.length();
        return starts[line];
    }

    public int lineEnd(int line) {
        if (line + 1 >= count) return text.length();
        int e = starts[line + 1] - 1;
        if (e > 0 && text.charAt(e - 1) == '\r') e--;
        return e;
    }

    public String lineText(int line) {
        if (line < 0 || line >= count) return "";
        return text.substring(lineStart(line), lineEnd(line));
    }

    public int offset(int line, int character) {
        if (line >= count) return text.length();
        if (line < 0) return 0;
        return Math.min(lineStart(line) + Math.max(0, character), lineEnd(line));
    }

    public int offset(Position p) { return offset(p.getLine(), p.getCharacter()); }

    public int line(int offset) {
        int lo = 0, hi = count - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= offset) lo = mid; else hi = mid - 1;
        }
        return lo;
    }

    public Position position(int offset) {
        offset = Math.max(0, Math.min(offset, text.length()));
        int l = line(offset);
        return new Position(l, offset - starts[l]);
    }
}
