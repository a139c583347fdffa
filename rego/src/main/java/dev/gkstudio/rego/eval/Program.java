package dev.gkstudio.rego.eval;

import dev.gkstudio.rego.result.RegoException;
import dev.gkstudio.rego.ast.*;
import dev.gkstudio.rego.ast.Module;
import dev.gkstudio.rego.builtins.BuiltinCatalog;
import dev.gkstudio.rego.compiler.CompileOptions;
import dev.gkstudio.rego.compiler.CompileResult;
import dev.gkstudio.rego.compiler.CompiledProgram;
import dev.gkstudio.rego.compiler.CompiledQuery;
import dev.gkstudio.rego.compiler.QueryCompileResult;
import dev.gkstudio.rego.compiler.RegoCompiler;
import dev.gkstudio.rego.eval.Ir.*;
import static dev.gkstudio.rego.eval.Ir.*;
import dev.gkstudio.rego.parser.ParseResult;
import dev.gkstudio.rego.parser.QueryResult;
import dev.gkstudio.rego.parser.RegoParser;
import dev.gkstudio.rego.value.*;

import java.util.*;

/**
 * A compiled policy in the evaluator's form: the rule tree (rules indexed by path) with every rule planned.
 * Built from the front end's {@link CompiledProgram} (the single place where refs are resolved, locals rewritten
 * and bodies ordered for safety); {@link Planner} only allocates frame slots. Immutable after construction and
 * safe to share between threads.
 */
public final class Program {
    private static final Map<String, Integer> ARITY = loadArity();

    private final List<Module> modules;
    private final CompiledProgram compiled;
    final RuleNode root = new RuleNode(null, "data");

    /** Result of {@link #compile}. */
    public record Compiled(List<Diagnostic> diagnostics, List<Module> modules, Program program) {}

    private Program(List<Module> modules, CompiledProgram compiled) {
        this.modules = List.copyOf(modules);
        this.compiled = compiled;
    }

    /** @return the modules as parsed (author's source). */
    public List<Module> modules() { return modules; }

    /** @return the front end's compiled program this was planned from. */
    public CompiledProgram compiled() { return compiled; }

    /** Parses the files with the given Rego version and plans them. */
    public static Compiled compile(List<SourceFile> files, RegoVersion version) {
        List<Module> mods = new ArrayList<>();
        List<Diagnostic> diags = new ArrayList<>();
        for (SourceFile f : files) {
            ParseResult r = RegoParser.parseModule(f, version);
            mods.add(r.module());
            diags.addAll(r.diagnostics());
        }
        if (!diags.isEmpty()) return new Compiled(diags, mods, null);
        CompileResult cr = RegoCompiler.compile(mods, CompileOptions.defaults());
        if (!cr.ok()) return new Compiled(cr.diagnostics(), mods, null);
        try {
            return new Compiled(diags, mods, fromCompiled(mods, cr.program()));
        } catch (RuntimeException e) {
            diags.add(new Diagnostic(ErrorCodes.COMPILE_ERROR, "internal compiler error: " + e, Location.NONE));
            return new Compiled(diags, mods, null);
        }
    }

    /** Plans a program compiled without errors by {@link RegoCompiler} from the given parsed modules. */
    public static Program fromCompiled(List<Module> parsed, CompiledProgram compiled) {
        Program p = new Program(parsed, compiled);
        p.build();
        return p;
    }

    static Integer builtinArityOf(String name) { return ARITY.get(name); }

    Integer builtinArity(String name) { return ARITY.get(name); }

    boolean isBuiltin(String name) { return ARITY.containsKey(name); }


    /** The node at a path below {@code data}, or null. */
    RuleNode node(Value[] path) {
        RuleNode n = root;
        for (Value k : path) {
            n = n.children.get(k);
            if (n == null) return null;
        }
        return n;
    }

    private static Value[] pkgPath(Module m) {
        Ref p = m.pkg().path();
        Value[] out = new Value[p.size() - 1];
        for (int i = 1; i < p.size(); i++) out[i - 1] = keyOf(p.get(i));
        return out;
    }

    private static Value keyOf(Term t) {
        if (t instanceof Scalar s) return Planner.scalar(s);
        if (t instanceof Var v) return StringValue.of(v.name());
        return StringValue.of(t.toString());
    }

    private void build() {
        List<Module> modules = compiled.modules();
        // first create nodes so that planning can resolve functions
        record Pending(Module m, Rule r, RuleNode node, String path, int groundLen) {}
        List<Pending> pending = new ArrayList<>();
        for (Module m : modules) {
            Value[] pkg = pkgPath(m);
            RuleNode pn = root;
            StringBuilder pps = new StringBuilder("data");
            for (Value k : pkg) {
                appendPath(pps, k);
                final String pstr = pps.toString();
                pn = pn.children.computeIfAbsent(k, kk -> new RuleNode(kk, pstr));
            }
            pn.isPackage = true;
            for (Rule r : m.rules()) {
                List<Term> ts = r.head().ref().terms();
                List<Value> path = new ArrayList<>(Arrays.asList(pkg));
                path.add(StringValue.of(r.head().name()));
                int g = 1;
                while (g < ts.size() && ts.get(g).isGround() && ts.get(g) instanceof Scalar) {
                    if (r.head().kind() == RuleKind.PARTIAL_OBJECT && g == ts.size() - 1 && r.head().key() != null
                            && ts.get(g).equals(r.head().key())) break;
                    path.add(keyOf(ts.get(g)));
                    g++;
                }
                RuleNode n = root;
                StringBuilder ps = new StringBuilder("data");
                for (Value k : path) {
                    appendPath(ps, k);
                    final String pstr = ps.toString();
                    n = n.children.computeIfAbsent(k, kk -> new RuleNode(kk, pstr));
                }
                pending.add(new Pending(m, r, n, ps.toString(), g));
                if (r.head().args() != null) {
                    if (r.isDefault()) n.defaultFunc = placeholder(r);
                    else n.funcs.add(placeholder(r));
                }
            }
        }
        // placeholders make isFunction() work during planning; now plan for real
        for (Pending p : pending) {
            if (p.r.head().args() != null) { p.node.funcs.clear(); p.node.defaultFunc = null; }
        }
        for (Pending p : pending) {
            if (p.r.head().args() != null) {
                if (p.r.isDefault()) p.node.defaultFunc = placeholder(p.r);
                else p.node.funcs.add(placeholder(p.r));
            }
        }
        Map<RuleNode, List<CRule>> funcs = new LinkedHashMap<>();
        Map<RuleNode, CRule> defFuncs = new HashMap<>();
        Metadata meta = new Metadata(modules);
        for (Pending p : pending) {
            Planner planner = new Planner(this, compiled.rewrittenVars());
            planner.meta = meta;
            planner.module = p.m;
            CRule c = planner.planRule(p.r, p.path, p.groundLen);
            if (p.r.head().args() != null) {
                if (p.r.isDefault()) defFuncs.put(p.node, c);
                else funcs.computeIfAbsent(p.node, k -> new ArrayList<>()).add(c);
            } else if (p.r.isDefault()) {
                p.node.defaultRule = c;
            } else {
                c.index = p.node.rules.size();
                p.node.rules.add(c);
            }
        }
        // once per function node (not per clause: a function may have 100,000 clauses)
        Set<RuleNode> done = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Pending p : pending) {
            if (p.r.head().args() != null && done.add(p.node)) {
                p.node.funcs.clear();
                p.node.funcs.addAll(funcs.getOrDefault(p.node, List.of()));
                p.node.defaultFunc = defFuncs.get(p.node);
            }
        }
        finish(root);
    }

    private static CRule placeholder(Rule r) {
        CRule c = new CRule();
        c.ast = r;
        return c;
    }

    private static boolean finish(RuleNode n) {
        for (CRule f : n.funcs) if (f.args != null && f.args.length == 0) n.zeroArity = true;
        boolean has = n.zeroArity || !n.rules.isEmpty() || n.defaultRule != null || !n.children.isEmpty() || n.isPackage;
        for (RuleNode c : n.children.values()) finish(c);
        n.hasValues = has;
        n.complete = !n.rules.isEmpty() || n.defaultRule != null;
        for (CRule r : n.rules) if (r.set || r.suffix.length > 0) n.complete = false;
        if (n.complete && !n.rules.isEmpty()) {
            Value first = null;
            boolean same = true;
            for (CRule r : n.rules) {
                if (!r.constValue || r.elseRule != null) { same = false; break; }
                Value v = ((Const) r.value).v;
                if (first == null) first = v;
                else if (!first.equals(v)) { same = false; break; }
            }
            n.allConstSame = same;
        }
        return has;
    }

    static void appendPath(StringBuilder sb, Value k) {
        if (k instanceof StringValue s && dev.gkstudio.rego.ast.Printer.isIdentifier(s.value())) {
            sb.append('.').append(s.value());
        } else {
            sb.append('[').append(k).append(']');
        }
    }

    /**
     * Parses (v1 keywords), compiles against this program and plans a query whose rows report each expression's
     * value, as OPA's Rego API does ({@link QueryCapture}).
     */
    public QueryPlan planQuery(String query) {
        return planQuery(query, true);
    }

    /**
     * Parses and plans a query; without {@code captureValues} it is evaluated as OPA's topdown evaluates a query
     * (a false expression fails, rows carry bindings only), the form OPA's compliance cases are judged in.
     */
    public QueryPlan planQuery(String query, boolean captureValues) {
        QueryResult r = RegoParser.parseQuery(query, RegoVersion.V1);
        if (!r.ok()) throw new RegoException(r.diagnostics());
        return captureValues ? planCapturing(query, r.body()) : planQuery(query, r.body());
    }

    /** Compiles a parsed query body against this program and plans it (topdown form). */
    public QueryPlan planQuery(String text, Body body) {
        QueryCompileResult qr = RegoCompiler.compileQuery(body, compiled, CompileOptions.defaults());
        if (!qr.ok()) throw new RegoException(qr.diagnostics());
        CompiledQuery cq = qr.query();
        Planner p = new Planner(this, cq.rewrittenVars());
        Query q = p.planQuery(cq.body());
        return new QueryPlan(text, q, p.nslots(), p.slotNames(), p.slotGenerated());
    }

    private QueryPlan planCapturing(String text, Body body) {
        CompileOptions opts = CompileOptions.defaults();
        QueryCapture.Result cap = QueryCapture.rewrite(text, body, compiled, opts.builtins());
        QueryCompileResult qr = RegoCompiler.compileQuery(cap.body(), compiled, opts);
        if (!qr.ok()) throw new RegoException(qr.diagnostics());
        CompiledQuery cq = qr.query();
        Map<String, String> names = new HashMap<>(cq.rewrittenVars());
        for (QueryCapture.Captured c : cap.captured()) if (c.var() != null) names.put(c.var(), "$");
        Planner p = new Planner(this, names);
        Query q = p.planQuery(cq.body());
        int[] slots = new int[cap.captured().size()];
        for (int i = 0; i < slots.length; i++) {
            String v = cap.captured().get(i).var();
            slots[i] = v == null ? -1 : p.slotOf(v);
        }
        return new QueryPlan(text, q, p.nslots(), p.slotNames(), p.slotGenerated(), cap.captured(), slots);
    }

    /** Arity of every builtin of the one table ({@link BuiltinCatalog}), -1 for variadic ones. */
    private static Map<String, Integer> loadArity() {
        Map<String, Integer> m = new HashMap<>();
        for (BuiltinCatalog.Entry e : BuiltinCatalog.declared().values()) m.put(e.name(), e.arity());
        return Collections.unmodifiableMap(m);
    }
}
