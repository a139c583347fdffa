package dev.gkstudio.lsp.workspace;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import dev.gkstudio.rego.ast.ArrayComprehension;
import dev.gkstudio.rego.ast.ArrayTerm;
import dev.gkstudio.rego.ast.Body;
import dev.gkstudio.rego.ast.Call;
import dev.gkstudio.rego.ast.Every;
import dev.gkstudio.rego.ast.Expr;
import dev.gkstudio.rego.ast.ExprTerms;
import dev.gkstudio.rego.ast.LogicalExpr;
import dev.gkstudio.rego.ast.Module;
import dev.gkstudio.rego.ast.ObjectComprehension;
import dev.gkstudio.rego.ast.ObjectTerm;
import dev.gkstudio.rego.ast.Ref;
import dev.gkstudio.rego.ast.Rule;
import dev.gkstudio.rego.ast.SetComprehension;
import dev.gkstudio.rego.ast.SetTerm;
import dev.gkstudio.rego.ast.SomeDecl;
import dev.gkstudio.rego.ast.Term;
import dev.gkstudio.rego.ast.TemplateString;
import dev.gkstudio.rego.ast.Var;
import dev.gkstudio.rego.ast.With;

/** Walks the Rego AST (explicitly, no reflection: it runs on every keystroke). */
public final class Ast {

    /** Callbacks; override what you need. */
    public interface Visitor {
        default void rule(Rule r) {}

        default void body(Body b) {}

        default void expr(Expr e) {}

        default void term(Term t) {}
    }

    private Ast() {}

    public static void walk(Module m, Visitor v) {
        for (Rule r : m.rules()) rule(r, v);
    }

    public static void rule(Rule r, Visitor v) {
        v.rule(r);
        if (r.head().args() != null) for (Term a : r.head().args()) term(a, v);
        if (r.head().key() != null) term(r.head().key(), v);
        if (r.head().value() != null) term(r.head().value(), v);
        for (int i = 1; i < r.head().ref().size(); i++) term(r.head().ref().get(i), v);
        body(r.body(), v);
        if (r.elseRule() != null) rule(r.elseRule(), v);
    }

    public static void body(Body b, Visitor v) {
        v.body(b);
        for (Expr e : b.exprs()) expr(e, v);
    }

    public static void expr(Expr e, Visitor v) {
        v.expr(e);
        exprTerms(e.terms(), v);
        for (With w : e.withs()) {
            term(w.target(), v);
            term(w.value(), v);
        }
    }

    private static void exprTerms(ExprTerms t, Visitor v) {
        if (t instanceof Term term) {
            term(term, v);
        } else if (t instanceof SomeDecl s) {
            for (Term x : s.symbols()) term(x, v);
        } else if (t instanceof Every ev) {
            if (ev.key() != null) term(ev.key(), v);
            term(ev.value(), v);
            term(ev.domain(), v);
            body(ev.body(), v);
        } else if (t instanceof LogicalExpr l) {
            for (Body b : l.operands()) body(b, v);
        } else if (t instanceof Body b) {
            body(b, v);
        }
    }

    public static void term(Term t, Visitor v) {
        if (t == null) return;
        v.term(t);
        if (t instanceof Ref r) {
            for (Term x : r.terms()) if (!(x instanceof Var) || x != r.terms().get(0)) term(x, v);
        } else if (t instanceof Call c) {
            for (Term a : c.args()) term(a, v);
        } else if (t instanceof ArrayTerm a) {
            for (Term x : a.elements()) term(x, v);
        } else if (t instanceof SetTerm s) {
            for (Term x : s.elements()) term(x, v);
        } else if (t instanceof ObjectTerm o) {
            for (Map.Entry<Term, Term> e : o.entries()) {
                term(e.getKey(), v);
                term(e.getValue(), v);
            }
        } else if (t instanceof ArrayComprehension c) {
            term(c.term(), v);
            body(c.body(), v);
        } else if (t instanceof SetComprehension c) {
            term(c.term(), v);
            body(c.body(), v);
        } else if (t instanceof ObjectComprehension c) {
            term(c.key(), v);
            term(c.value(), v);
            body(c.body(), v);
        } else if (t instanceof TemplateString ts) {
            for (TemplateString.Part p : ts.parts()) if (p.expr() != null) term(p.expr(), v);
        }
    }

    /** Var nodes (with locations) in a term, ref heads included. */
    public static void vars(Term t, Consumer<Var> f) {
        term(t, new Visitor() {
            @Override
            public void term(Term x) {
                if (x instanceof Var var) f.accept(var);
                if (x instanceof Ref r && r.terms().get(0) instanceof Var h) f.accept(h);
            }
        });
    }

    /** Names of the vars in a term. */
    public static Set<String> varNames(Term t) {
        Set<String> out = new LinkedHashSet<>();
        vars(t, v -> out.add(v.name()));
        return out;
    }

    /** Names of the vars in an expression. */
    public static Set<String> varNames(Expr e) {
        Set<String> out = new LinkedHashSet<>();
        expr(e, new Visitor() {
            @Override
            public void term(Term x) {
                if (x instanceof Var var) out.add(var.name());
                if (x instanceof Ref r && r.terms().get(0) instanceof Var h) out.add(h.name());
            }
        });
        return out;
    }

    /** The rule name as written first in its head ref ({@code p} for {@code p.q[x]}). */
    public static String ruleName(Rule r) {
        return r.head().ref().terms().get(0) instanceof Var v ? v.name() : r.head().name();
    }
}
