package dev.gkstudio.rego.compiler.stages;

import dev.gkstudio.rego.ast.*;
import dev.gkstudio.rego.compiler.Terms;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * OPA's {@code RewriteExprTerms} stage (v1/ast/compile.go: rewriteExprTermsInHead, rewriteExprTermsInBody,
 * expandExpr, expandExprTerm, expandExprRef), applied after safety ordering.
 * <ul>
 * <li>Nested calls become call expressions with a generated output var placed before the expression using them:
 * {@code count(split(x, ",")) > 1} is {@code split(x, ",", __local1__); count(__local1__, __local2__);
 * gt(__local2__, 1)} (arguments first, depth first, left to right; {@code with} values first; the support
 * expressions carry the expression's {@code with} modifiers).</li>
 * <li>Rule head args, key and value: the support expressions are appended to the rule body.</li>
 * <li>Comprehension heads: appended to the comprehension body. Ref subjects that are collections, comprehensions or
 * calls are bound first ({@code __localN__ = [1, 2][i]}). The {@code every} domain is always bound to a generated
 * var.</li>
 * </ul>
 * Generated vars are not in {@code rewrittenVars()}: traces print them as {@code __localN__} as OPA does.
 * {@code print(...)} calls keep their arguments (the evaluator prints undefined arguments as {@code <undefined>}).
 */
public final class RewriteExprTerms {
    private final Supplier<String> gen;
    /**
     * Whether negated expressions keep their nested calls, so that an undefined operand makes the negation succeed
     * (not-body semantics, only for modules that {@code import future.keywords.not}). By default OPA hoists the calls
     * out of the negation: {@code not f(x) == 0} fails the body when {@code f(x)} is undefined.
     */
    private final boolean keepNegated;

    public RewriteExprTerms(Supplier<String> gen, boolean keepNegated) {
        this.gen = gen;
        this.keepNegated = keepNegated;
    }

    public Rule rule(Rule r) {
        if (r.isDefault()) return r;
        RuleHead h = r.head();
        List<Expr> support = new ArrayList<>();
        List<Term> args = null;
        if (h.args() != null) {
            args = new ArrayList<>();
            for (Term a : h.args()) args.add(term(a, support));
        }
        Term key = h.key();
        if (key != null && h.kind() == RuleKind.PARTIAL_SET) key = term(key, support);
        Term value = h.value() == null ? null : term(h.value(), support);
        Body body = r.body();
        if (!support.isEmpty()) {
            List<Expr> l = new ArrayList<>(body.exprs());
            l.addAll(support);
            body = new Body(l, body.location());
        }
        body = body(body);
        Rule elseRule = r.elseRule() == null ? null : rule(r.elseRule());
        RuleHead nh = support.isEmpty() ? h : new RuleHead(h.ref(), h.name(), args, key, value, h.assign(), h.kind(), h.location());
        return new Rule(nh, body, r.isDefault(), elseRule, r.annotations(), r.location());
    }

    public Body body(Body b) {
        List<Expr> out = new ArrayList<>(b.exprs().size());
        for (Expr e : b.exprs()) expr(e, out);
        for (int i = 0; i < out.size(); i++) if (out.get(i).index() != i) out.set(i, out.get(i).withIndex(i));
        return new Body(out, b.location());
    }

    private static boolean isPrint(Call c) {
        String n = c.name();
        return n.equals("print") || n.equals("internal.print");
    }

    private void expr(Expr e, List<Expr> out) {
        List<With> withs = e.withs();
        if (!withs.isEmpty()) {
            List<With> nw = new ArrayList<>(withs.size());
            for (With w : withs) nw.add(new With(w.target(), term(w.value(), out), w.location()));
            withs = nw;
            e = e.withWiths(withs);
        }
        ExprTerms t = e.terms();
        if (keepNegated && e.negated() && t instanceof Term) {
            out.add(e);
            return;
        }
        if (t instanceof Call c) {
            if (isPrint(c)) {
                out.add(e);
                return;
            }
            List<Term> args = new ArrayList<>(c.args().size());
            for (Term a : c.args()) {
                int from = out.size();
                args.add(term(a, out));
                withWiths(out, from, withs);
            }
            out.add(e.withTerms(new Call(c.operator(), args, c.location())));
        } else if (t instanceof Term term) {
            int from = out.size();
            Term nt = term(term, out);
            withWiths(out, from, withs);
            out.add(e.withTerms(nt));
        } else if (t instanceof Every ev) {
            Location dl = ev.domain().location();
            Var dv = new Var(gen.get(), dl);
            Expr eq = new Expr(0, false, new Call(Ref.ofDotted("eq", dl), List.of(dv, ev.domain()), dl), withs, true, dl);
            expr(eq, out);
            out.add(e.withTerms(new Every(ev.key(), ev.value(), dv, body(ev.body()), ev.location())));
        } else if (t instanceof LogicalExpr le) {
            List<Body> ops = new ArrayList<>();
            for (Body ob : le.operands()) ops.add(body(ob));
            out.add(e.withTerms(new LogicalExpr(le.op(), ops, le.location())));
        } else if (t instanceof Body nb) {
            out.add(e.withTerms(body(nb)));
        } else {
            out.add(e);
        }
    }

    private static void withWiths(List<Expr> out, int from, List<With> withs) {
        if (withs.isEmpty()) return;
        for (int i = from; i < out.size(); i++) out.set(i, out.get(i).withWiths(withs));
    }

    private Var genVar(Location loc) {
        return new Var(gen.get(), loc);
    }

    /** expandExprTerm: returns the output term, appending support expressions. */
    private Term term(Term t, List<Expr> support) {
        if (t instanceof Call c) {
            List<Term> args = new ArrayList<>(c.args().size());
            for (Term a : c.args()) args.add(term(a, support));
            Var out = genVar(c.location());
            support.add(new Expr(0, false, new Call(c.operator(), args, c.location()).withArg(out), List.of(), true, c.location()));
            return out;
        }
        if (t instanceof Ref r) {
            List<Term> ts = new ArrayList<>(r.size());
            boolean changed = false;
            for (Term x : r.terms()) {
                Term nx = term(x, support);
                changed |= nx != x;
                ts.add(nx);
            }
            Term subject = ts.get(0);
            if (subject instanceof ArrayTerm || subject instanceof ObjectTerm || subject instanceof SetTerm
                    || subject instanceof ArrayComprehension || subject instanceof SetComprehension
                    || subject instanceof ObjectComprehension || subject instanceof Call) {
                Var v = genVar(subject.location());
                support.add(new Expr(0, false, new Call(Ref.ofDotted("eq", subject.location()), List.of(v, subject),
                        subject.location()), List.of(), true, subject.location()));
                ts.set(0, v);
                changed = true;
            }
            return changed ? new Ref(ts, r.location()) : r;
        }
        Term collection = Terms.mapCollection(t, x -> term(x, support));
        if (collection != null) return collection;
        if (t instanceof ArrayComprehension ac) {
            List<Expr> s = new ArrayList<>();
            Term head = term(ac.term(), s);
            return new ArrayComprehension(head, body(append(ac.body(), s)), ac.location());
        }
        if (t instanceof SetComprehension sc) {
            List<Expr> s = new ArrayList<>();
            Term head = term(sc.term(), s);
            return new SetComprehension(head, body(append(sc.body(), s)), sc.location());
        }
        if (t instanceof ObjectComprehension oc) {
            List<Expr> s = new ArrayList<>();
            Term k = term(oc.key(), s);
            Term v = term(oc.value(), s);
            return new ObjectComprehension(k, v, body(append(oc.body(), s)), oc.location());
        }
        return t;
    }

    private static Body append(Body b, List<Expr> extra) {
        if (extra.isEmpty()) return b;
        List<Expr> l = new ArrayList<>(b.exprs());
        l.addAll(extra);
        return new Body(l, b.location());
    }
}
