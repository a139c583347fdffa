package dev.gkstudio.lsp.features;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.lsp4j.DocumentHighlight;
import org.eclipse.lsp4j.DocumentHighlightKind;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

import dev.gkstudio.lsp.text.RegoLexer;
import dev.gkstudio.lsp.workspace.Ast;
import dev.gkstudio.lsp.workspace.DocumentState;
import dev.gkstudio.lsp.workspace.RegoUnit;
import dev.gkstudio.lsp.workspace.Workspace;
import dev.gkstudio.rego.ast.Ref;
import dev.gkstudio.rego.ast.Rule;
import dev.gkstudio.rego.ast.Term;
import dev.gkstudio.rego.ast.Var;

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

    /**
     * The edits of a rename, or null when nothing renameable is at the position. A new name that is no identifier,
     * a keyword, or one that would merge two names (an existing rule of the package, another variable of the rule)
     * is refused with an error the client shows, instead of an edit that changes what the policy means.
     */
    public static WorkspaceEdit rename(Workspace ws, DocumentState doc, Position pos, String newName) {
        Symbols.Target t = target(ws, doc, pos);
        if (t == null || t.kind() == Symbols.Kind.PACKAGE) return null;
        if (newName == null || !newName.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw refused("'" + newName + "' is not a valid Rego name");
        }
        if (RegoLexer.KEYWORDS.contains(newName)) throw refused("'" + newName + "' is a Rego keyword");
        if (!newName.equals(t.name())) {
            for (RegoUnit u : ws.units()) {
                if (!u.parsed() || t.pkg() == null || !t.pkg().equals(u.packageName())) continue;
                for (Rule r : u.module().rules()) {
                    if (Ast.ruleName(r).equals(newName)) {
                        throw refused("'" + newName + "' is already a rule of package " + t.pkg());
                    }
                }
            }
            if (t.kind() == Symbols.Kind.VAR && variables(t.scope()).contains(newName)) {
                throw refused("'" + newName + "' is already a variable of this rule");
            }
        }
        Map<String, List<TextEdit>> changes = new HashMap<>();
        for (Symbols.Occurrence o : Symbols.occurrences(ws, t)) {
            Range r = o.unit().toHost(o.start(), o.end());
            changes.computeIfAbsent(o.unit().uri(), k -> new ArrayList<>()).add(new TextEdit(r, newName));
        }
        return new WorkspaceEdit(changes);
    }

    private static Set<String> variables(Rule rule) {
        Set<String> names = new HashSet<>();
        Ast.rule(rule, new Ast.Visitor() {
            @Override
            public void term(Term t) {
                if (t instanceof Var v) names.add(v.name());
                if (t instanceof Ref r && r.terms().get(0) instanceof Var h) names.add(h.name());
            }
        });
        return names;
    }

    private static ResponseErrorException refused(String why) {
        return new ResponseErrorException(new ResponseError(ResponseErrorCode.RequestFailed, "cannot rename: " + why, null));
    }

}
