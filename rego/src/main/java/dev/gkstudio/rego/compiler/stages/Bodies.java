package dev.gkstudio.rego.compiler.stages;

import dev.gkstudio.rego.ast.*;
import dev.gkstudio.rego.compiler.Terms;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Applies a body rewrite to every body of a rule: the rule's own (and its {@code else} chain's), and the bodies nested
 * anywhere in it (comprehensions in the head or the body, {@code every}, {@code not { ... }} and {@code and}/{@code or}
 * operands), innermost first. Unchanged subtrees are kept as the same instances.
 */
final class Bodies {
    private final UnaryOperator<Body> f;

    private Bodies(UnaryOperator<Body> f) {
        this.f = f;
    }

    static Rule mapRule(Rule r, UnaryOperator<Body> f) {
        return new Bodies(f).rule(r);
    }

    private Rule rule(Rule r) {
        RuleHead h = r.head();
        Term value = h.value() == null ? null : term(h.value());
        Term key = h.key() == null ? null : term(h.key());
        Body body = body(r.body());
        Rule elseRule = r.elseRule() == null ? null : rule(r.elseRule());
        if (value == h.value() && key == h.key() && body == r.body() && elseRule == r.elseRule()) return r;
        RuleHead nh = new RuleHead(h.ref(), h.name(), h.args(), key, value, h.assign(), h.kind(), h.location());
        return new Rule(nh, body, r.isDefault(), elseRule, r.annotations(), r.location());
    }

    private Body body(Body b) {
        List<Expr> out = new ArrayList<>(b.exprs().size());
        boolean changed = false;
        for (Expr e : b.exprs()) {
            Expr ne = expr(e);
            changed |= ne != e;
            out.add(ne);
        }
        Body nb = changed ? new Body(out, b.location()) : b;
        return f.apply(nb);
    }

    private Expr expr(Expr e) {
        ExprTerms t = e.terms();
        ExprTerms nt = t;
        if (t instanceof Term term) nt = term(term);
        else if (t instanceof Every ev) {
            Term d = term(ev.domain());
            Body b = body(ev.body());
            if (d != ev.domain() || b != ev.body()) nt = new Every(ev.key(), ev.value(), d, b, ev.location());
        } else if (t instanceof LogicalExpr le) {
            List<Body> ops = new ArrayList<>(le.operands().size());
            boolean changed = false;
            for (Body ob : le.operands()) {
                Body nb = body(ob);
                changed |= nb != ob;
                ops.add(nb);
            }
            if (changed) nt = new LogicalExpr(le.op(), ops, le.location());
        } else if (t instanceof Body nb) nt = body(nb);
        List<With> withs = e.withs();
        List<With> nw = withs;
        for (int i = 0; i < withs.size(); i++) {
            With w = withs.get(i);
            Term v = term(w.value());
            if (v != w.value()) {
                if (nw == withs) nw = new ArrayList<>(withs);
                nw.set(i, new With(w.target(), v, w.location()));
            }
        }
        Expr out = nt == t ? e : e.withTerms(nt);
        return nw == withs ? out : out.withWiths(nw);
    }

    private Term term(Term t) {
        if (t instanceof ArrayComprehension ac) {
            Term h = term(ac.term());
            Body b = body(ac.body());
            return h == ac.term() && b == ac.body() ? ac : new ArrayComprehension(h, b, ac.location());
        }
        if (t instanceof SetComprehension sc) {
            Term h = term(sc.term());
            Body b = body(sc.body());
            return h == sc.term() && b == sc.body() ? sc : new SetComprehension(h, b, sc.location());
        }
        if (t instanceof ObjectComprehension oc) {
            Term k = term(oc.key());
            Term v = term(oc.value());
            Body b = body(oc.body());
            return k == oc.key() && v == oc.value() && b == oc.body() ? oc : new ObjectComprehension(k, v, b, oc.location());
        }
        if (t instanceof Ref r) {
            List<Term> ts = Terms.mapAll(r.terms(), this::term);
            return ts == null ? r : new Ref(ts, r.location());
        }
        if (t instanceof Call c) {
            List<Term> ts = Terms.mapAll(c.args(), this::term);
            return ts == null ? c : new Call(c.operator(), ts, c.location());
        }
        Term collection = Terms.mapCollection(t, this::term);
        return collection != null ? collection : t;
    }
}
