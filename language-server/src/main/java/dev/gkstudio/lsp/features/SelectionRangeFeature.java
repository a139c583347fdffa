package dev.gkstudio.lsp.features;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.SelectionRange;

import dev.gkstudio.lsp.text.RegoLexer;
import dev.gkstudio.lsp.workspace.Ast;
import dev.gkstudio.lsp.workspace.DocumentState;
import dev.gkstudio.lsp.workspace.RegoUnit;
import dev.gkstudio.rego.ast.Expr;
import dev.gkstudio.rego.ast.Location;
import dev.gkstudio.rego.ast.Rule;
import dev.gkstudio.rego.ast.Term;

/** Selection ranges: word → enclosing terms → expression → rule → module. */
public final class SelectionRangeFeature {

    private SelectionRangeFeature() {}

    public static List<SelectionRange> selectionRanges(DocumentState doc, List<Position> positions) {
        List<SelectionRange> out = new ArrayList<>();
        for (Position p : positions) {
            RegoUnit u = doc.unitAt(p);
            if (u == null) {
                out.add(new SelectionRange(new org.eclipse.lsp4j.Range(p, p), null));
                continue;
            }
            int off = u.fromHost(p);
            List<int[]> spans = new ArrayList<>();
            RegoLexer.Token tok = RegoLexer.at(u.tokens(), off);
            if (tok == null) tok = RegoLexer.identAt(u.tokens(), off);
            if (tok != null) spans.add(new int[]{tok.start(), tok.end()});
            if (u.parsed()) {
                for (Rule r : u.module().rules()) {
                    if (off < r.location().startOffset() || off > Symbols.end(r)) continue;
                    spans.add(new int[]{r.location().startOffset(), Symbols.end(r)});
                    Ast.rule(r, new Ast.Visitor() {
                        @Override
                        public void expr(Expr e) { addIf(spans, e.location(), off); }

                        @Override
                        public void term(Term t) { addIf(spans, t.location(), off); }
                    });
                }
            }
            spans.add(new int[]{0, u.text().length()});
            spans.sort(Comparator.comparingInt((int[] s) -> s[1] - s[0]).reversed());
            SelectionRange parent = null;
            int[] last = null;
            for (int[] s : spans) {
                if (last != null && last[0] == s[0] && last[1] == s[1]) continue;
                if (last != null && (s[0] < last[0] || s[1] > last[1])) continue;
                parent = new SelectionRange(u.toHost(s[0], s[1]), parent);
                last = s;
            }
            out.add(parent);
        }
        return out;
    }

    private static void addIf(List<int[]> spans, Location l, int off) {
        if (l != null && l.isKnown() && l.startOffset() <= off && off <= l.endOffset()) spans.add(new int[]{l.startOffset(), l.endOffset()});
    }
}
