package dev.gkstudio.rego.eval;

import dev.gkstudio.rego.ast.*;
import dev.gkstudio.rego.ast.Module;
import dev.gkstudio.rego.builtins.BuiltinRegistry;
import dev.gkstudio.rego.eval.Ir.*;
import static dev.gkstudio.rego.eval.Ir.*;
import dev.gkstudio.rego.value.*;

import java.util.*;
import java.util.regex.Pattern;

/**
 * Turns AST rules and queries into the evaluator's {@link Ir}: resolves references to rules, imports,
 * {@code data} and {@code input}; gives every local variable a frame slot (with OPA's scoping of {@code :=},
 * {@code some}, comprehensions and {@code every}); orders body expressions for safety (as OPA's compiler does).
 * Works on raw parser output as well as on compiled modules.
 */
final class Planner {
    private static final Pattern WILDCARD = Pattern.compile("\\$\\d+");

    private final Program prog;
    private final Map<String, Ref> globals;
    private final List<String> slotNames = new ArrayList<>();
    private final List<Boolean> slotGen = new ArrayList<>();

    /** METADATA context of the rule being planned (rego.metadata.chain/rule); null for queries. */
    Metadata meta;
    Module module;
    private Rule curRule;
    private boolean curElse;

    Planner(Program prog, Map<String, Ref> globals) {
        this.prog = prog;
        this.globals = globals;
    }

    static final class Scope {
        final Scope parent;
        final Map<String, Integer> vars = new HashMap<>();
        /** Expression index of {@code :=} declarations: nested scopes see them only after that expression. */
        final Map<String, Integer> declAt = new HashMap<>();
        int cur = Integer.MAX_VALUE;
        Scope(Scope parent) { this.parent = parent; }
        Integer lookup(String n) {
            for (Scope s = this; s != null; s = s.parent) {
                Integer i = s.vars.get(n);
                if (i != null) {
                    if (s != this) {
                        Integer at = s.declAt.get(n);
                        if (at != null && at > s.cur) continue;
                    }
                    return i;
                }
            }
            return null;
        }
    }

    int nslots() { return slotNames.size(); }
    String[] slotNames() { return slotNames.toArray(new String[0]); }
    boolean[] slotGenerated() {
        boolean[] b = new boolean[slotGen.size()];
        for (int i = 0; i < b.length; i++) b[i] = slotGen.get(i);
        return b;
    }

    private int declare(Scope s, String name) {
        int slot = slotNames.size();
        slotNames.add(name);
        slotGen.add(name.startsWith("$") || name.equals("_"));
        s.vars.put(name, slot);
        return slot;
    }

    static String traceText(Object node) {
        if (node instanceof Expr e && e.terms() instanceof Call c && c.name().equals("assign") && c.args().size() == 2) {
            node = e.withTerms(new Call(Ref.of(c.operator().location(), "eq"), c.args(), c.location()));
        }
        return WILDCARD.matcher(String.valueOf(node)).replaceAll("_");
    }

    // ---------------------------------------------------------------- rules

    CRule planRule(Rule r, String path, int groundLen) {
        if (curRule == null) curRule = r;
        r = rewriteTemplateArgs(r);
        Scope top = new Scope(null);
        CRule c = new CRule();
        c.ast = r;
        c.path = path;
        c.loc = r.location();
        c.isDefault = r.isDefault();
        RuleHead h = r.head();
        List<Integer> argSlots = new ArrayList<>();
        if (h.args() != null) {
            for (Term a : h.args()) {
                for (String v : varsOf(a, new LinkedHashSet<>())) {
                    if (top.lookup(v) == null) argSlots.add(declare(top, v));
                }
            }
        }
        c.body = planBody(r.body(), top, false);
        if (h.args() != null) {
            c.args = new T[h.args().size()];
            for (int i = 0; i < c.args.length; i++) c.args[i] = term(h.args().get(i), top);
        }
        List<Term> refTerms = h.ref().terms();
        List<T> suffix = new ArrayList<>();
        for (int i = groundLen; i < refTerms.size(); i++) suffix.add(term(refTerms.get(i), top));
        c.set = h.kind() == RuleKind.PARTIAL_SET;
        if (c.set) {
            c.key = h.key() != null ? term(h.key(), top) : new Const(BooleanValue.TRUE, h.location());
        } else if (h.kind() == RuleKind.PARTIAL_OBJECT && h.key() != null && !refTerms.contains(h.key())) {
            suffix.add(term(h.key(), top));
        }
        c.suffix = suffix.toArray(new T[0]);
        if (!c.set) {
            c.value = h.value() != null ? term(h.value(), top) : new Const(BooleanValue.TRUE, h.location());
            c.constValue = c.value instanceof Const;
        }
        reorderAll(c.body, argSlots);
        if (r.elseRule() != null) {
            Planner p = new Planner(prog, globals);
            p.meta = meta;
            p.module = module;
            p.curRule = r.elseRule();
            p.curElse = true;
            c.elseRule = p.planRule(r.elseRule(), path, groundLen);
            c.elseRule.isDefault = false;
        }
        c.nslots = nslots();
        c.slotNames = slotNames();
        c.slotGenerated = slotGenerated();
        return c;
    }

    /**
     * As OPA's compiler: a function argument holding a template string is replaced by a generated var that is
     * unified with the template string in the body (so the template's vars may be bound by the body).
     */
    private static Rule rewriteTemplateArgs(Rule r) {
        List<Term> args = r.head().args();
        if (args == null) return r;
        List<Term> na = null;
        List<Expr> extra = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            Term a = args.get(i);
            if (!hasTemplate(a)) continue;
            if (na == null) na = new ArrayList<>(args);
            Var v = new Var("__tmplarg" + i + "__", a.location());
            na.set(i, v);
            extra.add(Expr.of(new Call(Ref.of(a.location(), "eq"), List.of(v, a), a.location()), a.location())
                    .withGenerated(true));
        }
        if (na == null) return r;
        List<Expr> body = new ArrayList<>(r.body().exprs());
        for (Expr e : extra) body.add(e.withIndex(body.size()));
        return r.withHead(r.head().withArgs(na)).withBody(new Body(body, r.body().location()));
    }

    private static boolean hasTemplate(Term t) {
        if (t instanceof TemplateString) return true;
        if (t instanceof ArrayTerm a) { for (Term x : a.elements()) if (hasTemplate(x)) return true; }
        else if (t instanceof SetTerm a) { for (Term x : a.elements()) if (hasTemplate(x)) return true; }
        else if (t instanceof ObjectTerm o) { for (var en : o.entries()) if (hasTemplate(en.getKey()) || hasTemplate(en.getValue())) return true; }
        else if (t instanceof Call c) { for (Term x : c.args()) if (hasTemplate(x)) return true; }
        else if (t instanceof Ref rf) { for (Term x : rf.terms()) if (hasTemplate(x)) return true; }
        return false;
    }

    Query planQuery(Body b) {
        Scope top = new Scope(null);
        Query q = planBody(b, top, true);
        reorderAll(q, List.of());
        return q;
    }

    // ---------------------------------------------------------------- bodies

    private Query planBody(Body b, Scope parent, boolean newScope) {
        Scope s = newScope ? new Scope(parent) : parent;
        int start = slotNames.size();
        // pass 1: declarations
        for (int i = 0; i < b.size(); i++) declareIn(b.get(i), s, i);
        // pass 2: other vars at this level
        for (Expr e : b.exprs()) allocVars(e, s);
        // pass 3: convert
        Query q = new Query();
        q.ast = b;
        q.loc = b.location();
        q.exprs = new X[b.size()];
        int savedCur = s.cur;
        for (int i = 0; i < b.size(); i++) {
            s.cur = i;
            q.exprs[i] = expr(b.get(i), s);
        }
        s.cur = savedCur;
        int end = slotNames.size();
        q.locals = new int[]{start, end};
        return q;
    }

    private void declareIn(Expr e, Scope s, int index) {
        ExprTerms t = e.terms();
        if (t instanceof SomeDecl sd) {
            if (sd.isIn()) {
                Call c = (Call) sd.symbols().get(0);
                for (int i = 0; i < c.args().size() - 1; i++) {
                    for (String v : varsOf(c.args().get(i), new LinkedHashSet<>())) declare(s, v);
                }
            } else {
                for (Term sym : sd.symbols()) {
                    if (sym instanceof Var v) declare(s, v.name());
                    else for (String v : varsOf(sym, new LinkedHashSet<>())) declare(s, v);
                }
            }
        } else if (t instanceof Call c && c.name().equals("assign") && c.args().size() == 2) {
            for (String v : patternVars(c.args().get(0), new LinkedHashSet<>())) {
                if (!s.vars.containsKey(v)) {
                    declare(s, v);
                    s.declAt.put(v, index);
                }
            }
        }
    }

    private boolean isGlobal(String n) {
        return n.equals("data") || n.equals("input") || globals.containsKey(n);
    }

    private void allocVars(Expr e, Scope s) {
        Set<String> vs = new LinkedHashSet<>();
        ExprTerms t = e.terms();
        if (t instanceof Term term) levelVars(term, vs);
        else if (t instanceof Every ev) levelVars(ev.domain(), vs);
        else if (t instanceof SomeDecl sd && sd.isIn()) {
            levelVars(sd.symbols().get(0), vs);
        }
        for (With w : e.withs()) {
            Term wv = w.value();
            if ((wv instanceof Ref || wv instanceof Var) && prog.isBuiltin(wv.toString())) continue;
            levelVars(wv, vs);
        }
        for (String v : vs) {
            if (s.lookup(v) == null && !isGlobal(v)) declare(s, v);
        }
    }

    /** Vars of a term at this body level (not inside comprehension bodies), excluding call operators. */
    private static void levelVars(Term t, Set<String> out) {
        if (t instanceof Var v) {
            out.add(v.name());
        } else if (t instanceof Ref r) {
            Term h = r.terms().get(0);
            if (h instanceof Var v) out.add(v.name());
            else levelVars(h, out);
            for (int i = 1; i < r.size(); i++) levelVars(r.get(i), out);
        } else if (t instanceof ArrayTerm a) {
            for (Term x : a.elements()) levelVars(x, out);
        } else if (t instanceof SetTerm a) {
            for (Term x : a.elements()) levelVars(x, out);
        } else if (t instanceof ObjectTerm o) {
            for (var en : o.entries()) { levelVars(en.getKey(), out); levelVars(en.getValue(), out); }
        } else if (t instanceof Call c) {
            for (Term x : c.args()) levelVars(x, out);
        } else if (t instanceof TemplateString ts) {
            for (TemplateString.Part p : ts.parts()) if (!p.isLiteral()) levelVars(p.expr(), out);
        }
    }

    /** All vars of a term, including comprehension bodies (used for function args and some decls). */
    static Set<String> varsOf(Term t, Set<String> out) {
        levelVars(t, out);
        return out;
    }

    /** Vars in pattern positions (bare vars, array/object elements). */
    private static Set<String> patternVars(Term t, Set<String> out) {
        if (t instanceof Var v) out.add(v.name());
        else if (t instanceof ArrayTerm a) for (Term x : a.elements()) patternVars(x, out);
        else if (t instanceof ObjectTerm o) for (var en : o.entries()) patternVars(en.getValue(), out);
        return out;
    }

    // ---------------------------------------------------------------- expressions

    private X expr(Expr e, Scope s) {
        X x = new X();
        x.ast = e;
        x.loc = e.location();
        x.negated = e.negated();
        x.text = traceText(e);
        ExprTerms t = e.terms();
        if (t instanceof Call c && (c.name().equals("eq") || c.name().equals("assign")) && c.args().size() == 2) {
            x.kind = X_UNIFY;
            x.assign = c.name().equals("assign");
            x.a = term(c.args().get(0), s);
            x.b = term(c.args().get(1), s);
        } else if (t instanceof Call c) {
            x.kind = X_CALL;
            Fn fn = fn(c.operator(), s);
            int n = c.args().size();
            int arity = fn.arity;
            List<Term> args = c.args();
            if (arity >= 0 && n == arity + 1 && fn.kind != FN_PRINT) {
                x.out = term(args.get(n - 1), s);
                args = args.subList(0, n - 1);
            }
            x.call = new CallT(fn, terms(args, s), c.location());
        } else if (t instanceof Term term) {
            x.kind = X_TERM;
            x.a = term(term, s);
        } else if (t instanceof SomeDecl sd) {
            if (sd.isIn()) {
                Call c = (Call) sd.symbols().get(0);
                x.kind = X_CALL;
                x.call = new CallT(fn(c.operator(), s), terms(c.args(), s), c.location());
            } else {
                x.kind = X_SOME;
            }
        } else if (t instanceof Every ev) {
            x.kind = X_EVERY;
            x.domain = term(ev.domain(), s);
            Scope es = new Scope(s);
            if (ev.key() != null) x.everyKey = new LVar(declareVar(es, ev.key()), name(ev.key()), false, ev.key().location());
            x.everyVal = patternDeclare(ev.value(), es);
            x.body = planBody(ev.body(), es, true);
        } else if (t instanceof LogicalExpr le) {
            x.kind = X_LOGIC;
            x.and = le.op() == LogicalExpr.Op.AND;
            x.operands = new Query[le.operands().size()];
            for (int i = 0; i < x.operands.length; i++) {
                x.operands[i] = planBody(le.operands().get(i), s, true);
            }
        } else if (t instanceof Body b) {
            x.kind = X_NOTBODY;
            x.body = planBody(b, s, true);
        }
        x.text = irText(x);
        if (!e.withs().isEmpty()) {
            x.withs = new W[e.withs().size()];
            for (int i = 0; i < x.withs.length; i++) x.withs[i] = with(e.withs().get(i), s);
        }
        return x;
    }

    /** Trace text of an expression in OPA's form: refs resolved ({@code data.test.q[x]}), author var names. */
    private static String irText(X x) {
        String body;
        switch (x.kind) {
            case X_UNIFY -> body = irText(x.a) + " = " + irText(x.b);
            case X_CALL -> {
                if (x.call.fn.kind == FN_MEMBER2 || x.call.fn.kind == FN_MEMBER3) return traceText(x.ast);
                StringBuilder sb = new StringBuilder(x.call.fn.name).append('(');
                for (int i = 0; i < x.call.args.length; i++) {
                    if (i > 0) sb.append(", ");
                    sb.append(irText(x.call.args[i]));
                }
                if (x.out != null) sb.append(x.call.args.length > 0 ? ", " : "").append(irText(x.out));
                body = sb.append(')').toString();
            }
            case X_TERM -> body = irText(x.a);
            default -> { return traceText(x.ast); }
        }
        StringBuilder sb = new StringBuilder();
        if (x.negated) sb.append("not ");
        sb.append(body);
        for (With w : x.ast.withs()) sb.append(' ').append(traceText(w));
        return sb.toString();
    }

    static String irText(T t) {
        if (t instanceof Const c) return c.v.toString();
        if (t instanceof LVar v) return v.wildcard ? "_" : v.name;
        if (t instanceof RefT r) {
            StringBuilder sb = new StringBuilder();
            switch (r.headKind) {
                case HEAD_DATA -> sb.append("data");
                case HEAD_INPUT -> sb.append("input");
                default -> sb.append(irText(r.head));
            }
            for (T op : r.ops) {
                if (op instanceof Const c && c.v instanceof StringValue sv && Printer.isIdentifier(sv.value())) {
                    sb.append('.').append(sv.value());
                } else {
                    sb.append('[').append(irText(op)).append(']');
                }
            }
            return sb.toString();
        }
        if (t instanceof Arr a) return join("[", a.elems, "]");
        if (t instanceof SetT a) return join("{", a.elems, "}");
        if (t instanceof Obj o) {
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < o.keys.length; i++) {
                if (i > 0) sb.append(", ");
                sb.append(irText(o.keys[i])).append(": ").append(irText(o.vals[i]));
            }
            return sb.append('}').toString();
        }
        if (t instanceof CallT c) return join(c.fn.name + "(", c.args, ")");
        if (t instanceof Compr c) {
            String b = traceText(c.body.ast);
            return switch (c.kind) {
                case COMP_ARRAY -> "[" + irText(c.value) + " | " + b + "]";
                case COMP_SET -> "{" + irText(c.value) + " | " + b + "}";
                default -> "{" + irText(c.key) + ": " + irText(c.value) + " | " + b + "}";
            };
        }
        return "$\"...\"";
    }

    private static String join(String open, T[] ts, String close) {
        StringBuilder sb = new StringBuilder(open);
        for (int i = 0; i < ts.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(irText(ts[i]));
        }
        return sb.append(close).toString();
    }

    private T patternDeclare(Term t, Scope es) {
        for (String v : patternVars(t, new LinkedHashSet<>())) declare(es, v);
        return term(t, es);
    }

    private static String name(Term t) {
        return t instanceof Var v ? v.name() : t.toString();
    }

    private int declareVar(Scope s, Term t) {
        return declare(s, name(t));
    }

    private W with(With w, Scope s) {
        W out = new W();
        out.loc = w.location();
        Term target = w.target();
        Ref ref = target instanceof Ref r ? r : target instanceof Var v ? new Ref(List.of(v), v.location()) : null;
        if (ref == null) throw new IllegalStateException("invalid with target " + target);
        ref = absolute(ref, s);
        String head = ref.hasVarHead() ? ref.head().name() : "";
        if (head.equals("input") || head.equals("data")) {
            Value[] path = new Value[ref.size() - 1];
            for (int i = 1; i < ref.size(); i++) path[i - 1] = constValue(ref.get(i));
            String p = ref.toString();
            RuleNode node = head.equals("data") ? prog.node(path) : null;
            if (node != null && node.isFunction()) {
                out.kind = W_FUNC;
                out.fnName = p;
            } else {
                out.kind = head.equals("input") ? W_INPUT : W_DATA;
                out.path = path;
            }
        } else {
            out.kind = W_FUNC;
            out.fnName = ref.toString();
        }
        Term v = w.value();
        Fn fnv = null;
        if (v instanceof Ref || v instanceof Var) {
            Ref vr = v instanceof Ref r ? r : new Ref(List.of(v), v.location());
            boolean local = vr.hasVarHead() && s.lookup(vr.head().name()) != null;
            if (!local && vr.hasVarHead()) {
                Ref abs = absolute(vr, s);
                String name = abs.toString();
                if (abs.head().name().equals("data")) {
                    Value[] path = new Value[abs.size() - 1];
                    boolean ok = true;
                    for (int i = 1; i < abs.size(); i++) {
                        if (!abs.get(i).isGround()) { ok = false; break; }
                        path[i - 1] = constValue(abs.get(i));
                    }
                    RuleNode node = ok ? prog.node(path) : null;
                    if (node != null && node.isFunction()) fnv = userFn(name, node);
                } else if (!abs.head().name().equals("input") && prog.isBuiltin(name)) {
                    fnv = builtinFn(name);
                }
            }
        }
        if (fnv != null && out.kind == W_FUNC) out.fnValue = fnv;
        else out.value = term(v, s);
        return out;
    }

    private static Value constValue(Term t) {
        if (t instanceof Scalar sc) return scalar(sc);
        if (t instanceof Var v) return StringValue.of(v.name());
        return StringValue.of(t.toString());
    }

    // ---------------------------------------------------------------- terms

    private T[] terms(List<Term> ts, Scope s) {
        T[] out = new T[ts.size()];
        for (int i = 0; i < out.length; i++) out[i] = term(ts.get(i), s);
        return out;
    }

    static Value scalar(Scalar sc) {
        return switch (sc.kind()) {
            case NULL -> NullValue.INSTANCE;
            case BOOLEAN -> BooleanValue.of((Boolean) sc.value());
            case STRING -> StringValue.of(sc.stringValue());
            case NUMBER -> {
                NumberValue n = NumberValue.tryParse(sc.text());
                yield n != null ? n : NumberValue.of(sc.numberValue());
            }
        };
    }

    /** Makes a ref absolute: expands globals (rule names, imports) at its head. */
    private Ref absolute(Ref r, Scope s) {
        for (int guard = 0; guard < 16 && r.hasVarHead(); guard++) {
            String h = r.head().name();
            if (s.lookup(h) != null || h.equals("data") || h.equals("input")) return r;
            Ref g = globals.get(h);
            if (g == null) return r;
            List<Term> ts = new ArrayList<>(g.terms());
            ts.addAll(r.terms().subList(1, r.size()));
            r = new Ref(ts, r.location());
        }
        return r;
    }

    T term(Term t, Scope s) {
        Location loc = t.location();
        if (t instanceof Scalar sc) return new Const(scalar(sc), loc);
        if (t instanceof Var v) {
            Integer slot = s.lookup(v.name());
            if (slot != null) return new LVar(slot, v.name(), v.isWildcard(), loc);
            if (isGlobal(v.name())) return term(new Ref(List.of(v), loc), s);
            return new LVar(declare(s, v.name()), v.name(), v.isWildcard(), loc);
        }
        if (t instanceof Ref r0) {
            Ref r = absolute(r0, s);
            Term h = r.terms().get(0);
            T[] ops = new T[r.size() - 1];
            for (int i = 1; i < r.size(); i++) ops[i - 1] = term(r.get(i), s);
            if (h instanceof Var v) {
                if (s.lookup(v.name()) != null) return new RefT(HEAD_LOCAL, term(v, s), ops, loc);
                if (v.name().equals("data")) return new RefT(HEAD_DATA, null, ops, loc);
                if (v.name().equals("input")) return new RefT(HEAD_INPUT, null, ops, loc);
                return new RefT(HEAD_LOCAL, term(v, s), ops, loc);
            }
            return new RefT(HEAD_TERM, term(h, s), ops, loc);
        }
        if (t instanceof ArrayTerm a) {
            T[] el = terms(a.elements(), s);
            if (allConst(el)) {
                Value[] vs = new Value[el.length];
                for (int i = 0; i < el.length; i++) vs[i] = ((Const) el[i]).v;
                return new Const(ArrayValue.wrap(vs), loc);
            }
            return new Arr(el, loc);
        }
        if (t instanceof SetTerm a) {
            T[] el = terms(a.elements(), s);
            if (allConst(el)) {
                Set<Value> vs = new LinkedHashSet<>();
                for (T e : el) vs.add(((Const) e).v);
                return new Const(SetValue.wrap(vs), loc);
            }
            return new SetT(el, loc);
        }
        if (t instanceof ObjectTerm o) {
            T[] ks = new T[o.entries().size()], vs = new T[ks.length];
            for (int i = 0; i < ks.length; i++) {
                ks[i] = term(o.entries().get(i).getKey(), s);
                vs[i] = term(o.entries().get(i).getValue(), s);
            }
            if (allConst(ks) && allConst(vs)) {
                Map<Value, Value> m = new LinkedHashMap<>();
                for (int i = 0; i < ks.length; i++) m.put(((Const) ks[i]).v, ((Const) vs[i]).v);
                return new Const(ObjectValue.wrap(m), loc);
            }
            return new Obj(ks, vs, loc);
        }
        if (t instanceof ArrayComprehension c) {
            Scope cs = new Scope(s);
            Query body = planBody(c.body(), cs, false);
            T head = term(c.term(), cs);
            widen(body, cs);
            return new Compr(COMP_ARRAY, null, head, body, loc);
        }
        if (t instanceof SetComprehension c) {
            Scope cs = new Scope(s);
            Query body = planBody(c.body(), cs, false);
            T head = term(c.term(), cs);
            widen(body, cs);
            return new Compr(COMP_SET, null, head, body, loc);
        }
        if (t instanceof ObjectComprehension c) {
            Scope cs = new Scope(s);
            Query body = planBody(c.body(), cs, false);
            T k = term(c.key(), cs);
            T v = term(c.value(), cs);
            widen(body, cs);
            return new Compr(COMP_OBJECT, k, v, body, loc);
        }
        if (t instanceof Call c) {
            Fn fn = fn(c.operator(), s);
            return new CallT(fn, terms(c.args(), s), loc);
        }
        if (t instanceof TemplateString ts) {
            String[] lits = new String[ts.parts().size()];
            T[] parts = new T[lits.length];
            X[] xs = new X[lits.length];
            for (int i = 0; i < lits.length; i++) {
                TemplateString.Part p = ts.parts().get(i);
                if (p.isLiteral()) {
                    lits[i] = p.literal();
                    continue;
                }
                parts[i] = term(p.expr(), s);
                if (p.withs() != null && !p.withs().isEmpty()) {
                    X x = new X();
                    x.kind = X_UNIFY;
                    x.loc = p.expr().location();
                    x.text = traceText(p.expr());
                    x.a = new LVar(declare(s, "$tmpl" + slotNames.size()), "_", true, x.loc);
                    x.b = parts[i];
                    x.withs = new W[p.withs().size()];
                    for (int j = 0; j < x.withs.length; j++) x.withs[j] = with(p.withs().get(j), s);
                    xs[i] = x;
                }
            }
            Tmpl tm = new Tmpl(lits, parts, loc);
            tm.withX = xs;
            return tm;
        }
        throw new IllegalStateException("unsupported term " + t.getClass().getSimpleName());
    }

    /** Head terms of comprehensions may allocate slots after the body; extend the body's local range. */
    private void widen(Query body, Scope cs) {
        body.locals = new int[]{body.locals[0], slotNames.size()};
    }

    private static boolean allConst(T[] ts) {
        for (T t : ts) if (!(t instanceof Const)) return false;
        return true;
    }

    // ---------------------------------------------------------------- functions

    private Fn fn(Ref op, Scope s) {
        Ref abs = absolute(op, s);
        String name = abs.toString();
        switch (name) {
            case "eq": return special(FN_EQ, name, 2);
            case "assign": return special(FN_ASSIGN, name, 2);
            case "internal.member_2": return special(FN_MEMBER2, name, 2);
            case "internal.member_3": return special(FN_MEMBER3, name, 3);
            case "walk": return special(FN_WALK, name, 1);
            case "print": case "internal.print": return special(FN_PRINT, name, -1);
            case "trace": return special(FN_TRACE, name, 1);
            case "rego.metadata.chain": {
                Fn f = special(FN_META_CHAIN, name, 0);
                f.constVal = meta == null || module == null || curRule == null ? ArrayValue.EMPTY
                        : meta.chain(module, curRule, !curElse);
                return f;
            }
            case "rego.metadata.rule": {
                Fn f = special(FN_META_RULE, name, 0);
                f.constVal = meta == null || curRule == null ? ObjectValue.EMPTY : meta.rule(curRule, !curElse);
                return f;
            }
            default:
        }
        if (abs.hasVarHead() && abs.head().name().equals("data")) {
            Value[] path = new Value[abs.size() - 1];
            for (int i = 1; i < abs.size(); i++) {
                if (!abs.get(i).isGround()) {
                    Fn f = new Fn(FN_UNKNOWN, name);
                    f.arity = -1;
                    return f;
                }
                path[i - 1] = constValue(abs.get(i));
            }
            RuleNode node = prog.node(path);
            if (node != null && node.isFunction()) return userFn(name, node);
            Fn f = new Fn(FN_UNKNOWN, name);
            f.arity = -1;
            return f;
        }
        return builtinFn(name);
    }

    private Fn userFn(String name, RuleNode node) {
        Fn f = new Fn(FN_USER, name);
        f.node = node;
        CRule any = !node.funcs.isEmpty() ? node.funcs.get(0) : node.defaultFunc;
        f.arity = any != null && any.ast.head().args() != null ? any.ast.head().args().size() : prog.funcArity(node);
        return f;
    }

    private Fn builtinFn(String name) {
        Fn f = new Fn(FN_BUILTIN, name);
        f.impl = BuiltinRegistry.lookup(name);
        Integer a = prog.builtinArity(name);
        f.arity = a == null ? -1 : a;
        return f;
    }

    private static Fn special(int kind, String name, int arity) {
        Fn f = new Fn(kind, name);
        f.arity = arity;
        return f;
    }

    // ---------------------------------------------------------------- safety ordering

    private void reorderAll(Query q, List<Integer> argSlots) {
        Set<Integer> bound = new HashSet<>(argSlots);
        reorder(q, bound);
    }

    private void reorder(Query q, Set<Integer> extraBound) {
        int lo = q.locals[0], hi = q.locals[1];
        int n = q.exprs.length;
        // nested bodies first
        for (X x : q.exprs) {
            forNested(x, nq -> reorder(nq, Set.of()));
        }
        List<Set<Integer>> needs = new ArrayList<>(), outs = new ArrayList<>(), used = new ArrayList<>();
        List<Set<Integer>> patA = new ArrayList<>(), patB = new ArrayList<>();
        Set<Integer> allOuts = new HashSet<>();
        for (X x : q.exprs) {
            Set<Integer> nd = new HashSet<>(), ot = new HashSet<>(), pa = new HashSet<>(), pb = new HashSet<>(),
                    us = new HashSet<>();
            analyze(x, nd, ot, pa, pb);
            used(x, us);
            needs.add(nd); outs.add(ot); patA.add(pa); patB.add(pb); used.add(us);
            allOuts.addAll(ot);
            allOuts.addAll(pa);
            allOuts.addAll(pb);
        }
        Set<Integer> bound = new HashSet<>(extraBound);
        boolean[] done = new boolean[n];
        List<X> order = new ArrayList<>(n);
        for (int round = 0; round < n; round++) {
            int pick = -1;
            for (int i = 0; i < n && pick < 0; i++) {
                if (done[i]) continue;
                X x = q.exprs[i];
                if (ready(x, needs.get(i), patA.get(i), patB.get(i), used.get(i), outs.get(i), allOuts, bound, lo, hi)) {
                    pick = i;
                }
            }
            if (pick < 0) {
                for (int i = 0; i < n; i++) if (!done[i]) { pick = i; break; }
            }
            done[pick] = true;
            order.add(q.exprs[pick]);
            bound.addAll(outs.get(pick));
            bound.addAll(patA.get(pick));
            bound.addAll(patB.get(pick));
            if (q.exprs[pick].kind == X_SOME) bound.addAll(used.get(pick));
        }
        q.exprs = order.toArray(new X[0]);
    }

    private static boolean isBound(int s, Set<Integer> bound, int lo, int hi) {
        return s < lo || s >= hi || bound.contains(s);
    }

    private static boolean allBound(Set<Integer> ss, Set<Integer> bound, int lo, int hi) {
        for (int s : ss) if (!isBound(s, bound, lo, hi)) return false;
        return true;
    }

    private boolean ready(X x, Set<Integer> needs, Set<Integer> pa, Set<Integer> pb, Set<Integer> used,
                          Set<Integer> outs, Set<Integer> allOuts, Set<Integer> bound, int lo, int hi) {
        if (x.negated || x.kind == X_EVERY || x.kind == X_NOTBODY || x.kind == X_LOGIC) {
            for (int s : used) {
                if (!isBound(s, bound, lo, hi) && allOutsOther(x, s, allOuts, outs, pa, pb)) return false;
            }
            return allBound(needs, bound, lo, hi);
        }
        if (!allBound(needs, bound, lo, hi)) return false;
        if (x.kind == X_UNIFY) {
            if (x.a instanceof Arr || x.a instanceof Obj) {
                if (x.b instanceof Arr || x.b instanceof Obj) return true;
            }
            return allBound(pa, bound, lo, hi) || allBound(pb, bound, lo, hi);
        }
        return true;
    }

    private static boolean allOutsOther(X x, int s, Set<Integer> allOuts, Set<Integer> outs, Set<Integer> pa,
                                        Set<Integer> pb) {
        // s is bound by some other expression of the body
        return allOuts.contains(s) && !outs.contains(s) && !pa.contains(s) && !pb.contains(s);
    }

    private void forNested(X x, java.util.function.Consumer<Query> f) {
        if (x.body != null) f.accept(x.body);
        if (x.operands != null) for (Query q : x.operands) f.accept(q);
        nestedInTerms(x.a, f); nestedInTerms(x.b, f); nestedInTerms(x.out, f); nestedInTerms(x.domain, f);
        if (x.call != null) nestedInTerms(x.call, f);
        for (W w : x.withs) nestedInTerms(w.value, f);
    }

    private void nestedInTerms(T t, java.util.function.Consumer<Query> f) {
        if (t == null) return;
        if (t instanceof Compr c) { f.accept(c.body); nestedInTerms(c.key, f); nestedInTerms(c.value, f); }
        else if (t instanceof RefT r) { nestedInTerms(r.head, f); for (T o : r.ops) nestedInTerms(o, f); }
        else if (t instanceof Arr a) for (T e : a.elems) nestedInTerms(e, f);
        else if (t instanceof SetT a) for (T e : a.elems) nestedInTerms(e, f);
        else if (t instanceof Obj o) { for (T e : o.keys) nestedInTerms(e, f); for (T e : o.vals) nestedInTerms(e, f); }
        else if (t instanceof CallT c) for (T e : c.args) nestedInTerms(e, f);
        else if (t instanceof Tmpl tm) for (T e : tm.parts) nestedInTerms(e, f);
    }

    /** needs: vars that must be bound; outs: vars bound by iteration; pa/pb: pattern vars of the two sides. */
    private void analyze(X x, Set<Integer> needs, Set<Integer> outs, Set<Integer> pa, Set<Integer> pb) {
        switch (x.kind) {
            case X_UNIFY -> { collect(x.a, true, needs, pa, outs); collect(x.b, true, needs, pb, outs); }
            case X_CALL -> {
                int kind = x.call.fn.kind;
                if (kind == FN_MEMBER2 || kind == FN_MEMBER3) {
                    T[] as = x.call.args;
                    for (int i = 0; i < as.length - 1; i++) collect(as[i], true, needs, outs, outs);
                    collect(as[as.length - 1], false, needs, outs, outs);
                } else if (kind == FN_PRINT) {
                    // print never binds; unbound args print <undefined>
                    for (T a : x.call.args) collect(a, false, new HashSet<>(), outs, outs);
                } else {
                    for (T a : x.call.args) collect(a, false, needs, outs, outs);
                }
                if (x.out != null) collect(x.out, true, needs, outs, outs);
            }
            case X_TERM -> collect(x.a, false, needs, outs, outs);
            case X_EVERY -> collect(x.domain, false, needs, outs, outs);
            default -> { }
        }
        for (W w : x.withs) collect(w.value, false, needs, new HashSet<>(), new HashSet<>());
        if (x.negated) {
            // a negated expression binds nothing
            needs.addAll(outs); needs.addAll(pa); needs.addAll(pb);
            outs.clear(); pa.clear(); pb.clear();
            needs.removeIf(s -> false);
        }
    }

    private void collect(T t, boolean pattern, Set<Integer> needs, Set<Integer> pats, Set<Integer> its) {
        if (t == null || t instanceof Const) return;
        if (t instanceof LVar v) {
            (pattern ? pats : needs).add(v.slot);
        } else if (t instanceof RefT r) {
            if (r.head instanceof LVar v) needs.add(v.slot);
            else if (r.head != null) collect(r.head, false, needs, its, its);
            for (T o : r.ops) {
                if (o instanceof LVar v) its.add(v.slot);
                else collect(o, false, needs, its, its);
            }
        } else if (t instanceof Arr a) {
            for (T e : a.elems) collect(e, pattern, needs, pats, its);
        } else if (t instanceof Obj o) {
            for (T e : o.keys) collect(e, false, needs, its, its);
            for (T e : o.vals) collect(e, pattern, needs, pats, its);
        } else if (t instanceof SetT a) {
            for (T e : a.elems) collect(e, false, needs, its, its);
        } else if (t instanceof CallT c) {
            for (T e : c.args) collect(e, false, needs, its, its);
        } else if (t instanceof Tmpl tm) {
            for (T e : tm.parts) if (e != null) collect(e, false, needs, its, its);
        } else if (t instanceof Compr c) {
            Set<Integer> us = new HashSet<>();
            usedQ(c.body, us);
            usedT(c.key, us);
            usedT(c.value, us);
            for (int s : us) if (s < c.body.locals[0] || s >= c.body.locals[1]) needs.add(s);
        }
    }

    private void used(X x, Set<Integer> out) {
        usedT(x.a, out); usedT(x.b, out); usedT(x.out, out); usedT(x.domain, out);
        usedT(x.everyKey, out); usedT(x.everyVal, out);
        if (x.call != null) usedT(x.call, out);
        if (x.body != null) usedQ(x.body, out);
        if (x.operands != null) for (Query q : x.operands) usedQ(q, out);
        for (W w : x.withs) usedT(w.value, out);
    }

    private void usedQ(Query q, Set<Integer> out) {
        for (X x : q.exprs) used(x, out);
    }

    private void usedT(T t, Set<Integer> out) {
        if (t == null || t instanceof Const) return;
        if (t instanceof LVar v) {
            if (!v.wildcard) out.add(v.slot);
        } else if (t instanceof RefT r) { usedT(r.head, out); for (T o : r.ops) usedT(o, out); }
        else if (t instanceof Arr a) for (T e : a.elems) usedT(e, out);
        else if (t instanceof SetT a) for (T e : a.elems) usedT(e, out);
        else if (t instanceof Obj o) { for (T e : o.keys) usedT(e, out); for (T e : o.vals) usedT(e, out); }
        else if (t instanceof CallT c) for (T e : c.args) usedT(e, out);
        else if (t instanceof Tmpl tm) { for (T e : tm.parts) usedT(e, out); }
        else if (t instanceof Compr c) { usedQ(c.body, out); usedT(c.key, out); usedT(c.value, out); }
    }
}
