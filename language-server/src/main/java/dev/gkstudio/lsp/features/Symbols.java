package dev.gkstudio.lsp.features;

import java.util.ArrayList;
import java.util.List;

import dev.gkstudio.lsp.text.RegoLexer;
import dev.gkstudio.lsp.workspace.Ast;
import dev.gkstudio.lsp.workspace.RegoUnit;
import dev.gkstudio.lsp.workspace.Workspace;
import dev.gkstudio.rego.ast.Import;
import dev.gkstudio.rego.ast.Rule;
import dev.gkstudio.rego.ast.Ref;
import dev.gkstudio.rego.ast.Term;
import dev.gkstudio.rego.ast.Var;

/**
 * Name resolution shared by definition, references, rename and highlight: what the identifier under the cursor
 * names (a rule/function of a package, a local variable of a rule, a package) and where that name occurs.
 */
public final class Symbols {

    public enum Kind { RULE, VAR, PACKAGE }

    /** Root documents: a ref's head that is never a local variable. */
    private static final java.util.Set<String> GLOBALS = java.util.Set.of("input", "data");

    /** A resolved name. For VAR, {@code scope} is the rule (offsets in {@code unit}). */
    public record Target(Kind kind, String name, String pkg, RegoUnit unit, Rule scope) {}

    /** An occurrence: unit, [start, end), whether it is a definition. */
    public record Occurrence(RegoUnit unit, int start, int end, boolean definition) {}

    private Symbols() {}

    public static Target resolve(Workspace ws, RegoUnit u, int offset) {
        if (!u.parsed()) return null;
        RegoLexer.Token tok = RegoLexer.identAt(u.tokens(), offset);
        if (tok == null || tok.kind() != RegoLexer.Kind.IDENT) return null;
        String pkg = u.packageName();
        boolean afterDot = tok.start() > 0 && u.text().charAt(tok.start() - 1) == '.';
        if (afterDot) {
            Context.RefPrefix ref = Context.dotted(u.text(), tok.end());
            if (ref == null) return null;
            String target = qualified(u, ref.head(), ref.path());
            if (target == null) return null;
            // data.lib.x.rule → rule of lib.x; data.lib.x → package lib.x
            for (RegoUnit o : ws.units()) {
                if (target.equals(o.packageName())) return new Target(Kind.RULE, tok.text(), target, o, null);
            }
            String asPkg = target + "." + tok.text();
            for (RegoUnit o : ws.units()) if (asPkg.equals(o.packageName())) return new Target(Kind.PACKAGE, asPkg, asPkg, o, null);
            return null;
        }
        // an import line: import data.lib.x
        for (Import im : u.module().imports()) {
            if (im.location().startOffset() <= offset && offset <= im.location().endOffset()) {
                String p = im.path().toString();
                if (p.startsWith("data.")) return new Target(Kind.PACKAGE, p.substring(5), p.substring(5), u, null);
                return null;
            }
            if (im.name().equals(tok.text()) && im.path().toString().startsWith("data.")) {
                String p = im.path().toString().substring(5);
                return new Target(Kind.PACKAGE, p, p, u, null);
            }
        }
        // a local variable of the rule around the cursor
        for (Rule r : u.module().rules()) {
            if (offset < r.location().startOffset() || offset > end(r)) continue;
            boolean[] isVar = {false};
            Ast.rule(r, new Ast.Visitor() {
                @Override
                public void term(Term t) {
                    if (t instanceof Var v && v.name().equals(tok.text()) && v.location().startOffset() == tok.start()) isVar[0] = true;
                    // the head of a ref (`container` in `container.image`) is a use of the variable too
                    if (t instanceof Ref ref && ref.terms().get(0) instanceof Var h && h.name().equals(tok.text())
                            && h.location().startOffset() == tok.start() && !GLOBALS.contains(h.name())) isVar[0] = true;
                }
            });
            if (r.head().ref().terms().get(0) instanceof Var v && v.location().startOffset() == tok.start()) isVar[0] = false;
            if (isVar[0]) {
                boolean rule = false;
                for (Rule x : u.module().rules()) if (Ast.ruleName(x).equals(tok.text())) rule = true;
                if (!rule) return new Target(Kind.VAR, tok.text(), pkg, u, r);
            }
        }
        for (Rule r : u.module().rules()) {
            if (Ast.ruleName(r).equals(tok.text())) return new Target(Kind.RULE, tok.text(), pkg, u, null);
        }
        return null;
    }

    static int end(Rule r) {
        int end = r.location().endOffset();
        for (Rule e = r.elseRule(); e != null; e = e.elseRule()) end = Math.max(end, e.location().endOffset());
        return end;
    }

    /** The package a qualified ref prefix names ({@code data.lib.x} or an import alias), or null. */
    static String qualified(RegoUnit u, String head, List<String> path) {
        if (head.equals("data")) return path.isEmpty() ? null : String.join(".", path);
        if (u.parsed()) {
            for (Import im : u.module().imports()) {
                if (im.name().equals(head) && im.path().toString().startsWith("data.")) {
                    String p = im.path().toString().substring(5);
                    return path.isEmpty() ? p : p + "." + String.join(".", path);
                }
            }
        }
        return null;
    }

    public static List<Occurrence> occurrences(Workspace ws, Target t) {
        List<Occurrence> out = new ArrayList<>();
        switch (t.kind()) {
            case VAR -> {
                Rule r = t.scope();
                int from = r.location().startOffset(), to = end(r);
                for (RegoLexer.Token k : t.unit().tokens()) {
                    if (k.start() < from || k.end() > to) continue;
                    if (k.kind() == RegoLexer.Kind.IDENT && k.text().equals(t.name()) && !afterDot(t.unit(), k)) {
                        out.add(new Occurrence(t.unit(), k.start(), k.end(), out.isEmpty()));
                    }
                }
            }
            case RULE -> {
                for (RegoUnit u : ws.units()) {
                    if (!u.parsed()) continue;
                    boolean samePkg = t.pkg() != null && t.pkg().equals(u.packageName());
                    List<Integer> heads = new ArrayList<>();
                    if (samePkg) {
                        for (Rule r : u.module().rules()) {
                            if (Ast.ruleName(r).equals(t.name())) heads.add(r.head().ref().terms().get(0).location().startOffset());
                        }
                    }
                    for (RegoLexer.Token k : u.tokens()) {
                        if (k.kind() != RegoLexer.Kind.IDENT || !k.text().equals(t.name())) continue;
                        if (afterDot(u, k)) {
                            Context.RefPrefix ref = Context.dotted(u.text(), k.end());
                            if (ref != null && t.pkg() != null && t.pkg().equals(qualified(u, ref.head(), ref.path()))) {
                                out.add(new Occurrence(u, k.start(), k.end(), false));
                            }
                        } else if (samePkg && !isLocalVar(u, k)) {
                            out.add(new Occurrence(u, k.start(), k.end(), heads.contains(k.start())));
                        }
                    }
                }
            }
            case PACKAGE -> {
                for (RegoUnit u : ws.units()) {
                    if (t.pkg().equals(u.packageName())) {
                        var l = u.module().pkg().location();
                        out.add(new Occurrence(u, l.startOffset(), l.endOffset(), true));
                    }
                }
            }
        }
        return out;
    }

    private static boolean afterDot(RegoUnit u, RegoLexer.Token k) {
        return k.start() > 0 && u.text().charAt(k.start() - 1) == '.';
    }

    /** Whether the token is a variable (an assigned local shadowing nothing): keys of objects etc. are not refs. */
    private static boolean isLocalVar(RegoUnit u, RegoLexer.Token k) {
        // a `"key": ...` object key or a string is never an identifier token; rule names are not locals
        return false;
    }
}
