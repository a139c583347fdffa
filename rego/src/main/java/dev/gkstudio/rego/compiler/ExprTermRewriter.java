package dev.gkstudio.rego.compiler;

import dev.gkstudio.rego.ast.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * OPA's {@code RewriteExprTerms} and {@code RewriteComprehensionTerms} stages (v1/ast/compile.go: rewriteExprTermsInHead,
 * rewriteExprTermsInBody, expandExpr, expandExprTerm, expandExprRef, rewriteComprehensionTerms), applied to the
 * compiler's output after safety ordering.
 * <ul>
 * <li>Nested calls become call expressions with a generated output var placed before the expression using them:
 * {@code count(split(x, ",")) > 1} is {@code split(x, ",", __local1__); count(__local1__, __local2__);
 * gt(__local2__, 1)} (arguments first, depth first, left to right; {@code with} values first; the support
 * expressions carry the expression's {@code with} modifiers).</li>
 * <li>Rule head args, key and value: the support expressions are appended to the rule body.</li>
 * <li>Comprehension heads: appended to the comprehension body. Ref subjects that are collections, comprehensions or
 * calls are bound first ({@code __localN__ = [1, 2][i]}). The {@code every} domain is always bound to a generated
 * var.</li>
 * <li>Comprehension heads that need evaluation (refs, comprehensions) are bound in the comprehension body
 * ({@code [__localN__ | ...; __localN__ = x.y]}), in a second pass as OPA's later stage.</li>
 * </ul>
 * Generated vars are not in {@code rewrittenVars()}: traces print them as {@code __localN__} as OPA does.
 * {@code print(...)} calls keep their arguments (the evaluator prints undefined arguments as {@code <undefined>}).
 */
final class ExprTermRewriter {
    private final Supplier<String> gen;
    /**
     * Whether negated expressions keep their nested calls, so that an undefined operand makes the negation succeed
     * (not-body semantics, only for modules that {@code import future.keywords.not}). By default OPA hoists the calls
     * out of the negation: {@code not f(x) == 0} fails the body when {@code f(x)} is undefined.
     */
    boolean keepNegated;

    ExprTermRewriter(Supplier<String> gen) {
        this.gen = gen;
    }

    // ------------------------------------------------------------------ pass 1: expression terms

    Rule rule(Rule r) {
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

    Body body(Body b) {
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
    Term term(Term t, List<Expr> support) {
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

    private List<Term> terms(List<Term> in, List<Expr> support) {
        return Terms.mapAll(in, x -> term(x, support));
    }

    private static Body append(Body b, List<Expr> extra) {
        if (extra.isEmpty()) return b;
        List<Expr> l = new ArrayList<>(b.exprs());
        l.addAll(extra);
        return new Body(l, b.location());
    }

    // ------------------------------------------------------------------ pass 2: comprehension terms

    Rule comprehensionTerms(Rule r) {
        RuleHead h = r.head();
        List<Term> args = null;
        if (h.args() != null) {
            args = new ArrayList<>();
            for (Term a : h.args()) args.add(ct(a));
        }
        Term key = h.key() == null ? null : ct(h.key());
        Term value = h.value() == null ? null : ct(h.value());
        RuleHead nh = new RuleHead(h.ref(), h.name(), args, key, value, h.assign(), h.kind(), h.location());
        Body body = ctBody(r.body());
        Rule elseRule = r.elseRule() == null ? null : comprehensionTerms(r.elseRule());
        return new Rule(nh, body, r.isDefault(), elseRule, r.annotations(), r.location());
    }

    Body ctBody(Body b) {
        List<Expr> out = new ArrayList<>(b.exprs().size());
        for (Expr e : b.exprs()) {
            List<With> withs = e.withs();
            if (!withs.isEmpty()) {
                List<With> nw = new ArrayList<>();
                for (With w : withs) nw.add(new With(w.target(), ct(w.value()), w.location()));
                e = e.withWiths(nw);
            }
            ExprTerms t = e.terms();
            if (t instanceof Term term) e = e.withTerms(ct(term));
            else if (t instanceof Every ev) {
                e = e.withTerms(new Every(ev.key(), ev.value(), ct(ev.domain()), ctBody(ev.body()), ev.location()));
            } else if (t instanceof LogicalExpr le) {
                List<Body> ops = new ArrayList<>();
                for (Body ob : le.operands()) ops.add(ctBody(ob));
                e = e.withTerms(new LogicalExpr(le.op(), ops, le.location()));
            } else if (t instanceof Body nb) e = e.withTerms(ctBody(nb));
            out.add(e);
        }
        return new Body(out, b.location());
    }

    private static boolean requiresEval(Term t) {
        if (t instanceof TemplateString) return false;
        boolean[] found = {false};
        RegoCompiler.walkTerms(t, x -> {
            if (x instanceof Ref || x instanceof ArrayComprehension || x instanceof SetComprehension
                    || x instanceof ObjectComprehension) found[0] = true;
            return !found[0];
        }, false);
        return found[0];
    }

    private Expr bind(Term t, Var v) {
        Location l = t.location();
        return new Expr(0, false, new Call(Ref.ofDotted("eq", l), List.of(v, t), l), List.of(), true, l);
    }

    /** Pre-order: a comprehension is rewritten before its head and body are visited. */
    private Term ct(Term t) {
        if (t instanceof ArrayComprehension ac) {
            Term head = ac.term();
            Body b = ac.body();
            if (requiresEval(head)) {
                Var v = genVar(head.location());
                b = append(b, List.of(bind(head, v)));
                head = v;
            }
            return new ArrayComprehension(ct(head), reindex(ctBody(b)), ac.location());
        }
        if (t instanceof SetComprehension sc) {
            Term head = sc.term();
            Body b = sc.body();
            if (requiresEval(head)) {
                Var v = genVar(head.location());
                b = append(b, List.of(bind(head, v)));
                head = v;
            }
            return new SetComprehension(ct(head), reindex(ctBody(b)), sc.location());
        }
        if (t instanceof ObjectComprehension oc) {
            Term k = oc.key(), val = oc.value();
            Body b = oc.body();
            if (requiresEval(k)) {
                Var v = genVar(k.location());
                b = append(b, List.of(bind(k, v)));
                k = v;
            }
            if (requiresEval(val)) {
                Var v = genVar(val.location());
                b = append(b, List.of(bind(val, v)));
                val = v;
            }
            return new ObjectComprehension(ct(k), ct(val), reindex(ctBody(b)), oc.location());
        }
        if (t instanceof Ref r) {
            List<Term> ts = terms2(r.terms());
            return ts == null ? r : new Ref(ts, r.location());
        }
        if (t instanceof Call c) {
            List<Term> ts = terms2(c.args());
            return ts == null ? c : new Call(c.operator(), ts, c.location());
        }
        Term collection = Terms.mapCollection(t, this::ct);
        return collection != null ? collection : t;
    }

    private List<Term> terms2(List<Term> in) {
        return Terms.mapAll(in, this::ct);
    }

    private static Body reindex(Body b) {
        List<Expr> l = new ArrayList<>(b.exprs());
        for (int i = 0; i < l.size(); i++) if (l.get(i).index() != i) l.set(i, l.get(i).withIndex(i));
        return new Body(l, b.location());
    }
}
