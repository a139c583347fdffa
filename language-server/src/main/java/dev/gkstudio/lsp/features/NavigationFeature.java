package dev.gkstudio.lsp.features;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.lsp4j.DocumentHighlight;
import org.eclipse.lsp4j.DocumentHighlightKind;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameDefaultBehavior;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;

import dev.gkstudio.lsp.text.RegoLexer;
import dev.gkstudio.lsp.workspace.DocumentState;
import dev.gkstudio.lsp.workspace.RegoUnit;
import dev.gkstudio.lsp.workspace.Workspace;

/** Go to definition, find references, document highlight and rename, on top of {@link Symbols}. */
public final class NavigationFeature {

    private NavigationFeature() {}

    private static Symbols.Target target(Workspace ws, DocumentState doc, Position pos) {
        RegoUnit u = doc.unitAt(pos);
        return u == null ? null : Symbols.resolve(ws, u, u.fromHost(pos));
    }

    public static List<Location> definition(Workspace ws, DocumentState doc, Position pos) {
        Symbols.Target t = target(ws, doc, pos);
        List<Location> out = new ArrayList<>();
        if (t == null) return out;
        for (Symbols.Occurrence o : Symbols.occurrences(ws, t)) {
            if (o.definition()) out.add(new Location(o.unit().uri(), o.unit().toHost(o.start(), o.end())));
        }
        return out;
    }

    public static List<Location> references(Workspace ws, DocumentState doc, Position pos, boolean includeDeclaration) {
        Symbols.Target t = target(ws, doc, pos);
        List<Location> out = new ArrayList<>();
        if (t == null) return out;
        for (Symbols.Occurrence o : Symbols.occurrences(ws, t)) {
            if (!includeDeclaration && o.definition()) continue;
            out.add(new Location(o.unit().uri(), o.unit().toHost(o.start(), o.end())));
        }
        return out;
    }

    public static List<DocumentHighlight> highlight(Workspace ws, DocumentState doc, Position pos) {
        Symbols.Target t = target(ws, doc, pos);
        List<DocumentHighlight> out = new ArrayList<>();
        if (t == null) return out;
        for (Symbols.Occurrence o : Symbols.occurrences(ws, t)) {
            if (!o.unit().uri().equals(doc.document().uri())) continue;
            out.add(new DocumentHighlight(o.unit().toHost(o.start(), o.end()),
                    o.definition() ? DocumentHighlightKind.Write : DocumentHighlightKind.Read));
        }
        return out;
    }

    public static PrepareRenameResult prepareRename(Workspace ws, DocumentState doc, Position pos) {
        Symbols.Target t = target(ws, doc, pos);
        if (t == null || t.kind() == Symbols.Kind.PACKAGE) return null;
        RegoUnit u = doc.unitAt(pos);
        RegoLexer.Token tok = RegoLexer.identAt(u.tokens(), u.fromHost(pos));
        return new PrepareRenameResult(u.toHost(tok.start(), tok.end()), tok.text());
    }

    public static WorkspaceEdit rename(Workspace ws, DocumentState doc, Position pos, String newName) {
        Symbols.Target t = target(ws, doc, pos);
        if (t == null || t.kind() == Symbols.Kind.PACKAGE || !newName.matches("[A-Za-z_][A-Za-z0-9_]*")
                || RegoLexer.KEYWORDS.contains(newName)) return null;
        Map<String, List<TextEdit>> changes = new HashMap<>();
        for (Symbols.Occurrence o : Symbols.occurrences(ws, t)) {
            Range r = o.unit().toHost(o.start(), o.end());
            changes.computeIfAbsent(o.unit().uri(), k -> new ArrayList<>()).add(new TextEdit(r, newName));
        }
        return new WorkspaceEdit(changes);
    }

    @SuppressWarnings("unused")
    private static PrepareRenameDefaultBehavior unused() { return null; }
}
