package dev.gkstudio.rego.eval;

import dev.gkstudio.rego.result.Coverage;
import dev.gkstudio.rego.result.EvalError;
import dev.gkstudio.rego.result.EvalOptions;
import dev.gkstudio.rego.result.EvalResult;
import dev.gkstudio.rego.result.PrintLine;
import dev.gkstudio.rego.ast.Location;
import dev.gkstudio.rego.builtins.BuiltinContext;
import dev.gkstudio.rego.builtins.BuiltinException;
import dev.gkstudio.rego.builtins.BuiltinFunction;
import dev.gkstudio.rego.builtins.BuiltinRegistry;
import dev.gkstudio.rego.eval.Ir.*;
import static dev.gkstudio.rego.eval.Ir.*;
import dev.gkstudio.rego.trace.TraceOp;
import dev.gkstudio.rego.trace.Tracer;
import dev.gkstudio.rego.value.*;

import java.time.Instant;
import java.util.*;

/**
 * OPA's top-down evaluation: unification with backtracking over the planned {@link Ir}, in continuation-passing
 * style. One instance per evaluation (not thread-safe); {@link #evaluate} is the entry point.
 */
public final class Evaluator implements BuiltinContext {
    /** Continuation: run the rest; return false to stop the search. */
    interface K { boolean run(); }
    /** Value continuation. */
    interface VK { boolean accept(Value v); }

    private static final Object UNDEFINED = new Object();
    static final String CONFLICT = EvalError.CONFLICT;

    final Program prog;
    final EvalOptions opts;
    Value input;
    final Value data;
    Value[] f = new Value[0];
    // trail
    private Value[][] trF = new Value[64][];
    private int[] trS = new int[64];
    private int trN;
    // caches (swapped per with-scope)
    IdentityHashMap<RuleNode, Object> docCache = new IdentityHashMap<>();
    // with state
    List<DataOverride> dataOv = List.of();
    Map<String, Object> fnMocks;
    // errors / output
    EvalException firstBuiltinError;
    final List<PrintLine> prints = new ArrayList<>();
    long printBytes;
    // limits
    private long steps;
    private final long maxSteps;
    private final long deadline;
    private final int maxDepth;
    private int depth;
    private final Instant now;
    private Map<Object, Object> queryCache;
    // tracing / coverage
    final Tracer tracer;
    final Tracing tr;
    final Set<Location> covered;
    final Set<RuleNode> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());

    record DataOverride(Value[] path, Value value) {}

    private Evaluator(Program prog, EvalOptions o) {
        this.prog = prog;
        this.opts = o;
        this.input = o.input();
        this.data = o.data() == null ? ObjectValue.EMPTY : o.data();
        this.maxSteps = o.maxSteps();
        this.deadline = o.timeout() == null ? 0 : System.nanoTime() + o.timeout().toNanos();
        this.maxDepth = o.maxDepth() > 0 ? o.maxDepth() : 1000;
        this.now = o.now() != null ? o.now() : Instant.now();
        this.tracer = o.tracer();
        this.tr = tracer == null ? null : new Tracing(this, tracer);
        this.covered = o.coverage() ? new HashSet<>() : null;
    }

    /** Evaluates a planned query. */
    public static EvalResult evaluate(Program prog, QueryPlan plan, EvalOptions opts) {
        Evaluator e = new Evaluator(prog, opts);
        return e.run(plan);
    }

    private EvalResult run(QueryPlan plan) {
        List<Map<String, Value>> rows = new ArrayList<>();
        List<List<dev.gkstudio.rego.result.ExpressionValue>> exprRows = new ArrayList<>();
        EvalError err = null;
        f = new Value[plan.nslots];
        long[] outBytes = {0};
        Meter previous = Meter.install(new Meter() {
            @Override protected void check() { checkCancelled(); }
            @Override protected RuntimeException tooLarge(String what) {
                return new EvalException(EvalError.LIMIT, "evaluation exceeded a size limit: " + what, Location.NONE);
            }
        });
        try {
            if (tr != null) tr.enterQuery(plan.query);
            evalBody(plan.query, () -> {
                Map<String, Value> row = new LinkedHashMap<>();
                for (int i = 0; i < plan.nslots; i++) {
                    if (plan.slotGenerated[i] || f[i] == null) continue;
                    row.put(plan.slotNames[i], f[i]);
                }
                List<dev.gkstudio.rego.result.ExpressionValue> exprs = expressionValues(plan);
                if (opts.maxOutputBytes() > 0) {
                    List<Value> out = new ArrayList<>(row.values());
                    for (dev.gkstudio.rego.result.ExpressionValue x : exprs) if (x.value() != BooleanValue.TRUE) out.add(x.value());
                    for (Value v : out) {
                        long n = Json.length(v, opts.maxOutputBytes() - outBytes[0] - printBytes);
                        outBytes[0] = n < 0 ? Long.MAX_VALUE / 2 : outBytes[0] + n;
                    }
                    if (outBytes[0] + printBytes > opts.maxOutputBytes()) {
                        throw new EvalException(EvalError.LIMIT, "output size limit exceeded (maxOutputBytes "
                                + opts.maxOutputBytes() + ")", Location.NONE);
                    }
                }
                rows.add(row);
                if (plan.captured != null) exprRows.add(exprs);
                if (tr != null) tr.exitQuery(plan.query);
                return true;
            });
            if (firstBuiltinError != null) err = toError(firstBuiltinError);
        } catch (EvalException ex) {
            err = toError(ex);
        } catch (StackOverflowError so) {
            f = null;
            err = new EvalError(EvalError.LIMIT, "evaluation exceeded the maximum stack depth (recursion too deep)",
                    Location.NONE);
        } catch (BuiltinException be) {
            err = new EvalError(be.code(), be.getMessage(), Location.NONE);
        } catch (OutOfMemoryError oom) {
            // One allocation too large for the heap (the builtin memory budget estimates, it cannot see all):
            // the evaluation's values are garbage now, the process goes on.
            f = null;
            rows.clear();
            exprRows.clear();
            err = new EvalError(EvalError.LIMIT, "evaluation ran out of memory (memory limit)", Location.NONE);
        } finally {
            Meter.restore(previous);
        }
        Coverage cov = covered == null ? null : CoverageBuilder.build(prog, covered);
        return new EvalResult(rows, err, prints, cov, exprRows);
    }

    /** The values of the author's expressions in the current row (OPA's Rego API form), empty for topdown plans. */
    private List<dev.gkstudio.rego.result.ExpressionValue> expressionValues(QueryPlan plan) {
        if (plan.captured == null) return List.of();
        List<dev.gkstudio.rego.result.ExpressionValue> out = new ArrayList<>(plan.captured.size());
        for (int i = 0; i < plan.captureSlots.length; i++) {
            int slot = plan.captureSlots[i];
            Value v = slot < 0 || f[slot] == null ? BooleanValue.TRUE : f[slot];
            QueryCapture.Captured c = plan.captured.get(i);
            out.add(new dev.gkstudio.rego.result.ExpressionValue(v, c.text(), c.location()));
        }
        return List.copyOf(out);
    }

    private static EvalError toError(EvalException e) {
        return new EvalError(e.code, e.getMessage(), e.location);
    }

    // ------------------------------------------------------------------ BuiltinContext

    @Override public Instant now() { return now; }

    @Override public Value externalData() { return opts.externalData(); }

    @Override public Map<Object, Object> queryCache() {
        if (queryCache == null) queryCache = new HashMap<>();
        return queryCache;
    }

    @Override public void checkCancelled() {
        if (deadline != 0 && System.nanoTime() > deadline) {
            throw new EvalException(EvalError.CANCEL, "evaluation cancelled: timeout of " + opts.timeout()
                    + " exceeded", Location.NONE);
        }
        if (opts.cancel() != null && opts.cancel().getAsBoolean()) {
            throw new EvalException(EvalError.CANCEL, "evaluation cancelled", Location.NONE);
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new EvalException(EvalError.CANCEL, "evaluation cancelled: thread interrupted", Location.NONE);
        }
    }

    private void step(Location loc) {
        long s = ++steps;
        if (maxSteps > 0 && s > maxSteps) {
            throw new EvalException(EvalError.LIMIT, "evaluation step limit exceeded (maxSteps " + maxSteps + ")", loc);
        }
        if ((s & 0x3ff) == 0) checkCancelled();
    }

    // ------------------------------------------------------------------ trail

    private void bind(int slot, Value v) {
        if (trN == trF.length) {
            trF = Arrays.copyOf(trF, trN * 2);
            trS = Arrays.copyOf(trS, trN * 2);
        }
        trF[trN] = f;
        trS[trN++] = slot;
        f[slot] = v;
    }

    private void undo(int mark) {
        while (trN > mark) {
            trN--;
            trF[trN][trS[trN]] = null;
            trF[trN] = null;
        }
    }

    // ------------------------------------------------------------------ bodies and expressions

    boolean evalBody(Query q, K k) {
        return evalExprs(q, 0, k);
    }

    private boolean evalExprs(Query q, int i, K k) {
        if (i == q.exprs.length) return k.run();
        X x = q.exprs[i];
        step(x.loc);
        if (covered != null) covered.add(x.loc);
        if (x.bindRef != null && tr == null) return bindRefs(q, i, k);
        K next = () -> evalExprs(q, i + 1, k);
        if (tr == null) {
            return x.withs.length > 0 ? evalWith(x, next) : evalExpr(x, next);
        }
        tr.event(TraceOp.EVAL, x.ast, x.text, x.loc, "");
        boolean[] defined = {false};
        K k2 = () -> {
            defined[0] = true;
            boolean c = next.run();
            tr.event(TraceOp.REDO, x.ast, x.text, x.loc, "");
            return c;
        };
        boolean r = x.withs.length > 0 ? evalWith(x, k2) : evalExpr(x, k2);
        if (!defined[0]) tr.event(TraceOp.FAIL, x.ast, x.text, x.loc, "");
        return r;
    }

    /**
     * Expressions {@code i..} that bind a generated var to a single-valued ref ({@link X#bindRef}), bound in a loop
     * up to the next other expression: the unification would do the same (an undefined ref fails the body), but
     * through a continuation per expression. The caller has counted the step of expression {@code i}.
     */
    private boolean bindRefs(Query q, int i, K k) {
        int mark = trN;
        X x = q.exprs[i];
        while (true) {
            Value v = refValue(x.bindRef);
            int slot = ((LVar) x.a).slot;
            Value cur = f[slot];
            if (v == null || (cur != null && !cur.equals(v))) {
                undo(mark);
                return true;
            }
            if (cur == null) bind(slot, v);
            if (++i == q.exprs.length || q.exprs[i].bindRef == null) break;
            x = q.exprs[i];
            step(x.loc);
            if (covered != null) covered.add(x.loc);
        }
        boolean r = evalExprs(q, i, k);
        undo(mark);
        return r;
    }

    /** The value of a ref from input or a local with constant operands, or null when undefined. */
    private Value refValue(RefT r) {
        Value v = r.headKind == HEAD_INPUT ? input : f[((LVar) r.head).slot];
        for (T op : r.ops) {
            if (v == null) return null;
            v = lookup(v, ((Const) op).v);
        }
        return v;
    }

    private boolean evalExpr(X x, K k) {
        if (!x.negated) return evalPositive(x, k);
        boolean[] found = {false};
        int saveQ = tr != null ? tr.pushChild(x) : 0;
        try {
            evalPositive(x, () -> {
                found[0] = true;
                return false;
            });
        } finally {
            if (tr != null) tr.popChild(saveQ);
        }
        return found[0] || k.run();
    }

    private boolean evalPositive(X x, K k) {
        switch (x.kind) {
            case X_TERM:
                return eval(x.a, v -> (v instanceof BooleanValue b && !b.value()) || k.run());
            case X_UNIFY:
                return unify(x.a, x.b, k);
            case X_CALL:
                return evalCallExpr(x, k);
            case X_EVERY:
                return evalEvery(x, k);
            case X_LOGIC: {
                int saveQ = tr != null ? tr.pushChild(x) : 0;
                boolean ok;
                try {
                    ok = x.and;
                    for (Query q : x.operands) {
                        boolean[] found = {false};
                        evalBody(q, () -> { found[0] = true; return false; });
                        if (x.and && !found[0]) { ok = false; break; }
                        if (!x.and && found[0]) { ok = true; break; }
                    }
                } finally {
                    if (tr != null) tr.popChild(saveQ);
                }
                return !ok || k.run();
            }
            case X_NOTBODY:
                return evalBody(x.body, k);
            default:
                throw new IllegalStateException("expr kind " + x.kind);
        }
    }


    private boolean evalEvery(X x, K k) {
        boolean[] all = {true};
        boolean[] defined = {false};
        eval(x.domain, dom -> {
            defined[0] = true;
            int saveQ = tr != null ? tr.pushChild(x) : 0;
            try {
                if (dom instanceof ArrayValue a) {
                    for (int i = 0; i < a.size() && all[0]; i++) all[0] = everyOne(x, NumberValue.of(i), a.get(i));
                } else if (dom instanceof ObjectValue o) {
                    for (Value key : o.keys()) { if (!(all[0] = everyOne(x, key, o.get(key)))) break; }
                } else if (dom instanceof SetValue s) {
                    for (Value e : s.sorted()) { if (!(all[0] = everyOne(x, e, e))) break; }
                } else {
                    all[0] = false;
                }
            } finally {
                if (tr != null) tr.popChild(saveQ);
            }
            return false;
        });
        if (!defined[0] || !all[0]) return true;
        return k.run();
    }

    private boolean everyOne(X x, Value key, Value val) {
        boolean[] ok = {false};
        K body = () -> evalBody(x.body, () -> { ok[0] = true; return false; });
        if (x.everyKey != null) {
            unifyValue(x.everyKey, key, () -> unifyValue(x.everyVal, val, body));
        } else {
            unifyValue(x.everyVal, val, body);
        }
        return ok[0];
    }

    // ------------------------------------------------------------------ with

    private boolean evalWith(X x, K k) {
        Value[] vals = new Value[x.withs.length];
        for (int i = 0; i < vals.length; i++) {
            W w = x.withs[i];
            if (w.fnValue != null) continue;
            Value[] one = {null};
            eval(w.value, v -> { one[0] = v; return false; });
            if (one[0] == null) return true; // undefined with value: expression undefined
            vals[i] = one[0];
        }
        Value oldInput = input;
        List<DataOverride> oldOv = dataOv;
        Map<String, Object> oldMocks = fnMocks;
        IdentityHashMap<RuleNode, Object> oldCache = docCache;
        Value newInput = input;
        List<DataOverride> newOv = dataOv;
        Map<String, Object> newMocks = fnMocks;
        for (int i = 0; i < vals.length; i++) {
            W w = x.withs[i];
            switch (w.kind) {
                case W_INPUT -> newInput = w.path.length == 0 ? vals[i] : upsert(newInput, w.path, 0, vals[i]);
                case W_DATA -> {
                    List<DataOverride> l = new ArrayList<>(newOv);
                    l.add(new DataOverride(w.path, vals[i]));
                    newOv = l;
                }
                default -> {
                    Map<String, Object> m = newMocks == null ? new HashMap<>() : new HashMap<>(newMocks);
                    m.put(w.fnName, w.fnValue != null ? w.fnValue : vals[i]);
                    newMocks = m;
                }
            }
        }
        final Value ni = newInput;
        final List<DataOverride> no = newOv;
        final Map<String, Object> nm = newMocks;
        IdentityHashMap<RuleNode, Object> newCache = new IdentityHashMap<>();
        input = ni; dataOv = no; fnMocks = nm; docCache = newCache;
        try {
            return evalExpr(x, () -> {
                input = oldInput; dataOv = oldOv; fnMocks = oldMocks; docCache = oldCache;
                try {
                    return k.run();
                } finally {
                    input = ni; dataOv = no; fnMocks = nm; docCache = newCache;
                }
            });
        } finally {
            input = oldInput; dataOv = oldOv; fnMocks = oldMocks; docCache = oldCache;
        }
    }

    static Value upsert(Value base, Value[] path, int i, Value v) {
        if (i == path.length) return v;
        Map<Value, Value> m = new LinkedHashMap<>();
        if (base instanceof ObjectValue o) m.putAll(o.asMap());
        m.put(path[i], upsert(m.get(path[i]), path, i + 1, v));
        return ObjectValue.wrap(m);
    }

    // ------------------------------------------------------------------ unification

    private boolean unbound(T t) {
        return t instanceof LVar v && f[v.slot] == null;
    }

    private boolean isPattern(T t) {
        if (t instanceof LVar v) return f[v.slot] == null;
        if (t instanceof Arr a) {
            for (T e : a.elems) if (isPattern(e)) return true;
            return false;
        }
        if (t instanceof Obj o) {
            for (T e : o.vals) if (isPattern(e)) return true;
            return false;
        }
        return false;
    }

    boolean unify(T a, T b, K k) {
        if (tr != null && tr.unify) tr.event(TraceOp.UNIFY, null, a + " = " + b, a.loc, "");
        if (a instanceof LVar va && f[va.slot] == null) {
            if (b instanceof LVar vb && f[vb.slot] == null) return true; // unsafe var pair
            if (isPattern(b)) return true;
            // the other side may bind the var itself (x = input.xs[x] iterates x): then the value is compared
            return eval(b, v -> unifyValue(a, v, k));
        }
        if (b instanceof LVar vb && f[vb.slot] == null) {
            if (isPattern(a)) return true;
            return eval(a, v -> unifyValue(b, v, k));
        }
        if (a instanceof Arr aa && b instanceof Arr ba) {
            if (aa.elems.length != ba.elems.length) return true;
            return unifyPairs(aa.elems, ba.elems, 0, k);
        }
        if (a instanceof Obj ao && b instanceof Obj bo && (isPattern(a) || isPattern(b))) {
            return unifyObjects(ao, bo, k);
        }
        if (isPattern(a)) return eval(b, v -> unifyValue(a, v, k));
        if (isPattern(b)) return eval(a, v -> unifyValue(b, v, k));
        if (a instanceof Const ca) return eval(b, vb -> !ca.v.equals(vb) || k.run());
        return eval(a, va -> eval(b, vb -> !va.equals(vb) || k.run()));
    }

    private boolean unifyPairs(T[] as, T[] bs, int i, K k) {
        if (i == as.length) return k.run();
        return unify(as[i], bs[i], () -> unifyPairs(as, bs, i + 1, k));
    }

    private boolean unifyObjects(Obj a, Obj b, K k) {
        if (a.keys.length != b.keys.length) return true;
        Value[] ka = new Value[a.keys.length], kb = new Value[b.keys.length];
        for (int i = 0; i < ka.length; i++) {
            ka[i] = single(a.keys[i]);
            kb[i] = single(b.keys[i]);
            if (ka[i] == null || kb[i] == null) return true;
        }
        T[] pa = new T[ka.length], pb = new T[ka.length];
        for (int i = 0; i < ka.length; i++) {
            int j = 0;
            while (j < kb.length && !kb[j].equals(ka[i])) j++;
            if (j == kb.length) return true;
            pa[i] = a.vals[i];
            pb[i] = b.vals[j];
        }
        return unifyPairs(pa, pb, 0, k);
    }

    /** The first value of a term, or null. */
    Value single(T t) {
        if (t instanceof Const c) return c.v;
        if (t instanceof LVar v) return f[v.slot];
        Value[] out = {null};
        eval(t, v -> { out[0] = v; return false; });
        return out[0];
    }

    private boolean bindRun(int slot, Value v, K k) {
        int mark = trN;
        bind(slot, v);
        boolean r = k.run();
        undo(mark);
        return r;
    }

    /** Unifies a (possibly non-ground) term with a value. */
    boolean unifyValue(T p, Value v, K k) {
        if (p instanceof Const c) return !c.v.equals(v) || k.run();
        if (p instanceof LVar lv) {
            Value cur = f[lv.slot];
            if (cur == null) return bindRun(lv.slot, v, k);
            return !cur.equals(v) || k.run();
        }
        if (p instanceof Arr a) {
            if (!(v instanceof ArrayValue av) || av.size() != a.elems.length) return true;
            return unifyElems(a.elems, av, 0, k);
        }
        if (p instanceof Obj o && isPattern(p)) {
            if (!(v instanceof ObjectValue ov) || ov.size() != o.keys.length) return true;
            return unifyObjVals(o, ov, 0, k);
        }
        return eval(p, pv -> !pv.equals(v) || k.run());
    }

    private boolean unifyElems(T[] ps, ArrayValue av, int i, K k) {
        if (i == ps.length) return k.run();
        return unifyValue(ps[i], av.get(i), () -> unifyElems(ps, av, i + 1, k));
    }

    private boolean unifyObjVals(Obj o, ObjectValue ov, int i, K k) {
        if (i == o.keys.length) return k.run();
        return eval(o.keys[i], key -> {
            Value vv = ov.get(key);
            if (vv == null) return true;
            return unifyValue(o.vals[i], vv, () -> unifyObjVals(o, ov, i + 1, k));
        });
    }

    // ------------------------------------------------------------------ term evaluation

    boolean eval(T t, VK k) {
        if (t instanceof Const c) return k.accept(c.v);
        if (t instanceof LVar v) {
            Value x = f[v.slot];
            return x == null || k.accept(x);
        }
        if (t instanceof RefT r) return evalRef(r, k);
        if (t instanceof CallT c) return callFn(c.fn, c.args, c.loc, k);
        if (t instanceof Arr a) {
            Value[] vals = new Value[a.elems.length];
            return evalElems(a.elems, 0, vals, () -> k.accept(ArrayValue.wrap(vals.clone())));
        }
        if (t instanceof SetT s) {
            Value[] vals = new Value[s.elems.length];
            return evalElems(s.elems, 0, vals, () -> k.accept(SetValue.of(vals)));
        }
        if (t instanceof Obj o) {
            Value[] ks = new Value[o.keys.length], vs = new Value[o.vals.length];
            return evalElems(o.keys, 0, ks, () -> evalElems(o.vals, 0, vs, () -> {
                Map<Value, Value> m = new LinkedHashMap<>();
                for (int i = 0; i < ks.length; i++) m.put(ks[i], vs[i]);
                return k.accept(ObjectValue.wrap(m));
            }));
        }
        if (t instanceof Compr c) return k.accept(evalCompr(c));
        if (t instanceof Tmpl tm) return k.accept(evalTemplate(tm));
        throw new IllegalStateException("term " + t.getClass());
    }

    private boolean evalElems(T[] ts, int i, Value[] out, K k) {
        while (i < ts.length) {
            T t = ts[i];
            if (t instanceof Const c) { out[i++] = c.v; continue; }
            if (t instanceof LVar v) {
                Value x = f[v.slot];
                if (x == null) return true;
                out[i++] = x;
                continue;
            }
            final int j = i;
            return eval(t, v -> { out[j] = v; return evalElems(ts, j + 1, out, k); });
        }
        return k.run();
    }

    private Value evalCompr(Compr c) {
        int saveQ = tr != null ? tr.pushChildBody(c.body) : 0;
        try {
            switch (c.kind) {
                case COMP_ARRAY: {
                    List<Value> out = new ArrayList<>();
                    evalBody(c.body, () -> eval(c.value, v -> { out.add(v); return true; }));
                    return ArrayValue.of(out);
                }
                case COMP_SET: {
                    Set<Value> out = new LinkedHashSet<>();
                    evalBody(c.body, () -> eval(c.value, v -> { out.add(v); return true; }));
                    return SetValue.wrap(out);
                }
                default: {
                    Map<Value, Value> out = new LinkedHashMap<>();
                    evalBody(c.body, () -> eval(c.key, key -> eval(c.value, v -> {
                        Value old = out.putIfAbsent(key, v);
                        if (old != null && !old.equals(v)) {
                            throw new EvalException(CONFLICT, "object keys must be unique", c.loc);
                        }
                        return true;
                    })));
                    return ObjectValue.wrap(out);
                }
            }
        } finally {
            if (tr != null) tr.popChild(saveQ);
        }
    }

    private Value evalTemplate(Tmpl tm) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < tm.lits.length; i++) {
            if (tm.lits[i] != null) {
                sb.append(tm.lits[i]);
                continue;
            }
            List<Value> vals = new ArrayList<>();
            X wx = tm.withX == null ? null : tm.withX[i];
            if (wx != null) {
                int slot = ((LVar) wx.a).slot;
                evalWith(wx, () -> { vals.add(f[slot]); return true; });
            } else {
                eval(tm.parts[i], v -> { vals.add(v); return true; });
            }
            Set<Value> distinct = new LinkedHashSet<>(vals);
            if (distinct.isEmpty()) sb.append("<undefined>");
            else if (distinct.size() == 1) {
                sb.append(render(distinct.iterator().next()));
                if (sb.length() > Meter.MAX_TEXT) {
                    throw new EvalException(EvalError.LIMIT, "template string longer than " + Meter.MAX_TEXT
                            + " characters (size limit)", tm.parts[i].loc);
                }
            } else {
                throw new EvalException(EvalError.CONFLICT, "template-strings must not produce multiple outputs",
                        tm.parts[i].loc);
            }
        }
        return StringValue.of(sb.toString());
    }

    static String render(Value v) {
        return v instanceof StringValue s ? s.value() : v.toString();
    }

    // ------------------------------------------------------------------ references

    private boolean evalRef(RefT r, VK k) {
        switch (r.headKind) {
            case HEAD_LOCAL: {
                Value v = f[((LVar) r.head).slot];
                return v == null || walk(v, r.ops, 0, k);
            }
            case HEAD_INPUT:
                return input == null || walk(input, r.ops, 0, k);
            case HEAD_DATA:
                return evalData(r.ops, 0, prog.root, data, dataOv.isEmpty() ? null : new Value[0], k);
            default:
                return eval(r.head, v -> walk(v, r.ops, 0, k));
        }
    }

    static Value lookup(Value v, Value key) {
        if (v instanceof ObjectValue o) return o.get(key);
        if (v instanceof ArrayValue a) {
            if (key instanceof NumberValue n) {
                Integer i = n.toIntOrNull();
                if (i != null && i >= 0 && i < a.size()) return a.get(i);
            }
            return null;
        }
        if (v instanceof SetValue s) return s.contains(key) ? key : null;
        return null;
    }

    private boolean walk(Value v, T[] ops, int i, VK k) {
        return walk(v, ops, i, k, false);
    }

    private boolean walk(Value v, T[] ops, int i, VK k, boolean dataMode) {
        while (i < ops.length) {
            T op = ops[i];
            Value key;
            if (op instanceof Const c) key = c.v;
            else if (op instanceof LVar lv && f[lv.slot] != null) key = f[lv.slot];
            else break;
            Value nv = lookup(v, key);
            if (nv == null && dataMode && key instanceof NumberValue && v instanceof ObjectValue ov) {
                nv = ov.get(StringValue.of(key.toString()));
            }
            if (nv == null) return true;
            v = nv;
            i++;
        }
        if (i == ops.length) return k.accept(v);
        T op = ops[i];
        final int ni = i + 1;
        if (op instanceof LVar lv) return enumerate(v, lv.slot, (key, child) -> walk(child, ops, ni, k));
        final Value vv = v;
        if (isPattern(op)) {
            return enumerate(vv, -1, (key, child) -> unifyValue(op, key, () -> walk(child, ops, ni, k)));
        }
        return eval(op, key -> {
            Value child = lookup(vv, key);
            return child == null || walk(child, ops, ni, k);
        });
    }

    interface KV { boolean accept(Value key, Value val); }

    /** Enumerates keys and values of a collection, binding {@code slot} (if >= 0) to each key. */
    private boolean enumerate(Value v, int slot, KV k) {
        if (v instanceof ArrayValue a) {
            for (int i = 0; i < a.size(); i++) {
                Value key = NumberValue.of(i);
                if (!bindKV(slot, key, a.get(i), k)) return false;
            }
        } else if (v instanceof ObjectValue o) {
            for (Value key : o.keys()) if (!bindKV(slot, key, o.get(key), k)) return false;
        } else if (v instanceof SetValue s) {
            for (Value e : s.sorted()) if (!bindKV(slot, e, e, k)) return false;
        }
        return true;
    }

    private boolean bindKV(int slot, Value key, Value val, KV k) {
        if (slot < 0) return k.accept(key, val);
        int mark = trN;
        bind(slot, key);
        boolean r = k.accept(key, val);
        undo(mark);
        return r;
    }

    // ------------------------------------------------------------------ data: base and virtual documents

    private Value overrideAt(Value[] path) {
        Value found = null;
        for (DataOverride o : dataOv) if (Arrays.equals(o.path, path)) found = o.value;
        return found;
    }

    private Value applyOverrides(Value v, Value[] path) {
        for (DataOverride o : dataOv) {
            if (o.path.length > path.length && prefixOf(path, o.path)) {
                v = upsert(v, o.path, path.length, o.value);
            }
        }
        return v;
    }

    private boolean overrideBelow(Value[] path) {
        for (DataOverride o : dataOv) if (o.path.length >= path.length && prefixOf(path, o.path)) return true;
        return false;
    }

    private static boolean prefixOf(Value[] p, Value[] full) {
        for (int i = 0; i < p.length; i++) if (!p[i].equals(full[i])) return false;
        return true;
    }

    private static Value[] append(Value[] path, Value k) {
        if (path == null) return null;
        Value[] p = Arrays.copyOf(path, path.length + 1);
        p[path.length] = k;
        return p;
    }

    private boolean evalData(T[] ops, int i, RuleNode node, Value docs, Value[] path, VK k) {
        Value base = node == prog.root && i == 0 ? withoutSystem(docs, ops) : docs;
        if (path != null) {
            Value ov = overrideAt(path);
            if (ov != null) return walk(ov, ops, i, k);
        }
        if (node == null) {
            Value v = path != null ? applyOverrides(base, path) : base;
            return v == null || walk(v, ops, i, k, true);
        }
        if (i == ops.length || !node.rules.isEmpty() || node.defaultRule != null || node.zeroArity) {
            Value v = docValue(node, base, path);
            return v == null || walk(v, ops, i, k);
        }
        T op = ops[i];
        Value key = null;
        if (op instanceof Const c) key = c.v;
        else if (op instanceof LVar lv) key = f[lv.slot];
        if (key != null) return dataChild(ops, i, node, base, path, key, k);
        if (op instanceof LVar lv) {
            TreeSet<Value> keys = new TreeSet<>();
            for (RuleNode c : node.children.values()) if (c.hasValues) keys.add(c.key);
            if (base instanceof ObjectValue bo) keys.addAll(bo.keys());
            for (Value kk : keys) {
                int mark = trN;
                bind(lv.slot, kk);
                boolean r = dataChild(ops, i, node, base, path, kk, k);
                undo(mark);
                if (!r) return false;
            }
            return true;
        }
        return eval(op, kk -> dataChild(ops, i, node, base, path, kk, k));
    }

    /**
     * OPA's topdown reads the base document at the root without its {@code system} key (the server's own
     * configuration lives there): {@code data} and {@code data[x]} do not show it, {@code data.system.x} still reads it.
     */
    private Value withoutSystem(Value base, T[] ops) {
        if (!(base instanceof ObjectValue o) || o.get(SYSTEM) == null) return base;
        // a ground first key reads below the root, where nothing is hidden
        if (ops.length > 0 && !(ops[0] instanceof LVar lv && f[lv.slot] == null)) return base;
        Map<Value, Value> m = new LinkedHashMap<>(o.asMap());
        m.remove(SYSTEM);
        return ObjectValue.wrap(m);
    }

    private static final Value SYSTEM = StringValue.of("system");

    private boolean dataChild(T[] ops, int i, RuleNode node, Value base, Value[] path, Value key, VK k) {
        RuleNode child = node.children.get(key);
        if (child != null && !child.hasValues) child = null;
        Value cb = base == null ? null : lookup(base, key);
        if (cb == null && key instanceof NumberValue && base instanceof ObjectValue bo) {
            cb = bo.get(StringValue.of(key.toString()));
            if (child == null) child = node.children.get(StringValue.of(key.toString()));
        }
        Value[] cp = append(path, key);
        if (child == null && cb == null && (cp == null || !overrideBelow(cp))) return true;
        return evalData(ops, i + 1, child, cb, cp, k);
    }

    private Value docValue(RuleNode node, Value base, Value[] path) {
        Object cached = docCache.get(node);
        if (cached != null) return cached == UNDEFINED ? null : (Value) cached;
        if (!inProgress.add(node)) {
            throw new EvalException(EvalError.INTERNAL, "rule " + node.path + " is recursive", Location.NONE);
        }
        Value v;
        try {
            v = computeDoc(node, base, path);
        } finally {
            inProgress.remove(node);
        }
        docCache.put(node, v == null ? UNDEFINED : v);
        return v;
    }

    private Value computeDoc(RuleNode node, Value base, Value[] path) {
        Value v = null;
        Object tree = null;
        boolean own = !node.rules.isEmpty() || node.defaultRule != null;
        if (node.zeroArity && !own) {
            v = Rules.callFunction(this, node, new Value[0], Location.NONE);
        } else if (own) {
            if (node.complete) v = Rules.evalRules(this, node);
            else tree = Rules.evalPartialTree(this, node);
        }
        boolean anyChild = !node.children.isEmpty() || (node.isPackage && !own);
        if (anyChild) {
            Map<Value, Value> m = new LinkedHashMap<>();
            if (!own && base instanceof ObjectValue bo) m.putAll(bo.asMap());
            for (RuleNode c : node.children.values()) {
                if (!c.hasValues) continue;
                Value[] cp = append(path, c.key);
                Value cv;
                if (cp != null && overrideAt(cp) != null) cv = overrideAt(cp);
                else cv = docValue(c, lookup(base, c.key), cp);
                if (cv == null) continue;
                if (tree != null) Rules.mergeInto(tree, c.key, cv, node);
                else m.put(c.key, cv);
            }
            if (tree != null) v = Rules.freeze(tree);
            else if (v == null) v = ObjectValue.wrap(m);
        } else if (tree != null) {
            v = Rules.freeze(tree);
        } else if (!own && !node.zeroArity) {
            v = base;
        }
        if (own && base != null) {
            v = v instanceof ObjectValue vo && base instanceof ObjectValue bo ? Rules.mergeBase(vo, bo) : base;
        }
        if (path != null && v != null) v = applyOverrides(v, path);
        else if (path != null) v = applyOverrides(null, path);
        return v;
    }

    // ------------------------------------------------------------------ calls

    private boolean evalCallExpr(X x, K k) {
        CallT c = x.call;
        Fn fn = c.fn;
        switch (x.out != null && (fn.kind == FN_MEMBER2 || fn.kind == FN_MEMBER3) ? -1 : fn.kind) {
            case FN_MEMBER2:
                return member(c.args[0], null, c.args[1], k);
            case FN_MEMBER3:
                return member(c.args[1], c.args[0], c.args[2], k);
            case FN_PRINT:
                Builtins.print(this, c);
                return k.run();
            case FN_WALK:
                return Builtins.walk(this, c, x.out, k);
            default:
                return callFn(fn, c.args, c.loc, res -> {
                    if (x.out != null) return unifyValue(x.out, res, k);
                    return (res instanceof BooleanValue b && !b.value()) || k.run();
                });
        }
    }

    /** {@code val in coll} / {@code key, val in coll}, binding unbound vars. */
    private boolean member(T val, T key, T coll, K k) {
        return eval(coll, cv -> {
            if (key == null && !isPattern(val)) {
                return eval(val, vv -> {
                    boolean in;
                    if (cv instanceof SetValue s) in = s.contains(vv);
                    else if (cv instanceof ArrayValue a) in = a.list().contains(vv);
                    else if (cv instanceof ObjectValue o) in = o.asMap().containsValue(vv);
                    else in = false;
                    return !in || k.run();
                });
            }
            return enumerate(cv, -1, (kk, vv) -> {
                if (key == null) return unifyValue(val, vv, k);
                return unifyValue(key, kk, () -> unifyValue(val, vv, k));
            });
        });
    }

    boolean callFn(Fn fn, T[] args, Location loc, VK k) {
        Value[] vals = new Value[args.length];
        for (T a : args) {
            if (a instanceof LVar lv && f[lv.slot] == null) return callFnDeferred(fn, args, loc, k);
        }
        return evalElems(args, 0, vals, () -> invoke(fn, vals.clone(), loc, k));
    }

    /** Some argument is an unbound var: evaluate the other arguments first (they may bind it). */
    private boolean callFnDeferred(Fn fn, T[] args, Location loc, VK k) {
        int n = args.length;
        T[] ordered = new T[n];
        int[] pos = new int[n];
        int j = 0;
        for (int i = 0; i < n; i++) if (!(args[i] instanceof LVar)) { pos[j] = i; ordered[j++] = args[i]; }
        for (int i = 0; i < n; i++) if (args[i] instanceof LVar) { pos[j] = i; ordered[j++] = args[i]; }
        Value[] tmp = new Value[n];
        return evalElems(ordered, 0, tmp, () -> {
            Value[] vals = new Value[n];
            for (int i = 0; i < n; i++) vals[pos[i]] = tmp[i];
            return invoke(fn, vals, loc, k);
        });
    }

    boolean invoke(Fn fn, Value[] vals, Location loc, VK k) {
        if (fnMocks != null) {
            Object m = fnMocks.get(fn.name);
            if (m != null) {
                if (m instanceof Value mv) return k.accept(mv);
                Map<String, Object> saved = fnMocks;
                fnMocks = null;
                try {
                    return invoke((Fn) m, vals, loc, k);
                } finally {
                    fnMocks = saved;
                }
            }
        }
        switch (fn.kind) {
            case FN_USER: {
                Value r = Rules.callFunction(this, fn.node, vals, loc);
                return r == null || k.accept(r);
            }
            case FN_EQ:
                return k.accept(BooleanValue.of(vals[0].equals(vals[1])));
            case FN_MEMBER2:
                return k.accept(BooleanValue.of(Builtins.memberOf(vals[0], vals[1])));
            case FN_MEMBER3:
                return k.accept(BooleanValue.of(Builtins.memberOf3(vals[0], vals[1], vals[2])));
            case FN_WALK:
                return Builtins.walkValue(vals[0], new ArrayList<>(), k::accept);
            case FN_TRACE:
                if (tr != null && vals.length > 0 && vals[0] instanceof StringValue s) tr.note(s.value(), loc);
                return k.accept(BooleanValue.TRUE);
            case FN_META_CHAIN:
            case FN_META_RULE:
                if (fn.constVal != null) return k.accept(fn.constVal);
                return k.accept(fn.kind == FN_META_RULE ? ObjectValue.EMPTY : ArrayValue.EMPTY);
            case FN_UNKNOWN:
                throw new EvalException(EvalError.TYPE, "undefined function " + fn.name, loc);
            default:
                break;
        }
        BuiltinFunction impl = fn.impl;
        if (impl == null) impl = BuiltinRegistry.lookup(fn.name);
        if (impl == null) {
            throw new EvalException(EvalError.INTERNAL, "builtin " + fn.name + " is not implemented", loc);
        }
        Value r;
        try {
            r = impl.call(this, vals);
        } catch (BuiltinException e) {
            // A resource cap is not the builtin's answer: without strict errors it would read as "undefined"
            // and a policy could allow what it only failed to evaluate.
            if (EvalError.LIMIT.equals(e.code())) throw new EvalException(EvalError.LIMIT, e.getMessage(), loc);
            if (opts.strictBuiltinErrors() && firstBuiltinError == null) {
                firstBuiltinError = new EvalException(e.code(), e.getMessage(), loc);
            }
            return true;
        } catch (EvalException e) {
            throw e;
        } catch (StackOverflowError e) {
            throw e;
        } catch (RuntimeException e) {
            if (opts.strictBuiltinErrors() && firstBuiltinError == null) {
                firstBuiltinError = new EvalException(EvalError.BUILTIN, fn.name + ": " + e.getMessage(), loc);
            }
            return true;
        }
        return r == null || k.accept(r);
    }

    // ------------------------------------------------------------------ frames (used by Rules)

    Value[] swapFrame(Value[] nf) {
        Value[] old = f;
        f = nf;
        return old;
    }

    void enterCall(Location loc) {
        if (++depth > maxDepth) {
            depth = 0;
            throw new EvalException(EvalError.LIMIT, "evaluation exceeded the maximum depth of " + maxDepth
                    + " nested rule or function calls", loc);
        }
    }

    void exitCall() {
        depth--;
    }
}
