package dev.gkstudio.rego.compiler.stages;

import dev.gkstudio.rego.ast.*;
import dev.gkstudio.rego.compiler.Terms;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * OPA's {@code RewriteDynamicTerms} stage (v1/ast/compile.go {@code rewriteDynamics}), run on rule bodies after the
 * safety checks and on queries: the dynamic terms an expression reads are bound to generated vars by expressions
 * placed before it, so they are evaluated eagerly and an undefined one fails the body.
 * <ul>
 * <li>Calls (incl. comparisons and negated calls): each argument that is a ref, and each ref inside an argument's
 * arrays, objects and sets, is bound first: {@code not f(x.missing)} becomes
 * {@code __local0__ = x.missing; not f(__local0__)}, undefined when {@code x.missing} is. An argument that is a
 * comprehension is bound too, after its body is rewritten.</li>
 * <li>Unifications and plain terms: only the refs nested in the operands of a ref ({@code data.a[input.k]}) and
 * the refs inside arrays/objects/sets are bound; a ref operand itself stays ({@code not input.missing = "a"} is
 * true when {@code input.missing} is undefined).</li>
 * <li>{@code every}: the domain is bound, the body rewritten. Comprehension bodies are rewritten in place.</li>
 * </ul>
 * The bound expressions carry the expression's {@code with} modifiers. {@code print} calls keep their arguments (an
 * undefined argument prints as {@code <undefined>}). Negated expressions of modules importing
 * {@code future.keywords.not} keep everything inside the negation. Generated vars come from the compiler's
 * generator, so they continue OPA's numbering.
 */
public final class RewriteDynamicTerms {
    private final Supplier<String> gen;
    private final boolean keepNegated;

    public RewriteDynamicTerms(Supplier<String> gen, boolean keepNegated) {
        this.gen = gen;
        this.keepNegated = keepNegated;
    }

    /** The rule with its body (and each {@code else} body) rewritten; heads are left as they are, as in OPA. */
    public Rule rule(Rule r) {
        Body b = body(r.body());
        Rule e = r.elseRule() == null ? null : rule(r.elseRule());
        if (b == r.body() && e == r.elseRule()) return r;
        return new Rule(r.head(), b, r.isDefault(), e, r.annotations(), r.location());
    }

    public Body body(Body b) {
        List<Expr> out = new ArrayList<>(b.exprs().size());
        boolean changed = false;
        for (Expr e : b.exprs()) {
            int before = out.size();
            expr(e, out);
            changed |= out.size() != before + 1 || out.get(before) != e;
        }
        if (!changed) return b;
        for (int i = 0; i < out.size(); i++) if (out.get(i).index() != i) out.set(i, out.get(i).withIndex(i));
        return new Body(out, b.location());
    }

    private void expr(Expr e, List<Expr> out) {
        ExprTerms t = e.terms();
        if (keepNegated && e.negated()) {
            out.add(e);
            return;
        }
        if (t instanceof Call c) {
            String name = c.name();
            if (name.equals("print") || name.equals("internal.print")) {
                out.add(e);
                return;
            }
            List<Term> args;
            if (name.equals("eq") && c.args().size() == 2) {
                Term l = inTerm(e, c.args().get(0), out);
                Term r = inTerm(e, c.args().get(1), out);
                args = l == c.args().get(0) && r == c.args().get(1) ? null : List.of(l, r);
            } else {
                args = Terms.mapAll(c.args(), a -> one(e, a, out));
            }
            out.add(args == null ? e : e.withTerms(new Call(c.operator(), args, c.location())));
        } else if (t instanceof Term term) {
            Term nt = inTerm(e, term, out);
            out.add(nt == term ? e : e.withTerms(nt));
        } else if (t instanceof Every ev) {
            Term d = one(e, ev.domain(), out);
            Body b = body(ev.body());
            out.add(d == ev.domain() && b == ev.body() ? e
                    : e.withTerms(new Every(ev.key(), ev.value(), d, b, ev.location())));
        } else if (t instanceof LogicalExpr le) {
            List<Body> ops = new ArrayList<>(le.operands().size());
            boolean changed = false;
            for (Body ob : le.operands()) {
                Body nb = body(ob);
                changed |= nb != ob;
                ops.add(nb);
            }
            out.add(changed ? e.withTerms(new LogicalExpr(le.op(), ops, le.location())) : e);
        } else if (t instanceof Body nb) {
            Body b = body(nb);
            out.add(b == nb ? e : e.withTerms(b));
        } else {
            out.add(e);
        }
    }

    /** OPA's rewriteDynamicsInTerm: a ref keeps its place (its operands are rewritten), comprehensions their bodies. */
    private Term inTerm(Expr orig, Term t, List<Expr> out) {
        if (t instanceof Ref r) return refOperands(orig, r, out);
        Term c = comprehension(t);
        return c != null ? c : one(orig, t, out);
    }

    /** OPA's rewriteDynamicsOne: refs and comprehensions are bound to generated vars, collections are descended. */
    private Term one(Expr orig, Term t, List<Expr> out) {
        if (t instanceof Ref r) return bind(orig, refOperands(orig, r, out), out);
        Term c = comprehension(t);
        if (c != null) return bind(orig, c, out);
        Term collection = Terms.mapCollection(t, x -> one(orig, x, out));
        return collection != null ? collection : t;
    }

    private Ref refOperands(Expr orig, Ref r, List<Expr> out) {
        List<Term> ts = null;
        for (int i = 1; i < r.size(); i++) {
            Term x = r.get(i);
            Term nx = one(orig, x, out);
            if (nx != x) {
                if (ts == null) ts = new ArrayList<>(r.terms());
                ts.set(i, nx);
            }
        }
        return ts == null ? r : new Ref(ts, r.location());
    }

    /** A comprehension with its body rewritten, or null when {@code t} is none. */
    private Term comprehension(Term t) {
        if (t instanceof ArrayComprehension ac) {
            Body b = body(ac.body());
            return b == ac.body() ? ac : new ArrayComprehension(ac.term(), b, ac.location());
        }
        if (t instanceof SetComprehension sc) {
            Body b = body(sc.body());
            return b == sc.body() ? sc : new SetComprehension(sc.term(), b, sc.location());
        }
        if (t instanceof ObjectComprehension oc) {
            Body b = body(oc.body());
            return b == oc.body() ? oc : new ObjectComprehension(oc.key(), oc.value(), b, oc.location());
        }
        return null;
    }

    private Var bind(Expr orig, Term t, List<Expr> out) {
        Location l = t.location();
        Var v = new Var(gen.get(), l);
        out.add(new Expr(0, false, new Call(Ref.ofDotted("eq", l), List.of(v, t), l), orig.withs(), true, l));
        return v;
    }
}
