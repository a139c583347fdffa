package dev.gkstudio.lsp.features;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionDisabled;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;

import dev.gkstudio.lsp.lint.Finding;
import dev.gkstudio.lsp.lint.LintContext;
import dev.gkstudio.lsp.lint.LintRules;
import dev.gkstudio.lsp.text.RegoLexer;
import dev.gkstudio.lsp.workspace.DocumentState;
import dev.gkstudio.lsp.workspace.RegoUnit;
import dev.gkstudio.lsp.workspace.Workspace;
import dev.gkstudio.rego.ast.Import;
import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.builtins.BuiltinCatalog;
import dev.gkstudio.rego.format.RegoFormatter;
import dev.gkstudio.rego.parser.RegoParser;

/**
 * Code actions: quick fixes of lint findings (recomputed on the current text), "Convert to Rego v1" for v0
 * modules (v1 syntax plus {@code import rego.v1}, so Gatekeeper's v0 engine still accepts it), and for modules
 * configured as v1 that only parse as v0 (plain v1 syntax: the template's {@code source.version} was switched to v1),
 * a disabled "Convert to Rego v0" (with the reason) for v0 modules that only parse as v1 (OPA has no v1 → v0
 * conversion), and "Add missing import" for {@code x.rule} refs where {@code data.lib.x} exists in the workspace.
 * The IDE asks for these two when the Rego version selector changes (rego-version-switch.js).
 */
public final class CodeActionFeature {

    public static final String CONVERT_TITLE = "Convert to Rego v1";
    public static final String CONVERT_V0_TITLE = "Convert to Rego v0";
    public static final String NO_V0_CONVERSION = "This Rego uses v1 syntax, which Rego v0 cannot parse, and OPA has no "
            + "v1 → v0 conversion. Keep Rego v1 (or add `import rego.v1`, which lets a v0 engine accept v1 syntax).";

    private CodeActionFeature() {}

    public static List<CodeAction> actions(Workspace ws, DocumentState doc, Range range, List<Diagnostic> context) {
        List<CodeAction> out = new ArrayList<>();
        String uri = doc.document().uri();
        for (RegoUnit u : doc.units()) {
            if (!u.contains(range.getStart()) && !u.contains(range.getEnd())) continue;
            int from = Math.max(0, u.fromHost(range.getStart()));
            int to = u.fromHost(range.getEnd());
            if (to < 0) to = u.text().length();
            if (u.parsed()) {
                for (Finding f : LintRules.lint(new LintContext(u.module(), u.text(), u.version(), doc.template() && u.index() < 0,
                        doc.template() || doc.document().isYaml()))) {
                    if (f.fix() == null || f.end() < from || f.start() > to) continue;
                    List<TextEdit> edits = new ArrayList<>();
                    for (Finding.Edit e : f.fix().edits()) edits.add(new TextEdit(u.toHost(e.start(), e.end()), e.text()));
                    CodeAction a = new CodeAction(f.fix().title() + " (" + f.rule().code() + ")");
                    a.setKind(CodeActionKind.QuickFix);
                    a.setEdit(new WorkspaceEdit(Map.of(uri, edits)));
                    List<Diagnostic> diags = new ArrayList<>();
                    for (Diagnostic d : context) {
                        if (d.getCode() != null && d.getCode().isLeft() && f.rule().code().equals(d.getCode().getLeft())) diags.add(d);
                    }
                    if (!diags.isEmpty()) {
                        a.setDiagnostics(diags);
                        a.setIsPreferred(true);
                    }
                    out.add(a);
                }
                if (u.version() == RegoVersion.V0 && !hasRegoV1Import(u)) {
                    try {
                        String v1 = FormattingFeature.toV1Compatible(u);
                        CodeAction a = new CodeAction(CONVERT_TITLE);
                        a.setKind(CodeActionKind.RefactorRewrite);
                        a.setEdit(new WorkspaceEdit(Map.of(uri, List.of(FormattingFeature.replaceUnit(u, v1)))));
                        out.add(a);
                    } catch (RegoFormatter.FormatException e) {
                        // uses a v1 keyword as a name: not convertible as is
                    }
                }
            } else if (u.version() == RegoVersion.V1) {
                convertUnparsedToV1(u, uri, context, out);
            } else if (RegoParser.parseModule(u.fileName(), u.text(), RegoVersion.V1).ok()) {
                CodeAction a = new CodeAction(CONVERT_V0_TITLE);
                a.setKind(CodeActionKind.RefactorRewrite);
                a.setDisabled(new CodeActionDisabled(NO_V0_CONVERSION));
                out.add(a);
            }
            addMissingImports(ws, u, uri, from, to, out);
        }
        return out;
    }

    /** A v1 unit that does not parse as v1 but does as v0: its v1 form (plain v1, no {@code import rego.v1}). */
    private static void convertUnparsedToV1(RegoUnit u, String uri, List<Diagnostic> context, List<CodeAction> out) {
        String v1;
        try {
            v1 = RegoFormatter.toV1(u.fileName(), u.text());
        } catch (RegoFormatter.FormatException e) {
            return; // not v0 either (a typo), or not expressible in v1 as is
        }
        CodeAction a = new CodeAction(CONVERT_TITLE);
        a.setKind(CodeActionKind.QuickFix);
        a.setEdit(new WorkspaceEdit(Map.of(uri, List.of(FormattingFeature.replaceUnit(u, v1)))));
        if (!context.isEmpty()) {
            a.setDiagnostics(context);
            a.setIsPreferred(true);
        }
        out.add(a);
    }

    private static boolean hasRegoV1Import(RegoUnit u) {
        for (Import im : u.module().imports()) if (im.path().toString().equals("rego.v1")) return true;
        return false;
    }

    /** {@code util.f(x)} with no import named util, and a workspace package {@code lib.util}: offer the import. */
    private static void addMissingImports(Workspace ws, RegoUnit u, String uri, int from, int to, List<CodeAction> out) {
        Set<String> imported = new HashSet<>();
        if (u.parsed()) for (Import im : u.module().imports()) imported.add(im.name());
        Set<String> offered = new HashSet<>();
        List<RegoLexer.Token> toks = u.tokens();
        for (int i = 0; i + 1 < toks.size(); i++) {
            RegoLexer.Token t = toks.get(i);
            if (t.end() < from - 200 || t.start() > to + 200) continue;
            if (t.kind() != RegoLexer.Kind.IDENT || !toks.get(i + 1).is(".") || toks.get(i + 1).start() != t.end()) continue;
            if (i > 0 && toks.get(i - 1).is(".") && toks.get(i - 1).end() == t.start()) continue;
            String name = t.text();
            if (imported.contains(name) || name.equals("input") || name.equals("data") || isBuiltinNamespace(name)) continue;
            for (RegoUnit o : ws.units()) {
                String pkg = o.packageName();
                if (pkg == null || o == u || !(pkg.equals(name) || pkg.endsWith("." + name))) continue;
                if (!offered.add(pkg)) continue;
                CodeAction a = new CodeAction("Add missing import data." + pkg);
                a.setKind(CodeActionKind.QuickFix);
                a.setEdit(new WorkspaceEdit(Map.of(uri, List.of(importEdit(u, "import data." + pkg)))));
                out.add(a);
            }
        }
    }

    private static boolean isBuiltinNamespace(String name) {
        for (String b : BuiltinCatalog.all().keySet()) if (b.startsWith(name + ".")) return true;
        return false;
    }

    /** Inserts an import after the last import, or after the package line. */
    static TextEdit importEdit(RegoUnit u, String line) {
        int at;
        String text;
        if (u.parsed() && !u.module().imports().isEmpty()) {
            List<Import> ims = u.module().imports();
            int end = ims.get(ims.size() - 1).location().endOffset();
            at = u.text().indexOf('\n', end);
            at = at < 0 ? u.text().length() : at + 1;
            text = line + "\n";
        } else {
            int pkg = u.parsed() ? u.module().pkg().location().endOffset() : u.text().indexOf('\n');
            at = u.text().indexOf('\n', Math.max(0, pkg));
            at = at < 0 ? u.text().length() : at + 1;
            text = "\n" + line + "\n";
        }
        Position p = u.toHost(at);
        if (u.embedded()) p = new Position(p.getLine(), 0);
        return new TextEdit(new Range(p, p), u.embedded() ? indent(text, u.indent()) : text);
    }

    private static String indent(String text, int n) {
        String[] lines = text.split("\n", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) sb.append('\n');
            if (!lines[i].isEmpty()) sb.append(" ".repeat(n)).append(lines[i]);
        }
        return sb.toString();
    }
}
