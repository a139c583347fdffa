package dev.gkstudio.lsp.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

import dev.gkstudio.lsp.workspace.Ast;
import dev.gkstudio.lsp.workspace.DocumentState;
import dev.gkstudio.lsp.workspace.RegoUnit;
import dev.gkstudio.lsp.workspace.Workspace;
import dev.gkstudio.rego.ast.Rule;

/** Document symbols (package → rules and functions) and workspace symbols (rules, functions, packages). */
public final class SymbolsFeature {

    private SymbolsFeature() {}

    public static List<DocumentSymbol> documentSymbols(DocumentState doc) {
        List<DocumentSymbol> out = new ArrayList<>();
        for (RegoUnit u : doc.units()) {
            if (!u.parsed()) continue;
            var m = u.module();
            List<DocumentSymbol> children = new ArrayList<>();
            for (Rule r : m.rules()) {
                DocumentSymbol s = new DocumentSymbol(label(r), kind(r), u.toHost(r.location().startOffset(), Symbols.end(r)),
                        u.toHost(r.head().ref().location()));
                s.setDetail(r.isDefault() ? "default" : r.head().kind().name().toLowerCase(Locale.ROOT).replace('_', ' '));
                children.add(s);
            }
            int end = u.text().length();
            DocumentSymbol pkg = new DocumentSymbol(m.pkg().pathString(), SymbolKind.Package, u.toHost(0, end),
                    u.toHost(m.pkg().location()));
            pkg.setDetail(u.embedded() ? (u.index() < 0 ? "rego" : "libs[" + u.index() + "]") : "package");
            pkg.setChildren(children);
            out.add(pkg);
        }
        return out;
    }

    public static List<WorkspaceSymbol> workspaceSymbols(Workspace ws, String query) {
        String q = query == null ? "" : query.toLowerCase(Locale.ROOT);
        List<WorkspaceSymbol> out = new ArrayList<>();
        for (RegoUnit u : ws.units()) {
            if (!u.parsed()) continue;
            String pkg = u.packageName();
            if (pkg.toLowerCase(Locale.ROOT).contains(q)) {
                out.add(new WorkspaceSymbol(pkg, SymbolKind.Package,
                        Either.forLeft(new Location(u.uri(), u.toHost(u.module().pkg().location())))));
            }
            for (Rule r : u.module().rules()) {
                String n = Ast.ruleName(r);
                if (!n.toLowerCase(Locale.ROOT).contains(q)) continue;
                WorkspaceSymbol s = new WorkspaceSymbol(n, kind(r),
                        Either.forLeft(new Location(u.uri(), u.toHost(r.head().ref().location()))));
                s.setContainerName(pkg);
                out.add(s);
            }
        }
        return out;
    }

    private static String label(Rule r) {
        String n = r.head().ref().toString();
        if (r.head().args() != null) return Ast.ruleName(r) + "(" + CompletionFeature.args(r) + ")";
        return r.isDefault() ? "default " + n : n;
    }

    private static SymbolKind kind(Rule r) {
        if (r.head().args() != null) return SymbolKind.Function;
        return switch (r.head().kind()) {
            case PARTIAL_SET -> SymbolKind.Array;
            case PARTIAL_OBJECT -> SymbolKind.Object;
            default -> SymbolKind.Variable;
        };
    }
}
