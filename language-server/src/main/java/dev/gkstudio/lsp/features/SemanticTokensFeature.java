package dev.gkstudio.lsp.features;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensLegend;

import dev.gkstudio.lsp.text.RegoLexer;
import dev.gkstudio.lsp.workspace.Ast;
import dev.gkstudio.lsp.workspace.DocumentState;
import dev.gkstudio.lsp.workspace.RegoUnit;
import dev.gkstudio.lsp.workspace.Workspace;
import dev.gkstudio.rego.ast.Import;
import dev.gkstudio.rego.ast.Module;
import dev.gkstudio.rego.ast.Rule;
import dev.gkstudio.rego.ast.Term;
import dev.gkstudio.rego.builtins.BuiltinCatalog;

/**
 * Semantic tokens (full document): keywords, strings, numbers, comments, operators, builtins (function +
 * defaultLibrary), rules (variable / function + declaration at the head), function arguments (parameter),
 * {@code input}/{@code data}/imports/packages (namespace), ref fields after a dot (property), other variables.
 * Embedded Rego is mapped onto the YAML lines; only the Rego blocks get tokens.
 */
public final class SemanticTokensFeature {

    public static final List<String> TYPES = List.of("namespace", "type", "function", "variable", "property", "keyword",
            "string", "number", "comment", "operator", "parameter");
    public static final List<String> MODIFIERS = List.of("declaration", "defaultLibrary");
    public static final SemanticTokensLegend LEGEND = new SemanticTokensLegend(TYPES, MODIFIERS);

    private static final int NAMESPACE = 0, FUNCTION = 2, VARIABLE = 3, PROPERTY = 4, KEYWORD = 5, STRING = 6, NUMBER = 7,
            COMMENT = 8, OPERATOR = 9, PARAMETER = 10;
    private static final int DECLARATION = 1, DEFAULT_LIBRARY = 2;

    private SemanticTokensFeature() {}

    public static SemanticTokens tokens(Workspace ws, DocumentState doc) {
        List<Integer> data = new ArrayList<>();
        int prevLine = 0, prevChar = 0;
        for (RegoUnit u : doc.units()) {
            Module m = CompletionFeature.module(ws, u);
            Set<String> rules = new HashSet<>(), functions = new HashSet<>(), namespaces = new HashSet<>(), params = new HashSet<>();
            Set<Integer> heads = new HashSet<>();
            namespaces.add("input");
            namespaces.add("data");
            if (m != null) {
                for (Import i : m.imports()) namespaces.add(i.name());
                for (Rule r : m.rules()) {
                    (r.head().args() != null ? functions : rules).add(Ast.ruleName(r));
                    if (u.parsed()) heads.add(r.head().ref().terms().get(0).location().startOffset());
                    if (r.head().args() != null) for (Term a : r.head().args()) Ast.vars(a, v -> params.add(v.name()));
                }
            }
            List<RegoLexer.Token> toks = u.tokens();
            boolean inPackage = false;
            for (int i = 0; i < toks.size(); i++) {
                RegoLexer.Token t = toks.get(i);
                if (i > 0 && u.lines().line(toks.get(i - 1).end()) != u.lines().line(t.start())) inPackage = false;
                int type, mods = 0;
                switch (t.kind()) {
                    case KEYWORD -> {
                        type = t.is("true") || t.is("false") || t.is("null") ? NUMBER : KEYWORD;
                        inPackage = t.is("package") || t.is("import");
                    }
                    case STRING -> type = STRING;
                    case NUMBER -> type = NUMBER;
                    case COMMENT -> type = COMMENT;
                    case OPERATOR -> type = OPERATOR;
                    case IDENT -> {
                        boolean afterDot = i > 0 && toks.get(i - 1).is(".") && toks.get(i - 1).end() == t.start();
                        boolean call = i + 1 < toks.size() && toks.get(i + 1).is("(") && toks.get(i + 1).start() == t.end();
                        String dotted = dottedName(toks, i);
                        if (inPackage) {
                            type = NAMESPACE;
                        } else if (call && BuiltinCatalog.get(dotted) != null) {
                            type = FUNCTION;
                            mods = DEFAULT_LIBRARY;
                        } else if (afterDot) {
                            type = PROPERTY;
                        } else if (functions.contains(t.text()) && call) {
                            type = FUNCTION;
                            if (heads.contains(t.start())) mods = DECLARATION;
                        } else if (rules.contains(t.text())) {
                            type = VARIABLE;
                            if (heads.contains(t.start())) mods = DECLARATION;
                        } else if (namespaces.contains(t.text()) || isNamespace(t.text(), toks, i)) {
                            type = NAMESPACE;
                            if (!namespaces.contains(t.text())) mods = DEFAULT_LIBRARY;
                        } else if (params.contains(t.text())) {
                            type = PARAMETER;
                        } else {
                            type = VARIABLE;
                        }
                    }
                    default -> {
                        continue;
                    }
                }
                // multi-line strings cannot be one LSP token: leave them to the grammar
                if (u.lines().line(t.start()) != u.lines().line(Math.max(t.start(), t.end() - 1))) continue;
                Position p = u.toHost(t.start());
                int len = t.end() - t.start();
                int dl = p.getLine() - prevLine;
                int dc = dl == 0 ? p.getCharacter() - prevChar : p.getCharacter();
                data.add(dl);
                data.add(dc);
                data.add(len);
                data.add(type);
                data.add(mods);
                prevLine = p.getLine();
                prevChar = p.getCharacter();
            }
        }
        return new SemanticTokens(data);
    }

    private static String dottedName(List<RegoLexer.Token> toks, int i) {
        StringBuilder sb = new StringBuilder(toks.get(i).text());
        int j = i;
        while (j >= 2 && toks.get(j - 1).is(".") && toks.get(j - 2).kind() == RegoLexer.Kind.IDENT
                && toks.get(j - 1).start() == toks.get(j - 2).end()) {
            sb.insert(0, toks.get(j - 2).text() + ".");
            j -= 2;
        }
        return sb.toString();
    }

    /** A builtin namespace such as {@code strings} in {@code strings.replace_n(...)}. */
    private static boolean isNamespace(String name, List<RegoLexer.Token> toks, int i) {
        if (i + 1 >= toks.size() || !toks.get(i + 1).is(".")) return false;
        String p = name + ".";
        for (String b : BuiltinCatalog.all().keySet()) if (b.startsWith(p)) return true;
        return false;
    }
}
