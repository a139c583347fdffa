package dev.gkstudio.lsp.features;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeKind;

import dev.gkstudio.lsp.text.RegoLexer;
import dev.gkstudio.lsp.workspace.DocumentState;
import dev.gkstudio.lsp.workspace.RegoUnit;

/** Folding: bracketed blocks spanning lines (rule bodies, collections, comprehensions), comment runs, imports. */
public final class FoldingFeature {

    private FoldingFeature() {}

    public static List<FoldingRange> folding(DocumentState doc) {
        List<FoldingRange> out = new ArrayList<>();
        for (RegoUnit u : doc.units()) {
            Deque<RegoLexer.Token> open = new ArrayDeque<>();
            int commentStart = -1, commentEnd = -1, importStart = -1, importEnd = -1;
            List<RegoLexer.Token> toks = u.tokens();
            for (int i = 0; i < toks.size(); i++) {
                RegoLexer.Token t = toks.get(i);
                int line = u.lines().line(t.start());
                if (t.kind() == RegoLexer.Kind.COMMENT) {
                    if (commentStart >= 0 && line == commentEnd + 1) {
                        commentEnd = line;
                    } else {
                        add(out, u, commentStart, commentEnd, FoldingRangeKind.Comment);
                        commentStart = commentEnd = line;
                    }
                    continue;
                }
                if (t.is("import") && t.kind() == RegoLexer.Kind.KEYWORD) {
                    if (importStart < 0) importStart = line;
                    importEnd = line;
                }
                if (t.is("{") || t.is("[") || t.is("(")) {
                    open.push(t);
                } else if ((t.is("}") || t.is("]") || t.is(")")) && !open.isEmpty()) {
                    RegoLexer.Token o = open.pop();
                    int start = u.lines().line(o.start());
                    if (line > start) add(out, u, start, line - 1, null);
                }
            }
            add(out, u, commentStart, commentEnd, FoldingRangeKind.Comment);
            add(out, u, importStart, importEnd, FoldingRangeKind.Imports);
        }
        return out;
    }

    private static void add(List<FoldingRange> out, RegoUnit u, int start, int end, String kind) {
        if (start < 0 || end <= start) return;
        FoldingRange r = new FoldingRange(start + u.hostLine(), end + u.hostLine());
        if (kind != null) r.setKind(kind);
        out.add(r);
    }
}
