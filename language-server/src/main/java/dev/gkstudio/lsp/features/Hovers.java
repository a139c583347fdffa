package dev.gkstudio.lsp.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;

import dev.gkstudio.lsp.schema.KubernetesSchema;
import dev.gkstudio.lsp.schema.Shape;
import dev.gkstudio.lsp.text.RegoLexer;
import dev.gkstudio.lsp.workspace.Ast;
import dev.gkstudio.lsp.workspace.DocumentState;
import dev.gkstudio.lsp.workspace.RegoUnit;
import dev.gkstudio.lsp.workspace.Workspace;
import dev.gkstudio.rego.ast.Annotation;
import dev.gkstudio.rego.ast.Module;
import dev.gkstudio.rego.ast.Rule;
import dev.gkstudio.rego.builtins.BuiltinCatalog;

/** Hover: builtins, keywords, rules and functions (with METADATA), input.parameters / input.review fields. */
public final class Hovers {

    static final Map<String, String> KEYWORDS = Map.ofEntries(
            Map.entry("some", "`some x in xs` iterates; `some x` declares a local variable."),
            Map.entry("every", "`every x in xs { ... }` is true when the body holds for every element."),
            Map.entry("not", "`not expr` is true when expr is false or undefined."),
            Map.entry("in", "`x in xs` is membership; `some x in xs` iteration."),
            Map.entry("with", "`expr with input.x as v` evaluates expr with a replaced document or function."),
            Map.entry("if", "`head if body`: the rule holds when the body does."),
            Map.entry("contains", "`p contains x if ...` adds x to the multi-value rule p."),
            Map.entry("default", "`default p := v` is the value of p when no other definition applies."),
            Map.entry("else", "`else := v if ...` is tried when the rule body above is undefined."),
            Map.entry("import", "`import data.lib.x` makes a package available by its last name."),
            Map.entry("package", "`package a.b` puts the module's rules under data.a.b."));

    private Hovers() {}

    public static Hover hover(Workspace ws, DocumentState doc, Position pos) {
        RegoUnit u = doc.unitAt(pos);
        if (u == null) return null;
        int offset = u.fromHost(pos);
        RegoLexer.Token tok = RegoLexer.identAt(u.tokens(), offset);
        if (tok == null) return null;
        String md = markdown(ws, doc, u, tok);
        if (md == null) return null;
        Hover h = new Hover(new MarkupContent(MarkupKind.MARKDOWN, md));
        h.setRange(u.toHost(tok.start(), tok.end()));
        return h;
    }

    private static String markdown(Workspace ws, DocumentState doc, RegoUnit u, RegoLexer.Token tok) {
        if (tok.kind() == RegoLexer.Kind.KEYWORD) {
            String k = KEYWORDS.get(tok.text());
            return k == null ? null : "**" + tok.text() + "** (keyword)\n\n" + k;
        }
        String text = u.text();
        Context.RefPrefix ref = Context.dotted(text, tok.end());
        String full = ref == null ? tok.text() : ref.head() + (ref.path().isEmpty() ? "" : "." + String.join(".", ref.path()))
                + "." + ref.partial();
        boolean call = tok.end() < text.length() && text.charAt(tok.end()) == '(';
        BuiltinCatalog.Entry b = BuiltinCatalog.get(full);
        if (b != null && (call || full.contains("."))) return builtin(b);
        if (ref != null && ref.head().equals("input")) {
            List<String> path = new ArrayList<>(ref.path());
            path.add(ref.partial());
            return input(ws, doc, path);
        }
        Module m = CompletionFeature.module(ws, u);
        if (m != null && ref == null) {
            List<Rule> defs = new ArrayList<>();
            for (Rule r : m.rules()) if (Ast.ruleName(r).equals(tok.text())) defs.add(r);
            if (!defs.isEmpty()) {
                Rule r = defs.get(0);
                StringBuilder sb = new StringBuilder("```rego\n");
                sb.append(r.head().args() != null ? tok.text() + "(" + CompletionFeature.args(r) + ")" : r.head().ref().toString());
                sb.append("\n```\n");
                String d = ruleDoc(r);
                if (d != null) sb.append('\n').append(d).append('\n');
                sb.append("\n").append(r.head().args() != null ? "function" : "rule").append(" of package `")
                        .append(m.pkg().pathString()).append("`, ").append(defs.size()).append(defs.size() == 1 ? " definition" : " definitions");
                return sb.toString();
            }
        }
        if (b != null && BuiltinCatalog.get(tok.text()) != null && call) return builtin(b);
        return null;
    }

    static String builtin(BuiltinCatalog.Entry b) {
        return "```rego\n" + b.signature() + "\n```\n\n" + b.description() + (b.deprecated() ? "\n\n**Deprecated.**" : "")
                + (b.reason().isEmpty() ? "" : "\n\n**Not available in the Studio:** " + b.reason())
                + "\n\n*built-in function*";
    }

    private static String input(Workspace ws, DocumentState doc, List<String> path) {
        String dotted = "input." + String.join(".", path).replace(".[]", "[_]");
        if (path.size() == 1 && path.get(0).equals("review")) return "`input.review`: the AdmissionRequest under review";
        if (path.size() == 1 && path.get(0).equals("parameters")) return "`input.parameters`: the constraint's `spec.parameters`";
        if (path.get(0).equals("parameters")) {
            Shape p = doc.parameters() != null ? doc.parameters() : ws.parameters();
            Shape s = p == null ? null : p.at(path.subList(1, path.size()));
            if (s == null) return "`" + dotted + "`: not in the template's parameters schema";
            return "`" + dotted + "`: " + (s.type == null ? "any" : s.type) + (s.description != null ? "\n\n" + s.description : "")
                    + "\n\n*parameters schema*";
        }
        if (path.get(0).equals("review")) {
            if (path.size() == 2) {
                String d = CompletionFeature.REVIEW.get(path.get(1));
                return d == null ? null : "`" + dotted + "`: " + d;
            }
            if (path.get(1).equals("object") || path.get(1).equals("oldObject")) {
                String t = KubernetesSchema.load().typeAt(ws.kinds(), path.subList(2, path.size()));
                Shape sample = ws.samples().at(path.subList(2, path.size()));
                if (t == null && sample == null) return null;
                return "`" + dotted + "`: " + (t != null ? t : sample.type) + (t != null ? "\n\n*Kubernetes schema*" : "\n\n*sample objects*");
            }
        }
        return null;
    }

    /** Markdown of a rule's METADATA title and description, or null. */
    static String ruleDoc(Rule r) {
        for (Annotation a : r.annotations()) {
            StringBuilder sb = new StringBuilder();
            if (a.title() != null) sb.append("**").append(a.title()).append("**");
            if (a.description() != null) sb.append(sb.length() > 0 ? "\n\n" : "").append(a.description());
            if (sb.length() > 0) return sb.toString();
        }
        return null;
    }
}
