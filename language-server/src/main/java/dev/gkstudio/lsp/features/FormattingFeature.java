package dev.gkstudio.lsp.features;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;

import dev.gkstudio.lsp.workspace.DocumentState;
import dev.gkstudio.lsp.workspace.RegoUnit;
import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.format.RegoFormatter;

/**
 * Formatting with {@link RegoFormatter} (opa fmt style). A unit that does not parse is left alone. In a template
 * YAML each Rego block is re-indented to its block indentation.
 */
public final class FormattingFeature {

    private FormattingFeature() {}

    public static List<TextEdit> format(DocumentState doc) {
        List<TextEdit> out = new ArrayList<>();
        for (RegoUnit u : doc.units()) {
            if (!u.parsed()) continue;
            String formatted = RegoFormatter.format(u.module(), u.text(), u.version());
            if (formatted.equals(u.text())) continue;
            out.add(replaceUnit(u, formatted));
        }
        return out;
    }

    /** A v0 unit in Rego v1 syntax that still parses as v0: the v1 text plus {@code import rego.v1}. */
    public static String toV1Compatible(RegoUnit u) throws RegoFormatter.FormatException {
        String v1 = RegoFormatter.toV1(u.fileName(), u.text());
        int nl = v1.indexOf('\n');
        String withImport = v1.substring(0, nl + 1) + "\nimport rego.v1\n" + v1.substring(nl + 1);
        // the same formatter makes import groups canonical again
        return RegoFormatter.format(u.fileName(), withImport, RegoVersion.V0);
    }

    /** An edit replacing the whole unit with text (re-indented when embedded). */
    public static TextEdit replaceUnit(RegoUnit u, String text) {
        if (!u.embedded()) {
            Position end = u.lines().position(u.text().length());
            return new TextEdit(new Range(new Position(0, 0), end), text);
        }
        StringBuilder sb = new StringBuilder();
        String pad = " ".repeat(u.indent());
        String[] lines = text.split("\n", -1);
        int n = lines.length;
        if (n > 0 && lines[n - 1].isEmpty()) n--;
        for (int i = 0; i < n; i++) {
            if (!lines[i].isEmpty()) sb.append(pad).append(lines[i].replace("\t", "  "));
            sb.append('\n');
        }
        int unitLines = u.lines().lineCount();
        if (u.text().endsWith("\n")) unitLines--;
        Range r = new Range(new Position(u.hostLine(), 0), new Position(u.hostLine() + unitLines, 0));
        return new TextEdit(r, sb.toString());
    }
}
