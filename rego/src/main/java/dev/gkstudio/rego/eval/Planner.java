package dev.gkstudio.rego.eval;

import dev.gkstudio.rego.ast.*;
import dev.gkstudio.rego.ast.Module;
import dev.gkstudio.rego.builtins.BuiltinRegistry;
import dev.gkstudio.rego.eval.Ir.*;
import static dev.gkstudio.rego.eval.Ir.*;
import dev.gkstudio.rego.value.*;

import java.util.*;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the compiler's output ({@link dev.gkstudio.rego.compiler.CompiledProgram}: refs absolute, locals renamed to
 * {@code __localN__}, {@code :=}/{@code some} rewritten, bodies already ordered for safety) into the evaluator's
 * {@link Ir}. It makes no safety or resolution decisions of its own: it only gives every variable a frame slot
 * (one scope per body: rule, comprehension, {@code every}, {@code not}/{@code and}/{@code or} operand; a var of a
 * nested body that also occurs in an enclosing body is the enclosing one) and resolves call targets. Slot names
 * are the names the author wrote (via the compiler's rewritten-vars map), for bindings and traces.
 */
final class Planner {
    private static final Pattern WILDCARD = Pattern.compile("\\$\\d+");
    private static final Pattern GENERATED = Pattern.compile("__local(q?)[wt]?\\d+__");

    private final Program prog;
    /** generated var name to the author's name ({@code _} for wildcards). */
    private final Map<String, String> names;
    private final List<String> slotNames = new ArrayList<>();
    private final List<Boolean> slotGen = new ArrayList<>();
    /** Slot of each var by its planned name (the last declaration wins); lets the query find its capture vars. */
    private final Map<String, Integer> slotByName = new HashMap<>();

    /** METADATA context of the rule being planned (rego.metadata.chain/rule); null for queries. */
    Metadata meta;
    Module module;
    private Rule curRule;
    private boolean curElse;

    Planner(Program prog, Map<String, String> names) {
        this.prog = prog;
        this.names = names == null ? Map.of() : names;
    }

    static final class Scope {
        final Scope parent;
        final Map<String, Integer> vars = new HashMap<>();
        Scope(Scope parent) { this.parent = parent; }
        Integer lookup(String n) {
            for (Scope s = this; s != null; s = s.parent) {
                Integer i = s.vars.get(n);
                if (i != null) return i;
            }
            return null;
        }
    }

    int nslots() { return slotNames.size(); }
    int slotOf(String var) { return slotByName.getOrDefault(var, -1); }
    String[] slotNames() { return slotNames.toArray(new String[0]); }
    boolean[] slotGenerated() {
        boolean[] b = new boolean[slotGen.size()];
        for (int i = 0; i < b.length; i++) b[i] = slotGen.get(i);
        return b;
    }

    /** The name the author wrote for a (possibly generated) var. */
    private String display(String var) {
        String n = names.get(var);
        if (n != null) return n.startsWith("$") ? "_" : n;
        return var.startsWith("$") ? "_" : var;
    }

    private int declare(Scope s, String name) {
        int slot = slotNames.size();
        String shown = display(name);
        slotNames.add(shown);
        slotGen.add(shown.equals("_") || shown.startsWith("$") || GENERATED.matcher(shown).matches()
                || shown.startsWith("__tmplarg"));
        s.vars.put(name, slot);
        slotByName.put(name, slot);
        return slot;
    }

    /** Source text of a node with generated vars renamed to the author's names (wildcards print as {@code _}). */
    String traceText(Object node) {
        if (node instanceof Expr e && e.terms() instanceof Call c && c.name().equals("assign") && c.args().size() == 2) {
            node = e.withTerms(new Call(Ref.of(c.operator().location(), "eq"), c.args(), c.location()));
        }
        String text = WILDCARD.matcher(String.valueOf(node)).replaceAll("_");
        if (names.isEmpty() || text.indexOf("__local") < 0) return text;
        Matcher m = GENERATED.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) m.appendReplacement(sb, Matcher.quoteReplacement(display(m.group())));
        m.appendTail(sb);
        return sb.toString();
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
        if (h.args() != null) {
            for (Term a : h.args()) {
                for (String v : varsOf(a, new LinkedHashSet<>())) {
                    if (top.lookup(v) == null) declare(top, v);
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
        if (r.elseRule() != null) {
            Planner p = new Planner(prog, names);
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
        return planBody(b, top, true);
    }

    // ---------------------------------------------------------------- bodies

    private Query planBody(Body b, Scope parent, boolean newScope) {
        Scope s = newScope ? new Scope(parent) : parent;
        int start = slotNames.size();
        // vars of this level first: nested bodies planned below see them as enclosing vars
        for (Expr e : b.exprs()) allocVars(e, s);
        Query q = new Query();
        q.ast = b;
        q.loc = b.location();
        q.text = traceText(b);
        q.exprs = new X[b.size()];
        for (int i = 0; i < b.size(); i++) q.exprs[i] = expr(b.get(i), s);
        int end = slotNames.size();
        q.locals = new int[]{start, end};
        return q;
    }

    private boolean isGlobal(String n) {
        return n.equals("data") || n.equals("input");
    }

    private void allocVars(Expr e, Scope s) {
        Set<String> vs = new LinkedHashSet<>();
        ExprTerms t = e.terms();
        if (t instanceof Term term) levelVars(term, vs);
        else if (t instanceof Every ev) levelVars(ev.domain(), vs);
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
        ExprTerms t = e.terms();
        if (t instanceof Call c && c.name().equals("eq") && c.args().size() == 2) {
            x.kind = X_UNIFY;
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
        } else if (t instanceof Every ev) {
            x.kind = X_EVERY;
            x.domain = term(ev.domain(), s);
            Scope es = new Scope(s);
            if (ev.key() != null) x.everyKey = lvar(declareVar(es, ev.key()), name(ev.key()), ev.key().location());
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
        x.bindRef = bindRef(e, x);
        return x;
    }

    /** The ref of a generated single-valued binding {@code __localN__ = <ref>}, else null (see {@link X#bindRef}). */
    private static RefT bindRef(Expr e, X x) {
        if (!e.generated() || x.kind != X_UNIFY || x.negated || x.withs.length > 0) return null;
        if (!(x.a instanceof LVar v) || v.wildcard || !(x.b instanceof RefT r)) return null;
        if (r.headKind != HEAD_INPUT && r.headKind != HEAD_LOCAL) return null;
        for (T op : r.ops) if (!(op instanceof Const)) return null;
        return r;
    }

    /** Trace text of an expression in OPA's form: refs resolved ({@code data.test.q[x]}), author var names. */
    private String irText(X x) {
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

    String irText(T t) {
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

    private String join(String open, T[] ts, String close) {
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
                Ref abs = vr;
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

    T term(Term t, Scope s) {
        Location loc = t.location();
        if (t instanceof Scalar sc) return new Const(scalar(sc), loc);
        if (t instanceof Var v) {
            Integer slot = s.lookup(v.name());
            if (slot != null) return lvar(slot, v.name(), loc);
            if (isGlobal(v.name())) return term(new Ref(List.of(v), loc), s);
            return lvar(declare(s, v.name()), v.name(), loc);
        }
        if (t instanceof Ref r0) {
            Ref r = r0;
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

    private LVar lvar(int slot, String var, Location loc) {
        String shown = display(var);
        return new LVar(slot, shown, shown.equals("_"), loc);
    }

    private static boolean allConst(T[] ts) {
        for (T t : ts) if (!(t instanceof Const)) return false;
        return true;
    }

    // ---------------------------------------------------------------- functions

    /** The builtins {@link #fn} plans as evaluator operations rather than {@code BuiltinRegistry} calls. */
    static final Set<String> EVALUATOR_BUILTINS = Set.of("eq", "internal.member_2", "internal.member_3", "walk",
            "print", "internal.print", "trace", "rego.metadata.chain", "rego.metadata.rule");

    private Fn fn(Ref op, Scope s) {
        Ref abs = op;
        String name = abs.toString();
        switch (name) {
            case "eq": return special(FN_EQ, name, 2);
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
        f.arity = any != null && any.ast.head().args() != null ? any.ast.head().args().size() : -1;
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
}
