package dev.gkstudio.rego.compiler.stages;

import dev.gkstudio.rego.ast.*;
import dev.gkstudio.rego.compiler.Terms;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * OPA's {@code RewriteComprehensionTerms} stage (v1/ast/compile.go rewriteComprehensionTerms): a comprehension head
 * that needs evaluation (refs, comprehensions) is bound in the comprehension body ({@code [__localN__ | ...;
 * __localN__ = x.y]}), pre-order, after {@link RewriteExprTerms}.
 */
public final class RewriteComprehensionTerms {
    private final Supplier<String> gen;

    public RewriteComprehensionTerms(Supplier<String> gen) {
        this.gen = gen;
    }

    public Rule rule(Rule r) {
        RuleHead h = r.head();
        List<Term> args = null;
        if (h.args() != null) {
            args = new ArrayList<>();
            for (Term a : h.args()) args.add(ct(a));
        }
        Term key = h.key() == null ? null : ct(h.key());
        Term value = h.value() == null ? null : ct(h.value());
        RuleHead nh = new RuleHead(h.ref(), h.name(), args, key, value, h.assign(), h.kind(), h.location());
        Body body = body(r.body());
        Rule elseRule = r.elseRule() == null ? null : rule(r.elseRule());
        return new Rule(nh, body, r.isDefault(), elseRule, r.annotations(), r.location());
    }

    public Body body(Body b) {
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
                e = e.withTerms(new Every(ev.key(), ev.value(), ct(ev.domain()), body(ev.body()), ev.location()));
            } else if (t instanceof LogicalExpr le) {
                List<Body> ops = new ArrayList<>();
                for (Body ob : le.operands()) ops.add(body(ob));
                e = e.withTerms(new LogicalExpr(le.op(), ops, le.location()));
            } else if (t instanceof Body nb) e = e.withTerms(body(nb));
            out.add(e);
        }
        return new Body(out, b.location());
    }

    private static boolean requiresEval(Term t) {
        return !(t instanceof TemplateString) && containsEval(t);
    }

    /** Whether a ref or a comprehension occurs in the term (not inside comprehensions, nor call operators). */
    private static boolean containsEval(Term t) {
        if (t instanceof Ref || t instanceof ArrayComprehension || t instanceof SetComprehension
                || t instanceof ObjectComprehension) return true;
        if (t instanceof Call c) return c.args().stream().anyMatch(RewriteComprehensionTerms::containsEval);
        if (t instanceof ArrayTerm a) return a.elements().stream().anyMatch(RewriteComprehensionTerms::containsEval);
        if (t instanceof SetTerm st) return st.elements().stream().anyMatch(RewriteComprehensionTerms::containsEval);
        if (t instanceof ObjectTerm o) {
            for (var en : o.entries()) if (containsEval(en.getKey()) || containsEval(en.getValue())) return true;
            return false;
        }
        if (t instanceof TemplateString ts) {
            for (TemplateString.Part p : ts.parts()) if (!p.isLiteral() && containsEval(p.expr())) return true;
        }
        return false;
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
            return new ArrayComprehension(ct(head), reindex(body(b)), ac.location());
        }
        if (t instanceof SetComprehension sc) {
            Term head = sc.term();
            Body b = sc.body();
            if (requiresEval(head)) {
                Var v = genVar(head.location());
                b = append(b, List.of(bind(head, v)));
                head = v;
            }
            return new SetComprehension(ct(head), reindex(body(b)), sc.location());
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
            return new ObjectComprehension(ct(k), ct(val), reindex(body(b)), oc.location());
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

    private Var genVar(Location loc) {
        return new Var(gen.get(), loc);
    }

    private static Body append(Body b, List<Expr> extra) {
        if (extra.isEmpty()) return b;
        List<Expr> l = new ArrayList<>(b.exprs());
        l.addAll(extra);
        return new Body(l, b.location());
    }
}
