package dev.gkstudio.rego.compiler;

import dev.gkstudio.rego.ast.*;
import dev.gkstudio.rego.ast.Module;
import dev.gkstudio.rego.ast.Package;
import dev.gkstudio.rego.compiler.stages.CheckDeprecatedBuiltins;
import dev.gkstudio.rego.compiler.stages.CheckDuplicateImports;
import dev.gkstudio.rego.compiler.stages.CheckKeywordOverrides;
import dev.gkstudio.rego.compiler.stages.CheckRecursion;
import dev.gkstudio.rego.compiler.stages.CheckRuleConflicts;
import dev.gkstudio.rego.compiler.stages.CheckTypes;
import dev.gkstudio.rego.compiler.stages.CheckUndefinedFuncs;
import dev.gkstudio.rego.compiler.stages.ResolveRefs;
import dev.gkstudio.rego.compiler.stages.RewriteComprehensionTerms;
import dev.gkstudio.rego.compiler.stages.RewriteDynamicTerms;
import dev.gkstudio.rego.compiler.stages.RewriteExprTerms;
import dev.gkstudio.rego.compiler.stages.RewriteEquals;
import dev.gkstudio.rego.compiler.stages.RewriteWithValues;

import java.util.*;

/**
 * The Rego compiler: a driver that runs OPA's compiler stages in OPA's order ({@link #stages()}) and stops at the
 * first failing one, as OPA does. Stages are classes of {@code compiler.stages} (RewriteExprTerms,
 * RewriteComprehensionTerms, RewriteEquals, RewriteDynamicTerms, CheckKeywordOverrides, CheckDuplicateImports,
 * CheckRuleConflicts, CheckRecursion, CheckTypes, CheckUndefinedFuncs, RewriteWithValues' check,
 * CheckDeprecatedBuiltins, ResolveRefs' name tables; the checks of calls are called from one walk, checkCalls);
 * the name resolution with local-var rewriting and the safety checks are still
 * methods of this class:
 * <ul>
 * <li>ResolveRefs: vars naming rules of the package (over all its modules) or imports (which win) become absolute
 * refs ({@code q} to {@code data.test.q}, {@code alias.y} to {@code data.lib.x.y}), call operators likewise;</li>
 * <li>RewriteLocalVars: vars declared with {@code :=}, {@code some}, {@code every} and wildcards get unique
 * {@code __localN__} names, recorded in {@link CompiledProgram#rewrittenVars()} to map back; {@code :=} becomes
 * {@code =}; redeclarations are OPA's {@code var x assigned/declared/referenced above}, {@code arg x redeclared};</li>
 * <li>RewritePrintCalls' check ({@code var x is undeclared} in print arguments);</li>
 * <li>CheckSafetyRuleHeads/Bodies: each body is reordered (stable) so that every expression runs after the
 * expressions binding its inputs, as OPA's {@code reorderBodyForSafety}; closures are checked with the vars safe at
 * their position; unbound vars give {@code var x is unsafe}.</li>
 * </ul>
 * Never throws for any AST; problems are {@link Diagnostic}s.
 */
public final class RegoCompiler {

    private final CompileOptions opts;
    private final Builtins builtins;
    private final CheckTypes types;
    private final CheckUndefinedFuncs undefinedFuncs;
    private final RewriteWithValues withValues;
    private final List<Diagnostic> errors = new ArrayList<>();
    /** OPA compiler stage of each error (OPA stops after the first stage that reports errors). */
    private final IdentityHashMap<Diagnostic, Integer> stageOf = new IdentityHashMap<>();
    /** unsafe vars of the rule body being checked: var to the location of the first expression using it. */
    private Map<String, Location> unsafeAcc;
    /** the expression whose closures are being checked (location of comprehension-head unsafe vars). */
    private Location curExprLoc = Location.NONE;

    // OPA's compiler stages (v1/ast/compile.go NewCompiler), in order
    static final int ST_RESOLVE_REFS = 1, ST_KEYWORD_OVERRIDES = 3, ST_IMPORTS = 4, ST_REWRITE_LOCAL_VARS = 8,
            ST_PRINT_CALLS = 10, ST_WITH = 19, ST_RULE_CONFLICTS = 20, ST_UNDEFINED_FUNCS = 21, ST_SAFETY_HEADS = 22,
            ST_SAFETY_BODIES = 23, ST_RECURSION = 26, ST_TYPES = 27, ST_DEPRECATED = 29;
    /** OPA's default compiler error limit ({@code CompileErrorLimitDefault}). */
    static final int ERROR_LIMIT = 10;

    private void err(int stage, Diagnostic d) {
        errors.add(d);
        stageOf.put(d, stage);
    }

    private int firstFailedStage() {
        int first = Integer.MAX_VALUE;
        for (Diagnostic d : errors) first = Math.min(first, stageOf.getOrDefault(d, Integer.MAX_VALUE));
        return first;
    }

    /**
     * The errors OPA would report: those of the first stage that failed (later stages do not run), type errors
     * sorted by location then text (as OPA's type checker sorts them), capped at {@link #ERROR_LIMIT} followed by
     * OPA's {@code error limit reached}.
     */
    private List<Diagnostic> reported() {
        if (errors.isEmpty()) return errors;
        int first = firstFailedStage();
        List<Diagnostic> out = new ArrayList<>();
        for (Diagnostic d : errors) if (stageOf.getOrDefault(d, Integer.MAX_VALUE) == first) out.add(d);
        if (first == ST_TYPES) out.sort(RegoCompiler::compareErrors);
        if (out.size() > ERROR_LIMIT) {
            out = new ArrayList<>(out.subList(0, ERROR_LIMIT));
            out.add(new Diagnostic(ErrorCodes.COMPILE_ERROR, "error limit reached", Location.NONE));
        }
        return out;
    }

    /** OPA's Errors.Sort: by location (file, row, col), then by the error text. */
    static int compareErrors(Diagnostic a, Diagnostic b) {
        int c = compareLoc(a.location(), b.location());
        return c != 0 ? c : a.toString().compareTo(b.toString());
    }

    static int compareLoc(Location a, Location b) {
        if (!a.isKnown() || !b.isKnown()) return Boolean.compare(a.isKnown(), b.isKnown());
        int c = a.file().compareTo(b.file());
        if (c != 0) return c;
        c = Integer.compare(a.startLine(), b.startLine());
        return c != 0 ? c : Integer.compare(a.startCol(), b.startCol());
    }

    /** OPA's Location.String(): {@code file:row}, or {@code row:col} without a file. */
    public static String locString(Location l) {
        return l.file().isEmpty() ? l.startLine() + ":" + l.startCol() : l.file() + ":" + l.startLine();
    }
    private final Map<String, String> rewritten = new LinkedHashMap<>();
    private int localCounter;
    private String localPrefix = "__local";

    /** global rule paths (ground prefix strings) -> kind info. */
    private final Map<String, List<Rule>> rulesByPath = new LinkedHashMap<>();
    private final IdentityHashMap<Rule, String> rulePaths = new IdentityHashMap<>();
    /** each rule's index in its rulesByPath list: replacing a rewritten rule must not scan the list (100,000 rules). */
    private final IdentityHashMap<Rule, Integer> pathIndex = new IdentityHashMap<>();
    private final Map<String, Integer> functions = new LinkedHashMap<>();
    private final IdentityHashMap<Rule, Module> ruleModule = new IdentityHashMap<>();
    /** all paths of packages, for dependency lookup. */
    private final Set<String> packagePaths = new HashSet<>();
    private final Map<String, Ref> pathRefs = new HashMap<>();

    private RegoCompiler(CompileOptions opts) {
        this.opts = opts == null ? CompileOptions.defaults() : opts;
        this.builtins = this.opts.builtins();
        this.types = new CheckTypes(builtins);
        this.undefinedFuncs = new CheckUndefinedFuncs(builtins, functions, types);
        this.withValues = new RewriteWithValues(builtins, functions);
    }

    /** Compiles modules into a program. */
    public static CompileResult compile(List<Module> modules, CompileOptions opts) {
        RegoCompiler c = new RegoCompiler(opts);
        try {
            return c.run(modules);
        } catch (StackOverflowError | RuntimeException e) {
            List<Diagnostic> d = new ArrayList<>(c.errors);
            d.add(new Diagnostic(ErrorCodes.COMPILE_ERROR, "internal compiler error: " + e, Location.NONE));
            return new CompileResult(new CompiledProgram(modules, Map.of(), new RuleTree("data", "data"), Map.of(),
                    Map.of(), Map.of(), new IdentityHashMap<>()), d);
        }
    }

    /** Compiles a query against a compiled program (which supplies user functions for arity/undefined checks). */
    public static QueryCompileResult compileQuery(Body query, CompiledProgram program, CompileOptions opts) {
        RegoCompiler c = new RegoCompiler(opts);
        c.localPrefix = "__localq";
        try {
            if (program != null) {
                c.functions.putAll(program.functions());
                c.rulesByPath.putAll(program.rulesByPath());
            }
            ModuleCtx m = new ModuleCtx(null, Map.of(), Map.of(), true);
            Scope scope = new Scope(null);
            Body rewrittenBody = c.rewriteBody(query, scope, m, Set.of());
            c.checkCalls(rewrittenBody, m);
            Set<String> safe = new HashSet<>(Set.of("data", "input"));
            c.checkPrintCalls(rewrittenBody, safe);
            c.unsafeAcc = new LinkedHashMap<>();
            Body ordered = c.reorder(rewrittenBody, safe, new HashSet<>());
            c.flushUnsafe();
            if (!c.errors.isEmpty()) return new QueryCompileResult(null, c.reported());
            ordered = new RewriteExprTerms(c::freshGenerated, false).body(ordered);
            ordered = new RewriteComprehensionTerms(c::freshGenerated).body(ordered);
            ordered = new RewriteDynamicTerms(c::freshGenerated, false).body(ordered);
            return new QueryCompileResult(new CompiledQuery(ordered, Collections.unmodifiableMap(c.rewritten), query), List.of());
        } catch (StackOverflowError | RuntimeException e) {
            List<Diagnostic> d = new ArrayList<>(c.errors);
            d.add(new Diagnostic(ErrorCodes.COMPILE_ERROR, "internal compiler error: " + e, Location.NONE));
            return new QueryCompileResult(null, d);
        }
    }

    /** OPA's regoV1Compatible: a Rego v1 module, or a v0 module that imports {@code rego.v1}. */
    static boolean v1Compatible(Module m) {
        if (m.version() == RegoVersion.V1) return true;
        for (Import imp : m.imports()) if (imp.path().toString().equals("rego.v1")) return true;
        return false;
    }

    private static boolean importsNotKeyword(Module m) {
        for (Import imp : m.imports()) {
            if (imp.path().toString().equals("future.keywords.not")) return true;
        }
        return false;
    }

    // =====================================================================================================
    // module context

    static final class ModuleCtx {
        final Module module;
        final Ref pkg;
        final Map<String, Ref> imports;
        final Map<String, Ref> globals;
        /** Rego v1, or v0 with {@code import rego.v1}: deprecated builtins are errors. */
        final boolean v1Compatible;
        final Set<String> usedImports = new HashSet<>();

        ModuleCtx(Module module, Map<String, Ref> imports, Map<String, Ref> globals, boolean v1Compatible) {
            this.module = module;
            this.pkg = module == null ? null : module.pkg().path();
            this.imports = imports;
            this.globals = globals;
            this.v1Compatible = v1Compatible;
        }
    }

    static String pathKey(Ref r) { return r.toString(); }

    /** path of a rule: package + ground prefix of the head ref. */
    public static Ref rulePath(Ref pkg, Ref head) {
        List<Term> ts = new ArrayList<>(pkg.terms());
        Term h = head.get(0);
        if (h instanceof Var v) ts.add(Scalar.string(v.name(), v.location()));
        for (int i = 1; i < head.size(); i++) {
            if (!head.get(i).isGround()) break;
            ts.add(head.get(i));
        }
        return new Ref(ts, head.location());
    }

    /**
     * One of OPA's compiler stages: its name in OPA's stage list, the earliest OPA stage (ST_*) whose errors the
     * step reports ({@link #REWRITE} for rewrites that need an error-free program) and the step itself.
     */
    private record Stage(String opaName, int firstReported, Runnable step) {}

    /** A step that reports nothing and runs only on a program without errors. */
    private static final int REWRITE = Integer.MAX_VALUE;

    /** The modules as the stages leave them, one entry per input module (same order). */
    private List<Module> current;
    private final List<ModuleCtx> ctxs = new ArrayList<>();

    /**
     * OPA's stage list (v1/ast/compile.go NewCompiler) in OPA's order, as far as this compiler implements it. Some of
     * our steps do the work of several OPA stages in one walk; each is listed under the first of them and its comment
     * names the others (their errors still carry their own OPA stage, see {@link #reported()}). Stages that only build
     * OPA's internal structures (SetModuleTree, SetGraph, BuildRuleIndices, ...) have no step: the rule tree and
     * dependency graph are assembled at the end for every compile.
     */
    private List<Stage> stages() {
        return List.of(
                // + CheckKeywordOverrides, CheckDuplicateImports (per module, before any rewriting)
                new Stage("ResolveRefs", ST_KEYWORD_OVERRIDES, this::resolveGlobals),
                // ResolveRefs' rewriting of names and RewriteLocalVars in one walk per rule
                new Stage("RewriteLocalVars", ST_RESOLVE_REFS, this::rewriteLocals),
                new Stage("CheckRuleConflicts", ST_RULE_CONFLICTS, this::checkConflicts),
                // + RewritePrintCalls' check, CheckUndefinedFuncs, RewriteWithValues' target check,
                // CheckSafetyRuleHeads, CheckTypes' literal checks, CheckDeprecatedBuiltins
                new Stage("CheckSafetyRuleBodies", ST_PRINT_CALLS, this::checkRules),
                new Stage("RewriteExprTerms", REWRITE, () -> rewriteRules(m -> new RewriteExprTerms(this::freshGenerated,
                        importsNotKeyword(m))::rule)),
                new Stage("RewriteComprehensionTerms", REWRITE, () -> rewriteRules(m ->
                        new RewriteComprehensionTerms(this::freshGenerated)::rule)),
                new Stage("RewriteEquals", REWRITE, () -> rewriteRules(m -> {
                    boolean keep = importsNotKeyword(m);
                    return r -> RewriteEquals.rule(r, keep);
                })),
                new Stage("RewriteDynamicTerms", REWRITE, () -> rewriteRules(m -> new RewriteDynamicTerms(this::freshGenerated,
                        importsNotKeyword(m))::rule)));
    }

    /**
     * Runs the stages in order and stops once an error of an earlier OPA stage than the next step could report is
     * recorded: OPA stops at the first failing stage, and a step covering several OPA stages must still run when it
     * may report an earlier one than the errors so far.
     */
    private CompileResult run(List<Module> modules) {
        current = new ArrayList<>(modules);
        for (Stage st : stages()) {
            if (!errors.isEmpty() && firstFailedStage() < st.firstReported()) break;
            st.step().run();
        }
        // CheckRecursion needs the dependency graph, which the Studio shows even for a policy with errors
        Map<String, Set<String>> deps = buildGraph(current);
        checkRecursion(deps);
        return new CompileResult(program(deps), reported());
    }

    /** OPA's getExports/getGlobals: the rule names of each package (over all its modules) and each module's imports. */
    private void resolveGlobals() {
        List<Module> modules = current;
        for (Module m : modules) collectUserNames(m);
        // the rule names of a package come from all of its modules (src.rego + src_test.rego)
        Map<String, Map<String, Ref>> exports = ResolveRefs.exports(modules);
        for (Module m : modules) {
            Map<String, Ref> globals = exports.get(pathKey(m.pkg().path()));
            boolean v1 = v1Compatible(m);
            if (opts.strict() || v1) {
                for (Diagnostic d : CheckKeywordOverrides.check(m)) err(ST_KEYWORD_OVERRIDES, d);
                for (Diagnostic d : CheckDuplicateImports.check(m)) err(ST_IMPORTS, d);
            }
            Map<String, Ref> imports = ResolveRefs.imports(m);
            packagePaths.add(pathKey(m.pkg().path()));
            ctxs.add(new ModuleCtx(m, imports, globals, v1));
        }
    }

    /** Resolves names and renames locals in every rule, and indexes the rules by path. */
    private void rewriteLocals() {
        List<Module> out = new ArrayList<>();
        for (ModuleCtx mc : ctxs) {
            List<Rule> rules = new ArrayList<>();
            for (Rule r : mc.module.rules()) {
                Rule nr = rewriteRule(r, mc);
                rules.add(nr);
                Ref pref = rulePath(mc.pkg, nr.head().ref());
                String path = pathKey(pref);
                pathRefs.putIfAbsent(path, pref);
                List<Rule> samePath = rulesByPath.computeIfAbsent(path, k -> new ArrayList<>());
                pathIndex.put(nr, samePath.size());
                samePath.add(nr);
                ruleModule.put(nr, mc.module);
                rulePaths.put(nr, path);
                if (nr.head().args() != null) functions.putIfAbsent(path, nr.head().args().size());
            }
            out.add(mc.module.withRules(rules));
            if (opts.strict()) {
                for (Import imp : mc.module.imports()) {
                    if (imp.isSyntaxImport()) continue;
                    if (!mc.usedImports.contains(imp.name())) {
                        err(ST_RESOLVE_REFS, new Diagnostic(ErrorCodes.COMPILE_ERROR, "import " + imp.path()
                                + (imp.alias() != null ? " as " + imp.alias() : "") + " unused", imp.location()));
                    }
                }
            }
        }
        current = out;
    }

    /** Calls, with targets, print arguments, head and body safety (bodies reordered), literal types. */
    private void checkRules() {
        for (int i = 0; i < current.size(); i++) {
            Module m = current.get(i);
            ModuleCtx mc = ctxs.get(i);
            List<Rule> rules = new ArrayList<>();
            for (Rule r : m.rules()) {
                String path = rulePaths.get(r);
                Rule nr = checkRule(r, mc);
                rules.add(nr);
                swapInPath(path, r, nr);
                rulePaths.remove(r);
                rulePaths.put(nr, path);
            }
            current.set(i, m.withRules(rules));
        }
    }

    /** Applies a per-module rule rewrite to every rule, keeping the path index in step. */
    private void rewriteRules(java.util.function.Function<Module, java.util.function.UnaryOperator<Rule>> perModule) {
        for (int i = 0; i < current.size(); i++) {
            Module m = current.get(i);
            java.util.function.UnaryOperator<Rule> f = perModule.apply(m);
            List<Rule> rules = new ArrayList<>();
            for (Rule r : m.rules()) {
                Rule nr = f.apply(r);
                rules.add(nr);
                replaceRule(r, nr);
            }
            current.set(i, m.withRules(rules));
        }
    }

    /** The rule tree, path index and the rest of what the evaluator, language server and trace view read. */
    private CompiledProgram program(Map<String, Set<String>> deps) {
        RuleTree tree = new RuleTree("data", "data");
        for (Module m : current) {
            for (Rule r : m.rules()) {
                Ref p = rulePath(m.pkg().path(), r.head().ref());
                RuleTree n = tree;
                for (int k = 1; k < p.size(); k++) {
                    Term t = p.get(k);
                    n = n.child(t instanceof Scalar s && s.isString() ? s.stringValue() : t.toString());
                }
                n.rules().add(r);
            }
        }
        Map<String, List<Rule>> idx = new LinkedHashMap<>();
        for (var e : rulesByPath.entrySet()) idx.put(e.getKey(), List.copyOf(e.getValue()));
        return new CompiledProgram(List.copyOf(current), Collections.unmodifiableMap(idx), tree,
                Collections.unmodifiableMap(deps), Collections.unmodifiableMap(rewritten),
                Collections.unmodifiableMap(functions), rulePaths);
    }

    // =====================================================================================================
    // scopes and rewriting

    enum Occurrence { ASSIGNED, DECLARED, ARG }

    static final class Scope {
        final Scope parent;
        final Map<String, String> declared = new HashMap<>();
        /** names used (not declared) so far in this scope: for "referenced above". */
        final Set<String> used = new HashSet<>();
        /** names that must not be resolved as globals (declared anywhere in the body). */
        Set<String> ignore = new HashSet<>();
        /** assigned-but-unused tracking for strict mode: generated name -> location. */
        final Map<String, Location> assignedAt = new LinkedHashMap<>();
        /** how each name was introduced in this scope (OPA's varOccurrence), for redeclaration errors. */
        final Map<String, Occurrence> occurrence = new HashMap<>();

        /** OPA's rewriteDeclaredVar errors for declaring {@code name} again in this scope, or null. */
        String redeclared(String name) {
            Occurrence o = occurrence.get(name);
            if (o != null) {
                return switch (o) {
                    case ASSIGNED -> "var " + name + " assigned above";
                    case DECLARED -> "var " + name + " declared above";
                    case ARG -> "arg " + name + " redeclared";
                };
            }
            return used.contains(name) ? "var " + name + " referenced above" : null;
        }

        Scope(Scope parent) { this.parent = parent; }

        String lookup(String name) {
            for (Scope s = this; s != null; s = s.parent) {
                String v = s.declared.get(name);
                if (v != null) return v;
            }
            return null;
        }

        boolean ignored(String name) {
            for (Scope s = this; s != null; s = s.parent) if (s.ignore.contains(name) || s.declared.containsKey(name)) return true;
            return false;
        }
    }

    private final Set<String> userNames = new HashSet<>();

    private void collectUserNames(Module m) {
        TermVisitor v = t -> {
            if (t instanceof Var x && x.name().startsWith("__local")) userNames.add(x.name());
            return true;
        };
        for (Rule r : m.rules()) {
            for (Rule x = r; x != null; x = x.elseRule()) {
                walkBody(x.body(), v);
                for (Term t : headTerms(x.head())) walkTerms(t, v, true);
                if (x.head().args() != null) for (Term t : x.head().args()) walkTerms(t, v, true);
            }
        }
    }

    private String fresh(String original) {
        String n = localPrefix + (localCounter++) + "__";
        while (userNames.contains(n)) n = localPrefix + (localCounter++) + "__";
        rewritten.put(n, original);
        return n;
    }

    private int wildCounter;

    private String freshWildcard() {
        String n = localPrefix + "w" + (wildCounter++) + "__";
        while (userNames.contains(n)) n = localPrefix + "w" + (wildCounter++) + "__";
        rewritten.put(n, "_");
        return n;
    }

    /** A generated var that is not the author's (not in rewrittenVars(): traces show it as is, as OPA). */
    private String freshGenerated() {
        String n = localPrefix + (localCounter++) + "__";
        while (userNames.contains(n)) n = localPrefix + (localCounter++) + "__";
        return n;
    }

    private void replaceRule(Rule r, Rule nr) {
        if (r == nr) return;
        String path = rulePaths.remove(r);
        if (path == null) return;
        swapInPath(path, r, nr);
        rulePaths.put(nr, path);
        Module mod = ruleModule.remove(r);
        if (mod != null) ruleModule.put(nr, mod);
    }

    /** Replaces r by nr in the rules of path. */
    private void swapInPath(String path, Rule r, Rule nr) {
        List<Rule> l = rulesByPath.get(path);
        if (l == null || r == nr) return;
        Integer k = pathIndex.remove(r);
        if (k != null && k < l.size() && l.get(k) == r) {
            l.set(k, nr);
            pathIndex.put(nr, k);
            return;
        }
        for (int i = 0; i < l.size(); i++) {
            if (l.get(i) == r) {
                l.set(i, nr);
                pathIndex.put(nr, i);
            }
        }
    }

    private Rule rewriteRule(Rule r, ModuleCtx m) {
        Scope scope = new Scope(null);
        Set<String> argVars = new HashSet<>();
        if (r.head().args() != null) for (Term a : r.head().args()) collectVars(a, argVars);
        scope.ignore.addAll(argVars);
        for (String a : argVars) scope.occurrence.put(a, Occurrence.ARG);
        Map<String, String> wild = new HashMap<>();
        // args: wildcards become fresh locals
        List<Term> args = null;
        if (r.head().args() != null) {
            args = new ArrayList<>();
            for (Term a : r.head().args()) args.add(renameWildcards(a, wild));
        }
        Body body = rewriteBody(r.body(), scope, m, Set.of());
        RuleHead h = r.head();
        Ref headRef = h.ref();
        List<Term> hts = new ArrayList<>();
        hts.add(headRef.get(0));
        for (int i = 1; i < headRef.size(); i++) hts.add(rwTerm(headRef.get(i), scope, m));
        Ref newRef = new Ref(hts, headRef.location());
        Term key = h.key() == null ? null : rwTerm(h.key(), scope, m);
        if (h.kind() == RuleKind.PARTIAL_OBJECT && h.key() != null && newRef.size() > 1) key = newRef.get(newRef.size() - 1);
        Term value = h.value() == null ? null : rwTerm(h.value(), scope, m);
        RuleHead nh = new RuleHead(newRef, h.name(), args, key, value, h.assign(), h.kind(), h.location());
        strictUnused(scope);
        Rule elseRule = r.elseRule() == null ? null : rewriteRule(r.elseRule(), m);
        return new Rule(nh, body, r.isDefault(), elseRule, r.annotations(), r.location());
    }

    private Term renameWildcards(Term t, Map<String, String> wild) {
        if (t instanceof Var v && v.isWildcard()) return new Var(wild.computeIfAbsent(v.name(), k -> fresh("_")), v.location());
        return t;
    }

    private void strictUnused(Scope scope) {
        if (!opts.strict()) return;
        for (var e : scope.assignedAt.entrySet()) {
            err(ST_REWRITE_LOCAL_VARS, new Diagnostic(ErrorCodes.COMPILE_ERROR, "assigned var " + rewritten.getOrDefault(e.getKey(), e.getKey())
                    + " unused", e.getValue()));
        }
    }

    /** declared vars of a body (not descending into closures): := lhs, some, some-in. */
    private static void declaredVars(Body b, Set<String> out) {
        for (Expr e : b.exprs()) {
            if (e.isAssignment()) collectVars(e.call().args().get(0), out);
            else if (e.terms() instanceof SomeDecl sd) {
                for (Term s : sd.symbols()) {
                    if (s instanceof Var v) out.add(v.name());
                    else if (s instanceof Call c) {
                        List<Term> a = c.args();
                        for (int i = 0; i < a.size() - 1; i++) collectVars(a.get(i), out);
                    }
                }
            }
        }
    }

    Body rewriteBody(Body b, Scope scope, ModuleCtx m, Set<String> extraIgnore) {
        Set<String> decl = new HashSet<>();
        declaredVars(b, decl);
        scope.ignore.addAll(decl);
        scope.ignore.addAll(extraIgnore);
        List<Expr> out = new ArrayList<>();
        for (Expr e : b.exprs()) {
            Expr ne = rewriteExpr(e, scope, m);
            if (ne != null) out.add(ne.withIndex(out.size()));
        }
        if (out.isEmpty()) out.add(new Expr(0, false, Scalar.bool(true, b.location()), List.of(), true, b.location()));
        return new Body(out, b.location());
    }

    private Expr rewriteExpr(Expr e, Scope scope, ModuleCtx m) {
        List<With> withs = new ArrayList<>();
        for (With w : e.withs()) {
            Term target = rwWithTarget(w.target(), m);
            withs.add(new With(target, rwTerm(w.value(), scope, m), w.location()));
        }
        ExprTerms t = e.terms();
        if (t instanceof SomeDecl sd) {
            if (!sd.isIn()) {
                for (Term s : sd.symbols()) {
                    Var v = (Var) s;
                    String again = scope.redeclared(v.name());
                    if (again != null) {
                        err(ST_REWRITE_LOCAL_VARS, new Diagnostic(ErrorCodes.COMPILE_ERROR, again, sd.location()));
                        continue;
                    }
                    scope.declared.put(v.name(), fresh(v.name()));
                    scope.occurrence.put(v.name(), Occurrence.DECLARED);
                }
                return null;
            }
            Call c = (Call) sd.symbols().get(0);
            List<Term> a = c.args();
            Term domain = rwTerm(a.get(a.size() - 1), scope, m);
            // OPA generates the key of `some x in xs` (not a rewritten var) before declaring x
            Var genKey = a.size() == 3 ? null : new Var(freshGenerated(), c.location());
            for (int i = 0; i < a.size() - 1; i++) declareVars(a.get(i), scope, false, sd.location());
            Term keyT, valT;
            if (a.size() == 3) {
                keyT = rwTerm(a.get(0), scope, m);
                valT = rwTerm(a.get(1), scope, m);
            } else {
                keyT = genKey;
                valT = rwTerm(a.get(0), scope, m);
            }
            Ref access;
            if (domain instanceof Ref dr) access = dr.append(keyT);
            else access = new Ref(List.of(domain, keyT), domain.location());
            Ref eq = Ref.ofDotted("eq", c.location());
            return new Expr(e.index(), false, new Call(eq, List.of(valT, access), sd.location()), withs, false, e.location());
        }
        if (t instanceof Every ev) {
            Term domain = rwTerm(ev.domain(), scope, m);
            Scope child = new Scope(scope);
            Term key = null;
            if (ev.key() != null) {
                declareVars(ev.key(), child, false, ev.location());
                key = rwTerm(ev.key(), child, m);
            } else {
                freshGenerated(); // OPA generates a dummy key var here (numbering of later generated vars)
            }
            declareVars(ev.value(), child, false, ev.location());
            Term val = rwTerm(ev.value(), child, m);
            Body body = rewriteBody(ev.body(), child, m, Set.of());
            return new Expr(e.index(), e.negated(), new Every(key, val, domain, body, ev.location()), withs, e.generated(), e.location());
        }
        if (t instanceof LogicalExpr le) {
            List<Body> ops = new ArrayList<>();
            for (Body ob : le.operands()) {
                ops.add(rewriteBody(ob, new Scope(scope), m, Set.of()));
            }
            return new Expr(e.index(), e.negated(), new LogicalExpr(le.op(), ops, le.location()), withs, e.generated(), e.location());
        }
        if (t instanceof Body nb) {
            Body body = rewriteBody(nb, new Scope(scope), m, Set.of());
            return new Expr(e.index(), e.negated(), body, withs, e.generated(), e.location());
        }
        if (e.isAssignment()) {
            Call c = e.call();
            Term rhs = rwTerm(c.args().get(1), scope, m);
            Term lhs0 = rootDocumentsAsVars(c.args().get(0));
            if (!assignable(lhs0)) {
                err(ST_REWRITE_LOCAL_VARS, new Diagnostic(ErrorCodes.COMPILE_ERROR, "cannot assign to " + termKind(lhs0), lhs0.location()));
            }
            Map<String, Location> before = new HashMap<>(scope.assignedAt);
            declareVars(lhs0, scope, true, null);
            Map<String, Location> fresh = new HashMap<>(scope.assignedAt);
            fresh.keySet().removeAll(before.keySet());
            Term lhs = rwTerm(lhs0, scope, m);
            scope.assignedAt.putAll(fresh);
            Ref eq = Ref.ofDotted("eq", c.operator().location());
            return new Expr(e.index(), e.negated(), new Call(eq, List.of(lhs, rhs), c.location()), withs, e.generated(), e.location());
        }
        Term nt = rwTerm((Term) t, scope, m);
        return new Expr(e.index(), e.negated(), nt, withs, e.generated(), e.location());
    }

    /** As OPA's rewriteDeclaredAssignment: {@code input := ...} declares a local named input (the parser made it a ref). */
    private static Term rootDocumentsAsVars(Term t) {
        if (t instanceof Ref r && r.size() == 1 && r.get(0) instanceof Var v) return v;
        if (t instanceof ArrayTerm a) return new ArrayTerm(a.elements().stream().map(RegoCompiler::rootDocumentsAsVars).toList(), a.location());
        if (t instanceof ObjectTerm o) {
            List<Map.Entry<Term, Term>> es = new ArrayList<>();
            for (var en : o.entries()) es.add(Map.entry(en.getKey(), rootDocumentsAsVars(en.getValue())));
            return new ObjectTerm(es, o.location());
        }
        return t;
    }

    private static boolean assignable(Term t) {
        if (t instanceof Var) return true;
        if (t instanceof ArrayTerm a) { for (Term x : a.elements()) if (!(assignable(x) || x.isGround())) return false; return true; }
        if (t instanceof ObjectTerm o) { for (var en : o.entries()) if (!(assignable(en.getValue()) || en.getValue().isGround())) return false; return true; }
        return false;
    }

    private static String termKind(Term t) {
        if (t instanceof Ref) return "ref";
        if (t instanceof Call) return "call";
        if (t instanceof Scalar s) return s.kind().name().toLowerCase(Locale.ROOT);
        return "term";
    }

    /**
     * Declares the vars of an assignment's left side ({@code assign}), a {@code some ... in} or an {@code every}
     * in {@code scope}; a name already assigned, declared, an argument or referenced in this scope is OPA's
     * redeclaration error, at {@code at} ({@code some}/{@code every}) or else at the var.
     */
    private void declareVars(Term pattern, Scope scope, boolean assign, Location at) {
        Set<String> vs = new LinkedHashSet<>();
        Map<String, Location> locs = new HashMap<>();
        collectVarLocs(pattern, vs, locs);
        for (String name : vs) {
            if (name.startsWith("$") || name.equals("_")) continue;
            String again = scope.redeclared(name);
            if (again != null) {
                err(ST_REWRITE_LOCAL_VARS, new Diagnostic(ErrorCodes.COMPILE_ERROR, again, at != null ? at : locs.get(name)));
                continue;
            }
            String g = fresh(name);
            scope.declared.put(name, g);
            scope.occurrence.put(name, assign ? Occurrence.ASSIGNED : Occurrence.DECLARED);
            if (assign && opts.strict()) scope.assignedAt.put(g, locs.get(name));
        }
    }

    private Term rwWithTarget(Term target, ModuleCtx m) {
        if (target instanceof Ref r && r.get(0) instanceof Var v && !v.name().equals("input") && !v.name().equals("data")) {
            Ref base = resolveGlobal(v.name(), m);
            if (base != null) {
                List<Term> ts = new ArrayList<>(base.terms());
                ts.addAll(r.terms().subList(1, r.size()));
                return new Ref(ts, r.location());
            }
        }
        return target;
    }

    /**
     * OPA's getGlobals: a name resolves to an import of the module before a rule of the package (imports are put
     * into the globals last, so they shadow rule names), and neither applies to the root documents.
     */
    private static Ref resolveGlobal(String name, ModuleCtx m) {
        Ref imp = m.imports.get(name);
        if (imp != null) {
            m.usedImports.add(name);
            return imp;
        }
        return m.globals.get(name);
    }

    /** Rewrites a term: local renames, wildcards, global/import resolution, closures. */
    Term rwTerm(Term t, Scope scope, ModuleCtx m) {
        if (t instanceof Scalar) return t;
        if (t instanceof Var v) {
            String name = v.name();
            if (name.startsWith("$")) {
                // OPA keeps wildcards as $N (no __localN__ number): a separate name space keeps the numbering of
                // OPA's generated vars (shown in traces) aligned
                String f = freshWildcard();
                return new Var(f, v.location());
            }
            String l = scope.lookup(name);
            if (l != null) {
                markUsed(scope, l);
                return new Var(l, v.location());
            }
            scope.used.add(name);
            if (!scope.ignored(name)) {
                Ref g = resolveGlobal(name, m);
                if (g != null) return g.withLocation(v.location());
            }
            return v;
        }
        if (t instanceof Ref r) {
            Term head = r.get(0);
            List<Term> ts = new ArrayList<>();
            if (head instanceof Var v && !v.name().startsWith("$")) {
                String name = v.name();
                String l = scope.lookup(name);
                if (l != null) {
                    markUsed(scope, l);
                    // a local named input/data (plain v0) replaces the whole root document ref
                    if (r.size() == 1) return new Var(l, v.location());
                    ts.add(new Var(l, v.location()));
                } else {
                    scope.used.add(name);
                    Ref base = null;
                    if (!scope.ignored(name) && !name.equals("data") && !name.equals("input")) {
                        base = resolveGlobal(name, m);
                    }
                    if (base != null) ts.addAll(base.terms());
                    else ts.add(v);
                }
            } else {
                ts.add(rwTerm(head, scope, m));
            }
            for (int i = 1; i < r.size(); i++) ts.add(rwTerm(r.get(i), scope, m));
            return new Ref(ts, r.location());
        }
        if (t instanceof Call c) {
            Ref op = c.operator();
            Ref nop = op;
            if (op.get(0) instanceof Var v) {
                String name = v.name();
                // OPA's resolveRef: an operator's head naming an import or a rule of the package is resolved like
                // any other ref, so `import data.lib as json` makes json.unmarshal(x) call data.lib.unmarshal
                if (!scope.ignored(name)) {
                    Ref base = resolveGlobal(name, m);
                    if (base != null) {
                        List<Term> ts = new ArrayList<>(base.terms());
                        ts.addAll(op.terms().subList(1, op.size()));
                        nop = new Ref(ts, op.location());
                    }
                }
            }
            List<Term> args = new ArrayList<>();
            for (Term a : c.args()) args.add(rwTerm(a, scope, m));
            return new Call(nop, args, c.location());
        }
        Term collection = Terms.mapCollection(t, x -> rwTerm(x, scope, m));
        if (collection != null) return collection;
        if (t instanceof ArrayComprehension ac) {
            Scope child = new Scope(scope);
            Body b = rewriteBody(ac.body(), child, m, Set.of());
            return new ArrayComprehension(rwTerm(ac.term(), child, m), b, ac.location());
        }
        if (t instanceof SetComprehension sc) {
            Scope child = new Scope(scope);
            Body b = rewriteBody(sc.body(), child, m, Set.of());
            return new SetComprehension(rwTerm(sc.term(), child, m), b, sc.location());
        }
        if (t instanceof ObjectComprehension oc) {
            Scope child = new Scope(scope);
            Body b = rewriteBody(oc.body(), child, m, Set.of());
            return new ObjectComprehension(rwTerm(oc.key(), child, m), rwTerm(oc.value(), child, m), b, oc.location());
        }
        if (t instanceof TemplateString ts) {
            List<TemplateString.Part> parts = new ArrayList<>();
            for (TemplateString.Part p : ts.parts()) {
                if (p.isLiteral()) parts.add(p);
                else {
                    List<With> ws = new ArrayList<>();
                    for (With w : p.withs()) ws.add(new With(rwWithTarget(w.target(), m), rwTerm(w.value(), scope, m), w.location()));
                    parts.add(TemplateString.Part.expr(rwTerm(p.expr(), scope, m), ws));
                }
            }
            return new TemplateString(parts, ts.multiLine(), ts.location());
        }
        return t;
    }

    private void markUsed(Scope scope, String generated) {
        for (Scope s = scope; s != null; s = s.parent) s.assignedAt.remove(generated);
    }

    // =====================================================================================================
    // vars helpers

    static void collectVars(Term t, Set<String> out) {
        walkTerms(t, x -> {
            if (x instanceof Var v) out.add(v.name());
            return true;
        }, true);
    }

    static void collectVarLocs(Term t, Set<String> out, Map<String, Location> locs) {
        walkTerms(t, x -> {
            if (x instanceof Var v) {
                out.add(v.name());
                locs.putIfAbsent(v.name(), v.location());
            }
            return true;
        }, true);
    }

    interface TermVisitor { boolean visit(Term t); }

    /** Walks terms; {@code intoClosures} controls descending into comprehension bodies. */
    static void walkTerms(Term t, TermVisitor v, boolean intoClosures) {
        if (!v.visit(t)) return;
        if (t instanceof Ref r) for (Term x : r.terms()) walkTerms(x, v, intoClosures);
        else if (t instanceof Call c) {
            for (Term x : c.args()) walkTerms(x, v, intoClosures);
        } else if (t instanceof ArrayTerm a) for (Term x : a.elements()) walkTerms(x, v, intoClosures);
        else if (t instanceof SetTerm a) for (Term x : a.elements()) walkTerms(x, v, intoClosures);
        else if (t instanceof ObjectTerm o) for (var e : o.entries()) { walkTerms(e.getKey(), v, intoClosures); walkTerms(e.getValue(), v, intoClosures); }
        else if (t instanceof TemplateString ts) {
            for (TemplateString.Part p : ts.parts()) if (!p.isLiteral()) walkTerms(p.expr(), v, intoClosures);
        } else if (intoClosures) {
            if (t instanceof ArrayComprehension ac) { walkTerms(ac.term(), v, true); walkBody(ac.body(), v); }
            else if (t instanceof SetComprehension sc) { walkTerms(sc.term(), v, true); walkBody(sc.body(), v); }
            else if (t instanceof ObjectComprehension oc) { walkTerms(oc.key(), v, true); walkTerms(oc.value(), v, true); walkBody(oc.body(), v); }
        }
    }

    static void walkBody(Body b, TermVisitor v) {
        for (Expr e : b.exprs()) walkExpr(e, v, true);
    }

    static void walkExpr(Expr e, TermVisitor v, boolean intoClosures) {
        ExprTerms t = e.terms();
        if (t instanceof Term term) walkTerms(term, v, intoClosures);
        else if (t instanceof SomeDecl sd) for (Term s : sd.symbols()) walkTerms(s, v, intoClosures);
        else if (t instanceof Every ev) {
            walkTerms(ev.domain(), v, intoClosures);
            if (intoClosures) {
                if (ev.key() != null) walkTerms(ev.key(), v, true);
                walkTerms(ev.value(), v, true);
                walkBody(ev.body(), v);
            }
        } else if (t instanceof LogicalExpr le) {
            if (intoClosures) for (Body b : le.operands()) walkBody(b, v);
        } else if (t instanceof Body b) {
            if (intoClosures) walkBody(b, v);
        }
        for (With w : e.withs()) { walkTerms(w.target(), v, intoClosures); walkTerms(w.value(), v, intoClosures); }
    }

    private boolean isFunctionName(Term t) {
        if (t instanceof Var v) return builtins.contains(v.name()) || builtins.isNamespace(v.name());
        if (t instanceof Ref r && r.get(0) instanceof Var) {
            String n = r.toString();
            return builtins.contains(n) || functions.containsKey(n);
        }
        return false;
    }

    /** vars of an expression outside closures (with targets and function-valued with values excluded). */
    Set<String> exprVars(Expr e) {
        Set<String> out = new LinkedHashSet<>();
        TermVisitor tv = x -> {
            if (x instanceof Var v) out.add(v.name());
            return true;
        };
        ExprTerms t = e.terms();
        if (t instanceof Term term) walkTerms(term, tv, false);
        else if (t instanceof Every ev) walkTerms(ev.domain(), tv, false);
        for (With w : e.withs()) if (!isFunctionName(w.value())) walkTerms(w.value(), tv, false);
        return out;
    }

    /** vars occurring inside closures of an expression. */
    Set<String> closureVars(Expr e) {
        Set<String> out = new LinkedHashSet<>();
        TermVisitor inner = x -> {
            if (x instanceof Var v) out.add(v.name());
            return true;
        };
        TermVisitor outer = new TermVisitor() {
            public boolean visit(Term x) {
                if (x instanceof ArrayComprehension || x instanceof SetComprehension || x instanceof ObjectComprehension) {
                    walkTerms(x, inner, true);
                    return false;
                }
                return true;
            }
        };
        ExprTerms t = e.terms();
        if (t instanceof Term term) walkTerms(term, outer, false);
        else if (t instanceof Every ev) {
            walkTerms(ev.domain(), outer, false);
            walkBody(ev.body(), inner);
        } else if (t instanceof LogicalExpr le) {
            for (Body b : le.operands()) walkBody(b, inner);
        } else if (t instanceof Body b) walkBody(b, inner);
        for (With w : e.withs()) if (!isFunctionName(w.value())) walkTerms(w.value(), outer, false);
        return out;
    }

    // =====================================================================================================
    // safety

    private boolean isRefSafe(Ref r, Set<String> safe) {
        Term h = r.get(0);
        if (h instanceof Var v) return safe.contains(v.name());
        Set<String> vs = new HashSet<>();
        collectVarsNoClosure(h, vs);
        return safe.containsAll(vs);
    }

    private static void collectVarsNoClosure(Term t, Set<String> out) {
        walkTerms(t, x -> {
            if (x instanceof Var v) out.add(v.name());
            return true;
        }, false);
    }

    /** vars bound by evaluating refs in x (operands of refs with safe heads). */
    private void refOutputs(Term t, Set<String> safe, Set<String> out) {
        walkTerms(t, x -> {
            if (x instanceof Ref r && isRefSafe(r, safe)) {
                for (int i = 1; i < r.size(); i++) {
                    Term op = r.get(i);
                    if (op instanceof Var v) out.add(v.name());
                    else if (op instanceof ArrayTerm || op instanceof ObjectTerm) collectVarsNoClosure(op, out);
                }
            }
            return true;
        }, false);
    }

    private int arityOf(String name) {
        Builtins.Builtin b = builtins.get(name);
        if (b != null) return b.variadic() ? -2 : b.arity();
        Integer f = functions.get(name);
        return f == null ? -1 : f;
    }

    private Set<String> outputs(Expr e, Set<String> safe) {
        Set<String> out = new HashSet<>();
        if (e.negated()) return out;
        ExprTerms t = e.terms();
        if (t instanceof Call c) {
            String name = c.name();
            if (name.equals("eq") && c.args().size() == 2) {
                Set<String> o = new HashSet<>(safe);
                refOutputs(c, o, o);
                // fixpoint unification
                boolean changed = true;
                while (changed) {
                    int before = o.size();
                    refOutputs(c, o, o);
                    unify(o, c.args().get(0), c.args().get(1));
                    changed = o.size() != before;
                }
                o.removeAll(safe);
                return o;
            }
            refOutputs(c, safe, out);
            int arity = arityOf(name);
            if (arity >= 0 && c.args().size() == arity + 1) {
                Set<String> inputs = new HashSet<>();
                for (int i = 0; i < arity; i++) collectVarsNoClosure(c.args().get(i), inputs);
                Set<String> s2 = new HashSet<>(safe);
                s2.addAll(out);
                if (s2.containsAll(inputs)) bindingVars(c.args().get(arity), out);
            }
            return out;
        }
        if (t instanceof Term term) refOutputs(term, safe, out);
        return out;
    }

    private static void bindingVars(Term t, Set<String> out) {
        if (t instanceof Var v) out.add(v.name());
        else if (t instanceof ArrayTerm a) for (Term x : a.elements()) bindingVars(x, out);
        else if (t instanceof ObjectTerm o) for (var e : o.entries()) bindingVars(e.getValue(), out);
    }

    private static void unify(Set<String> o, Term a, Term b) {
        unify1(o, a, b);
        unify1(o, b, a);
    }

    private static void unify1(Set<String> o, Term a, Term b) {
        if (a instanceof ArrayTerm aa && b instanceof ArrayTerm bb && aa.elements().size() == bb.elements().size()) {
            for (int i = 0; i < aa.elements().size(); i++) unify(o, aa.elements().get(i), bb.elements().get(i));
            return;
        }
        if (a instanceof ObjectTerm ao && b instanceof ObjectTerm bo && ao.entries().size() == bo.entries().size()) {
            for (var e : ao.entries()) {
                for (var f : bo.entries()) if (e.getKey().equals(f.getKey())) unify(o, e.getValue(), f.getValue());
            }
            return;
        }
        Set<String> bv = new HashSet<>();
        collectVarsNoClosure(b, bv);
        if (o.containsAll(bv)) bindingVars(a, o);
    }

    private String display(String var) {
        String n = rewritten.getOrDefault(var, var);
        if (n.startsWith("$")) return "_";
        return n;
    }

    /** Reorders a body for safety; recursively processes closures. {@code safe} is updated with the body outputs. */
    Body reorder(Body body, Set<String> safe, Set<String> reported) {
        Set<String> initial = new HashSet<>(safe);
        List<Expr> remaining = new ArrayList<>(body.exprs());
        List<Expr> ordered = new ArrayList<>();
        Set<String> bodyVars = new HashSet<>();
        for (Expr e : remaining) bodyVars.addAll(exprVars(e));
        boolean progress = true;
        while (progress && !remaining.isEmpty()) {
            progress = false;
            Iterator<Expr> it = remaining.iterator();
            while (it.hasNext()) {
                Expr e = it.next();
                Set<String> ovs = outputs(e, safe);
                Set<String> avail = new HashSet<>(safe);
                avail.addAll(ovs);
                if (!avail.containsAll(exprVars(e))) continue;
                boolean closureOk = true;
                for (String cv : closureVars(e)) {
                    if (bodyVars.contains(cv) && !avail.contains(cv)) { closureOk = false; break; }
                }
                if (!closureOk) continue;
                ordered.add(e);
                safe.addAll(ovs);
                safe.addAll(exprVars(e));
                it.remove();
                progress = true;
            }
        }
        for (Expr e : remaining) {
            Set<String> unsafe = new TreeSet<>();
            Set<String> ovs = outputs(e, safe);
            Map<String, Location> locs = varLocations(e);
            for (String v : exprVars(e)) if (!safe.contains(v) && !ovs.contains(v)) unsafe.add(v);
            for (String v : closureVars(e)) if (bodyVars.contains(v) && !safe.contains(v) && !ovs.contains(v)) unsafe.add(v);
            for (String v : unsafe) unsafeAt(v, e.location());
            ordered.add(e);
            safe.addAll(exprVars(e));
        }
        // closures, with the safe set at each position
        Set<String> cur = initial;
        List<Expr> result = new ArrayList<>();
        for (Expr e : ordered) {
            Set<String> before = new HashSet<>(cur);
            Expr ne = reorderClosures(e, before, reported);
            result.add(ne.withIndex(result.size()));
            cur.addAll(outputs(e, cur));
            cur.addAll(exprVars(e));
        }
        return new Body(result, body.location());
    }

    private Map<String, Location> varLocations(Expr e) {
        Map<String, Location> locs = new HashMap<>();
        walkExpr(e, x -> {
            if (x instanceof Var v) locs.putIfAbsent(v.name(), v.location());
            return true;
        }, true);
        return locs;
    }

    private Expr reorderClosures(Expr e, Set<String> safe, Set<String> reported) {
        Location saved = curExprLoc;
        curExprLoc = e.location();
        try {
            return reorderClosures0(e, safe, reported);
        } finally {
            curExprLoc = saved;
        }
    }

    private Expr reorderClosures0(Expr e, Set<String> safe, Set<String> reported) {
        ExprTerms t = e.terms();
        List<With> withs = e.withs();
        if (t instanceof Every ev) {
            Set<String> s = new HashSet<>(safe);
            s.addAll(exprVars(e));
            if (ev.key() != null) collectVars(ev.key(), s);
            collectVars(ev.value(), s);
            Body b = reorder(ev.body(), s, reported);
            return e.withTerms(new Every(ev.key(), ev.value(), rcTerm(ev.domain(), safe, reported), b, ev.location()));
        }
        if (t instanceof LogicalExpr le) {
            List<Body> ops = new ArrayList<>();
            Set<String> s = new HashSet<>(safe);
            for (Body b : le.operands()) {
                if (le.op() == LogicalExpr.Op.AND) ops.add(reorder(b, s, reported));
                else ops.add(reorder(b, new HashSet<>(safe), reported));
            }
            return e.withTerms(new LogicalExpr(le.op(), ops, le.location()));
        }
        if (t instanceof Body b) {
            return e.withTerms(reorder(b, new HashSet<>(safe), reported));
        }
        if (t instanceof Term term) {
            Set<String> s = new HashSet<>(safe);
            s.addAll(exprVars(e));
            Term nt = rcTerm(term, s, reported);
            List<With> nw = new ArrayList<>();
            for (With w : withs) nw.add(new With(w.target(), rcTerm(w.value(), s, reported), w.location()));
            return e.withTerms(nt).withWiths(nw);
        }
        return e;
    }

    /** processes comprehensions inside a term. */
    private Term rcTerm(Term t, Set<String> safe, Set<String> reported) {
        if (t instanceof ArrayComprehension ac) {
            Set<String> s = new HashSet<>(safe);
            Body b = reorder(ac.body(), s, reported);
            checkHeadVars(ac.term(), s, reported);
            return new ArrayComprehension(rcTerm(ac.term(), s, reported), b, ac.location());
        }
        if (t instanceof SetComprehension sc) {
            Set<String> s = new HashSet<>(safe);
            Body b = reorder(sc.body(), s, reported);
            checkHeadVars(sc.term(), s, reported);
            return new SetComprehension(rcTerm(sc.term(), s, reported), b, sc.location());
        }
        if (t instanceof ObjectComprehension oc) {
            Set<String> s = new HashSet<>(safe);
            Body b = reorder(oc.body(), s, reported);
            checkHeadVars(oc.key(), s, reported);
            checkHeadVars(oc.value(), s, reported);
            return new ObjectComprehension(rcTerm(oc.key(), s, reported), rcTerm(oc.value(), s, reported), b, oc.location());
        }
        if (t instanceof Ref r) {
            List<Term> ts = new ArrayList<>();
            for (Term x : r.terms()) ts.add(rcTerm(x, safe, reported));
            return new Ref(ts, r.location());
        }
        if (t instanceof Call c) {
            List<Term> ts = new ArrayList<>();
            for (Term x : c.args()) ts.add(rcTerm(x, safe, reported));
            return new Call(c.operator(), ts, c.location());
        }
        Term collection = Terms.mapCollection(t, x -> rcTerm(x, safe, reported));
        if (collection != null) return collection;
        if (t instanceof TemplateString ts) {
            List<TemplateString.Part> parts = new ArrayList<>();
            for (TemplateString.Part p : ts.parts()) {
                if (p.isLiteral()) parts.add(p);
                else parts.add(TemplateString.Part.expr(rcTerm(p.expr(), safe, reported), p.withs()));
            }
            return new TemplateString(parts, ts.multiLine(), ts.location());
        }
        return t;
    }

    private void checkHeadVars(Term head, Set<String> safe, Set<String> reported) {
        Map<String, Location> locs = new LinkedHashMap<>();
        Set<String> vs = new LinkedHashSet<>();
        walkTerms(head, x -> {
            if (x instanceof Var v) {
                vs.add(v.name());
                locs.putIfAbsent(v.name(), v.location());
            }
            return true;
        }, false);
        Set<String> s2 = new HashSet<>(safe);
        refOutputs(head, safe, s2);
        for (String v : new TreeSet<>(vs)) {
            if (!s2.contains(v)) unsafeAt(v, curExprLoc.isKnown() ? curExprLoc : locs.get(v));
        }
    }

    /** Records an unsafe var of the current rule body at an expression (the first by location wins, as OPA). */
    private void unsafeAt(String var, Location exprLoc) {
        if (unsafeAcc == null) return;
        Location cur = unsafeAcc.get(var);
        if (cur == null || compareLoc(exprLoc, cur) < 0) unsafeAcc.put(var, exprLoc);
    }

    /**
     * OPA's safetyErrorSlice: one {@code var x is unsafe} per unsafe var at the first expression using it, sorted by
     * location; generated vars only are reported as {@code expression is unsafe}.
     */
    private void flushUnsafe() {
        Map<String, Location> acc = unsafeAcc;
        unsafeAcc = null;
        if (acc == null || acc.isEmpty()) return;
        List<Map.Entry<String, Location>> l = new ArrayList<>(acc.entrySet());
        l.sort((a, b) -> {
            int c = compareLoc(a.getValue(), b.getValue());
            return c != 0 ? c : display(a.getKey()).compareTo(display(b.getKey()));
        });
        boolean any = false;
        for (var e : l) {
            String v = display(e.getKey());
            if (v.equals("_") || v.startsWith("__local")) continue;
            any = true;
            String msg = FUTURE_KEYWORDS.contains(v)
                    ? "var " + v + " is unsafe (hint: `import future.keywords." + v + "` to import a future keyword)"
                    : "var " + v + " is unsafe";
            err(ST_SAFETY_BODIES, new Diagnostic(ErrorCodes.UNSAFE_VAR_ERROR, msg, e.getValue()));
        }
        if (!any) {
            Set<Location> seen = new LinkedHashSet<>();
            for (var e : l) seen.add(e.getValue());
            for (Location loc : seen) err(ST_SAFETY_BODIES, new Diagnostic(ErrorCodes.UNSAFE_VAR_ERROR, "expression is unsafe", loc));
        }
    }

    private static final Set<String> FUTURE_KEYWORDS = Set.of("in", "every", "if", "contains");

    /** OPA's checkSafetyRuleHeads: head vars not bound by the body, at the rule's location. */
    private void checkRuleHeadVars(Rule r, Set<String> safe) {
        Set<String> vs = new TreeSet<>();
        for (Term t : headTerms(r.head())) {
            walkTerms(t, x -> {
                if (x instanceof Var v) vs.add(v.name());
                return true;
            }, false);
        }
        Set<String> s2 = new HashSet<>(safe);
        for (Term t : headTerms(r.head())) refOutputs(t, safe, s2);
        for (String v : vs) {
            String shown = display(v);
            if (s2.contains(v) || shown.equals("_") || shown.startsWith("__local")) continue;
            err(ST_SAFETY_HEADS, new Diagnostic(ErrorCodes.UNSAFE_VAR_ERROR, "var " + shown + " is unsafe", r.location()));
        }
    }

    // =====================================================================================================
    // per-rule checks

    private Rule checkRule(Rule r, ModuleCtx m) {
        checkCalls(r.body(), m);
        RuleHead h = r.head();
        for (Term t : headTerms(h)) checkCallsInTerm(t, m, false);
        Set<String> safe = new HashSet<>(Set.of("data", "input"));
        if (h.args() != null) for (Term a : h.args()) collectVars(a, safe);
        checkPrintCalls(r.body(), safe);
        Set<String> reported = new HashSet<>();
        unsafeAcc = new LinkedHashMap<>();
        Body b = reorder(r.body(), safe, reported);
        checkRuleHeadVars(r, safe);
        RuleHead nh = h;
        if (h.value() != null) {
            curExprLoc = r.location();
            nh = nh.withValue(rcTerm(h.value(), safe, reported));
            curExprLoc = Location.NONE;
        }
        flushUnsafe();
        Rule elseRule = r.elseRule() == null ? null : checkRule(r.elseRule(), m);
        return new Rule(nh, b, r.isDefault(), elseRule, r.annotations(), r.location());
    }

    /**
     * OPA's print-call check (compile stage RewritePrintCalls, before the safety checks): a print argument may only
     * use vars bound by the expressions written before it, the rule's arguments, {@code input} and {@code data};
     * any other var is {@code var x is undeclared}, even when a later expression binds it. Comprehension and
     * {@code every} bodies are checked with the vars bound before their expression.
     */
    private void checkPrintCalls(Body body, Set<String> globals) {
        Set<String> safe = new HashSet<>(globals);
        for (Expr e : body.exprs()) {
            ExprTerms t = e.terms();
            TermVisitor closures = x -> {
                if (x instanceof ArrayComprehension ac) checkPrintCalls(ac.body(), safe);
                else if (x instanceof SetComprehension sc) checkPrintCalls(sc.body(), safe);
                else if (x instanceof ObjectComprehension oc) checkPrintCalls(oc.body(), safe);
                return true;
            };
            if (t instanceof Term term) walkTerms(term, closures, false);
            for (With w : e.withs()) walkTerms(w.value(), closures, false);
            if (t instanceof Every ev) {
                walkTerms(ev.domain(), closures, false);
                Set<String> s = new HashSet<>(safe);
                if (ev.key() != null) collectVars(ev.key(), s);
                collectVars(ev.value(), s);
                checkPrintCalls(ev.body(), s);
            }
            if (t instanceof Call c && c.name().equals("print")) {
                for (Term a : c.args()) {
                    Set<String> vars = new TreeSet<>();
                    collectVarsNoClosure(a, vars);
                    for (String v : vars) {
                        if (safe.contains(v)) continue;
                        err(ST_PRINT_CALLS, new Diagnostic(ErrorCodes.COMPILE_ERROR, "var " + display(v) + " is undeclared",
                                a.location()));
                    }
                }
            }
            safe.addAll(outputs(e, safe));
        }
    }

    private static List<Term> headTerms(RuleHead h) {
        List<Term> l = new ArrayList<>();
        for (int i = 1; i < h.ref().size(); i++) l.add(h.ref().get(i));
        if (h.key() != null && h.kind() == RuleKind.PARTIAL_SET) l.add(h.key());
        if (h.value() != null) l.add(h.value());
        return l;
    }

    void checkCalls(Body b, ModuleCtx m) {
        for (Expr e : b.exprs()) {
            ExprTerms t = e.terms();
            if (t instanceof Call c && c.name().equals("eq") && c.args().size() == 2) {
                Diagnostic d = CheckTypes.match(c, e.location());
                if (d != null) err(ST_TYPES, d);
            }
            if (t instanceof Call c) checkCall(c, m, true, e);
            else if (t instanceof Term term) checkCallsInTerm(term, m, false);
            else if (t instanceof Every ev) {
                checkCallsInTerm(ev.domain(), m, false);
                checkCalls(ev.body(), m);
            } else if (t instanceof LogicalExpr le) for (Body ob : le.operands()) checkCalls(ob, m);
            else if (t instanceof Body nb) checkCalls(nb, m);
            for (With w : e.withs()) {
                Diagnostic d = withValues.checkTarget(w);
                if (d != null) err(ST_WITH, d);
                checkCallsInTerm(w.value(), m, false);
            }
        }
    }

    private void checkCallsInTerm(Term t, ModuleCtx m, boolean topLevel) {
        walkTerms(t, x -> {
            if (x instanceof Call c) {
                checkCall(c, m, false, null);
                return false;
            }
            if (x instanceof ArrayComprehension ac) { checkCallsInTerm(ac.term(), m, false); checkCalls(ac.body(), m); return false; }
            if (x instanceof SetComprehension sc) { checkCallsInTerm(sc.term(), m, false); checkCalls(sc.body(), m); return false; }
            if (x instanceof ObjectComprehension oc) { checkCallsInTerm(oc.key(), m, false); checkCallsInTerm(oc.value(), m, false); checkCalls(oc.body(), m); return false; }
            return true;
        }, false);
    }

    private void checkCall(Call c, ModuleCtx m, boolean exprLevel, Expr e) {
        for (Term a : c.args()) checkCallsInTerm(a, m, false);
        String name = c.name();
        Location loc = e != null ? e.location() : c.location();
        Builtins.Builtin b = builtins.get(name);
        if (opts.strict() || m.v1Compatible) {
            Diagnostic deprecated = CheckDeprecatedBuiltins.check(b, loc);
            if (deprecated != null) err(ST_DEPRECATED, deprecated);
        }
        Diagnostic undefined = undefinedFuncs.check(c, loc, exprLevel);
        if (undefined != null) {
            err(ST_UNDEFINED_FUNCS, undefined);
        } else if (b != null && !b.variadic()) {
            Diagnostic d = types.argTypes(c, b, loc, exprLevel);
            if (d != null) err(ST_TYPES, d);
        }
    }

    private void checkConflicts() {
        List<Module> modules = new ArrayList<>();
        for (ModuleCtx mc : ctxs) modules.add(mc.module);
        for (Diagnostic d : CheckRuleConflicts.check(rulesByPath, ruleModule, modules, this::display)) {
            err(ST_RULE_CONFLICTS, d);
        }
    }

    // =====================================================================================================
    // graph and recursion

    private Map<String, Set<String>> buildGraph(List<Module> modules) {
        Map<String, Set<String>> deps = new LinkedHashMap<>();
        List<String> allPaths = new ArrayList<>(rulesByPath.keySet());
        for (Module m : modules) {
            for (Rule r : m.rules()) {
                String path = rulePaths.get(r);
                Set<String> d = deps.computeIfAbsent(path, k -> new LinkedHashSet<>());
                for (Rule x = r; x != null; x = x.elseRule()) {
                    TermVisitor v = t -> {
                        Ref ref = null;
                        if (t instanceof Ref rr) ref = rr;
                        else if (t instanceof Call c) ref = c.operator();
                        if (ref != null && ref.get(0) instanceof Var hv && hv.name().equals("data")) {
                            for (String p : allPaths) {
                                if (refMatchesPath(ref, pathRefs.get(p))) d.add(p);
                            }
                        }
                        return true;
                    };
                    walkBody(x.body(), v);
                    for (Term t : headTerms(x.head())) walkTerms(t, v, true);
                    for (Expr e : allExprs(x.body())) for (With w : e.withs()) walkTerms(w.value(), v, true);
                }
            }
        }
        return deps;
    }

    /** true if a data ref may read (part of) the rules at path: segments compared, non-ground ref terms match anything. */
    private static boolean refMatchesPath(Ref ref, Ref path) {
        if (path == null) return false;
        int n = Math.min(ref.size(), path.size());
        for (int i = 1; i < n; i++) {
            Term a = ref.get(i);
            if (!a.isGround()) continue;
            if (!a.equals(path.get(i))) return false;
        }
        return true;
    }

    private static List<Expr> allExprs(Body b) {
        List<Expr> l = new ArrayList<>(b.exprs());
        return l;
    }

    private void checkRecursion(Map<String, Set<String>> deps) {
        for (Diagnostic d : CheckRecursion.check(deps, path -> rulesByPath.get(path).get(0).location())) {
            err(ST_RECURSION, d);
        }
    }
}
