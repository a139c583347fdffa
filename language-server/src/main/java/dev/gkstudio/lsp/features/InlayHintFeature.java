package dev.gkstudio.lsp.features;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

import dev.gkstudio.lsp.workspace.Ast;
import dev.gkstudio.lsp.workspace.DocumentState;
import dev.gkstudio.lsp.workspace.RegoUnit;
import dev.gkstudio.rego.ast.Call;
import dev.gkstudio.rego.ast.Rule;
import dev.gkstudio.rego.ast.Term;
import dev.gkstudio.rego.ast.Var;
import dev.gkstudio.rego.builtins.BuiltinCatalog;

/** Inlay hints: builtin argument names before the arguments of prefix builtin calls ({@code sprintf(format: ...)}). */
public final class InlayHintFeature {

    private InlayHintFeature() {}

    public static List<InlayHint> hints(DocumentState doc, Range range) {
        List<InlayHint> out = new ArrayList<>();
        for (RegoUnit u : doc.units()) {
            if (!u.parsed()) continue;
            int from = range == null ? 0 : Math.max(0, u.fromHost(range.getStart()));
            int to = range == null ? u.text().length() : u.fromHost(range.getEnd());
            if (to < 0) to = u.text().length();
            int lo = from, hi = to;
            for (Rule r : u.module().rules()) {
                if (Symbols.end(r) < lo || r.location().startOffset() > hi) continue;
                Ast.rule(r, new Ast.Visitor() {
                    @Override
                    public void term(Term t) {
                        if (!(t instanceof Call c)) return;
                        BuiltinCatalog.Entry b = BuiltinCatalog.get(c.name());
                        if (b == null || !b.infix().isEmpty() || c.name().startsWith("internal.")) return;
                        // the call must be written in prefix form here (not an operator)
                        String src = c.location().text(u.text());
                        if (!src.startsWith(c.name())) return;
                        for (int i = 0; i < c.args().size() && i < b.args().size(); i++) {
                            Term a = c.args().get(i);
                            String name = b.args().get(i).name();
                            if (a instanceof Var v && v.name().equals(name)) continue;
                            int at = a.location().startOffset();
                            if (at < lo || at > hi) continue;
                            Position p = u.toHost(at);
                            InlayHint h = new InlayHint(p, Either.forLeft(name + ":"));
                            h.setKind(InlayHintKind.Parameter);
                            h.setPaddingRight(true);
                            out.add(h);
                        }
                    }
                });
            }
        }
        return out;
    }
}
