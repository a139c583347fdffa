package dev.gkstudio.lsp.features;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.ParameterInformation;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.SignatureHelp;
import org.eclipse.lsp4j.SignatureInformation;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

import dev.gkstudio.lsp.workspace.Ast;
import dev.gkstudio.lsp.workspace.DocumentState;
import dev.gkstudio.lsp.workspace.RegoUnit;
import dev.gkstudio.lsp.workspace.Workspace;
import dev.gkstudio.rego.ast.Module;
import dev.gkstudio.rego.ast.Rule;
import dev.gkstudio.rego.ast.Term;
import dev.gkstudio.rego.builtins.BuiltinCatalog;

/** Signature help inside the parentheses of a builtin or module function call (works on unparsable text). */
public final class SignatureHelpFeature {

    private SignatureHelpFeature() {}

    public static SignatureHelp signatureHelp(Workspace ws, DocumentState doc, Position pos) {
        RegoUnit u = doc.unitAt(pos);
        if (u == null) return null;
        String text = u.text();
        int offset = u.fromHost(pos);
        int depth = 0, commas = 0, open = -1;
        for (int i = offset - 1; i >= 0 && i >= offset - 2000; i--) {
            char c = text.charAt(i);
            if (c == ')' || c == ']' || c == '}') depth++;
            else if (c == '[' || c == '{') {
                if (depth == 0) return null;
                depth--;
            } else if (c == '(') {
                if (depth == 0) {
                    open = i;
                    break;
                }
                depth--;
            } else if (c == ',' && depth == 0) commas++;
            else if (c == '"') {
                // skip back over a string
                int j = i - 1;
                while (j >= 0 && !(text.charAt(j) == '"' && (j == 0 || text.charAt(j - 1) != '\\'))) j--;
                if (j < 0) return null;
                i = j;
            }
        }
        if (open < 0) return null;
        int s = open;
        while (s > 0 && (Character.isLetterOrDigit(text.charAt(s - 1)) || text.charAt(s - 1) == '_' || text.charAt(s - 1) == '.')) s--;
        String name = text.substring(s, open);
        if (name.isEmpty()) return null;
        SignatureInformation info = null;
        BuiltinCatalog.Entry b = BuiltinCatalog.get(name);
        if (b != null) {
            List<ParameterInformation> params = new ArrayList<>();
            for (BuiltinCatalog.Arg a : b.args()) params.add(new ParameterInformation(a.name() + ": " + a.type()));
            info = new SignatureInformation(b.signature(), new MarkupContent(MarkupKind.MARKDOWN, b.description()), params);
        } else {
            Module m = CompletionFeature.module(ws, u);
            if (m != null) {
                for (Rule r : m.rules()) {
                    if (r.head().args() == null || !Ast.ruleName(r).equals(name)) continue;
                    List<ParameterInformation> params = new ArrayList<>();
                    for (Term t : r.head().args()) params.add(new ParameterInformation(t.toString()));
                    String doc2 = Hovers.ruleDoc(r);
                    info = new SignatureInformation(name + "(" + CompletionFeature.args(r) + ")",
                            doc2 == null ? null : new MarkupContent(MarkupKind.MARKDOWN, doc2), params);
                    break;
                }
            }
        }
        if (info == null) return null;
        info.setActiveParameter(commas);
        SignatureHelp h = new SignatureHelp(List.of(info), 0, commas);
        return h;
    }

    @SuppressWarnings("unused")
    private static Either<String, MarkupContent> unused() { return null; }
}
