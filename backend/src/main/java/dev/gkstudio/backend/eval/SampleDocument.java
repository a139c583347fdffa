package dev.gkstudio.backend.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One document of a multi-document YAML (or JSON) text, cut at {@code ---} lines, with the
 * Studio's comments read from it: {@code # case: <name>} and {@code # expect: ...}.
 *
 * @param index        0-based position among the non-empty documents
 * @param text         the document's text
 * @param firstLine    1-based line of the document's first line in the whole text
 * @param lastLine     1-based last line
 * @param caseName     the {@code # case:} name, or null
 * @param expectations the {@code # expect:} comments in order
 */
public record SampleDocument(int index, String text, int firstLine, int lastLine, String caseName,
                             List<Expectation> expectations) {

    private static final Pattern SEPARATOR = Pattern.compile("^---(\\s.*)?$");
    private static final Pattern CASE = Pattern.compile("^\\s*#\\s*case:\\s*(.+?)\\s*$");
    private static final Pattern EXPECT = Pattern.compile("^\\s*#\\s*expect:\\s*(.+?)\\s*$");
    private static final Pattern CONTENT = Pattern.compile("^\\s*[^#\\s].*$");

    /** Splits a text into documents; documents holding only comments and blank lines are dropped. */
    public static List<SampleDocument> split(String text) {
        List<SampleDocument> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int start = 0;
        for (int i = 0; i <= lines.length; i++) {
            if (i == lines.length || SEPARATOR.matcher(lines[i]).matches()) {
                add(out, lines, start, i);
                start = i + 1;
            }
        }
        return out;
    }

    private static void add(List<SampleDocument> out, String[] lines, int from, int to) {
        String name = null;
        List<Expectation> expectations = new ArrayList<>();
        boolean content = false;
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            String line = lines[i];
            sb.append(line).append('\n');
            Matcher c = CASE.matcher(line);
            Matcher e = EXPECT.matcher(line);
            if (c.matches()) {
                name = c.group(1);
            } else if (e.matches()) {
                expectations.add(Expectation.parse(e.group(1), i + 1));
            } else if (CONTENT.matcher(line).matches()) {
                content = true;
            }
        }
        if (content) {
            out.add(new SampleDocument(out.size(), sb.toString(), from + 1, Math.max(from + 1, to), name,
                    List.copyOf(expectations)));
        }
    }
}
