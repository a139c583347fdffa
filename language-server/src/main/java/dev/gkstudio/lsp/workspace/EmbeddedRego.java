package dev.gkstudio.lsp.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Rego blocks of a ConstraintTemplate written as YAML block scalars: {@code rego: |} (legacy
 * {@code targets[].rego} or {@code code[].source.rego}) and the items of {@code libs:} ({@code - |}). Works on
 * broken YAML too, line by line, so editing keeps working while the YAML does not parse.
 */
public final class EmbeddedRego {

    /** A block: its text without indentation, the 0-based host line of its first line, the indentation. */
    public record Block(int index, String text, int firstLine, int indent) {}

    private static final Pattern REGO_KEY = Pattern.compile("^(\\s*)(?:-\\s+)?rego:\\s*[|>][-+]?\\d*\\s*(#.*)?$");
    private static final Pattern LIBS_KEY = Pattern.compile("^(\\s*)(?:-\\s+)?libs:\\s*(#.*)?$");
    private static final Pattern LIB_ITEM = Pattern.compile("^(\\s*)-\\s*[|>][-+]?\\d*\\s*(#.*)?$");

    private EmbeddedRego() {}

    public static List<Block> find(String yaml) {
        String[] lines = yaml.split("\n", -1);
        List<Block> out = new ArrayList<>();
        int lib = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = stripCr(lines[i]);
            Matcher m = REGO_KEY.matcher(line);
            if (m.matches()) {
                int keyIndent = keyColumn(line, "rego:");
                Block b = block(lines, i + 1, keyIndent, -1);
                out.add(b);
                i = b.firstLine + blockLines(b.text) - 1; // the block's last line
                continue;
            }
            Matcher l = LIBS_KEY.matcher(line);
            if (l.matches()) {
                int keyIndent = keyColumn(line, "libs:");
                int j = i + 1;
                while (j < lines.length) {
                    String item = stripCr(lines[j]);
                    if (item.isBlank()) {
                        j++;
                        continue;
                    }
                    Matcher im = LIB_ITEM.matcher(item);
                    int itemIndent = leading(item);
                    if (!im.matches() || itemIndent < keyIndent) break;
                    Block b = block(lines, j + 1, itemIndent, lib++);
                    out.add(b);
                    j = b.firstLine + blockLines(b.text); // the line after the block: the next item may follow directly
                }
                i = j - 1;
            }
        }
        return out;
    }

    /** Host lines of a block's text (every line of a non-empty block ends with a newline). */
    private static int blockLines(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) == '\n') n++;
        return n;
    }

    private static int keyColumn(String line, String key) {
        return line.indexOf(key);
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static int leading(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') i++;
        return i;
    }

    /** Lines after a block indicator that are more indented than the key (blank lines included). */
    private static Block block(String[] lines, int first, int keyIndent, int index) {
        int indent = -1;
        int last = first - 1;
        for (int j = first; j < lines.length; j++) {
            String s = stripCr(lines[j]);
            if (s.isBlank()) continue;
            int lead = leading(s);
            if (lead <= keyIndent) break;
            if (indent < 0) indent = lead;
            last = j;
        }
        if (indent < 0) indent = keyIndent + 2;
        StringBuilder sb = new StringBuilder();
        for (int j = first; j <= last; j++) {
            String s = stripCr(lines[j]);
            if (j > first) sb.append('\n');
            sb.append(s.length() >= indent ? s.substring(indent) : s.strip());
        }
        if (last >= first) sb.append('\n');
        return new Block(index, sb.toString(), first, indent);
    }
}
