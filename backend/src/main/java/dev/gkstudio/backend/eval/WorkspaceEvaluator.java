package dev.gkstudio.backend.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.gkstudio.backend.eval.Evaluation.ExpectationResult;
import dev.gkstudio.backend.eval.Evaluation.NotMatched;
import dev.gkstudio.backend.eval.Evaluation.Range;
import dev.gkstudio.backend.eval.Evaluation.RuleRef;
import dev.gkstudio.backend.eval.Evaluation.SampleResult;
import dev.gkstudio.backend.eval.Evaluation.Violation;
import dev.gkstudio.backend.eval.WorkspaceSetup.Constraint;
import dev.gkstudio.backend.eval.WorkspaceSetup.Sample;
import dev.gkstudio.gatekeeper.client.GatekeeperException;
import dev.gkstudio.gatekeeper.client.Result;
import dev.gkstudio.gatekeeper.client.ReviewResponse;
import dev.gkstudio.gatekeeper.client.TemplateCompiler;
import dev.gkstudio.gatekeeper.constraint.ConstraintCrd;
import dev.gkstudio.gatekeeper.engine.EngineOptions;
import dev.gkstudio.gatekeeper.engine.EvalOptions;
import dev.gkstudio.gatekeeper.engine.GatekeeperRegoEngine;
import dev.gkstudio.gatekeeper.match.MatchException;
import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.gatekeeper.yaml.SourceRange;
import dev.gkstudio.gatekeeper.yaml.YamlException;
import dev.gkstudio.gatekeeper.yaml.YamlLoader;
import dev.gkstudio.rego.ast.Module;
import dev.gkstudio.rego.ast.Rule;
import dev.gkstudio.rego.value.Value;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Evaluates a workspace the way Gatekeeper would: every sample against every constraint whose
 * match selects it. The service behind {@code /ws/eval} (and the bundle download). Stateless
 * and thread-safe; compiled templates are cached by their code.
 */
@ApplicationScoped
public class WorkspaceEvaluator {

    /** Largest text of one editor, in characters. */
    public static final int MAX_TEXT_CHARS = 1 << 20;
    /**
     * Most time one workspace evaluation takes over all its samples and constraints: each review has its own
     * timeout, but thousands of samples of a slow policy would otherwise hold an evaluation thread for hours.
     * 3 s: Gatekeeper's default webhook timeout, so what passes here also answers in time at admission.
     */
    public static final java.time.Duration BUDGET = java.time.Duration.ofSeconds(3);

    private final TemplateCompiler compiler;
    private final YamlLoader yaml = new YamlLoader(MAX_TEXT_CHARS, 256, 500_000);
    private final EngineOptions limits;

    public WorkspaceEvaluator() {
        this(EngineOptions.STUDIO.withCancel(EvalCancellation::cancelled));
    }

    /** @param limits the engine options of every evaluation; {@code maxTimeout} must be set (a sample's budget) */
    public WorkspaceEvaluator(EngineOptions limits) {
        if (limits.maxTimeout() == null) {
            throw new IllegalArgumentException("the Studio's evaluations need a maxTimeout");
        }
        this.limits = limits;
        this.compiler = new TemplateCompiler(new GatekeeperRegoEngine(limits));
    }

    WorkspaceSetup setup(Workspace w) {
        return new WorkspaceSetup(w, compiler, yaml);
    }

    public Evaluation evaluate(long version, Workspace w, boolean coverage) {
        long start = System.nanoTime();
        WorkspaceSetup s = setup(w);
        List<RuleRef> violationRules = violationRules(s);
        RuleRef onlyRule = violationRules.size() == 1 ? violationRules.get(0) : null;
        long deadline = start + BUDGET.toNanos();
        List<SampleResult> results = new ArrayList<>();
        for (Sample sample : s.samples) {
            long left = deadline - System.nanoTime();
            String skip = left > 0 ? null : "not evaluated: the evaluation of the workspace took longer than "
                    + BUDGET.toSeconds() + " s (a sample's policy evaluation may take at most "
                    + limits.maxTimeout().toMillis() + " ms)";
            java.time.Duration timeout = java.time.Duration.ofNanos(Math.max(1, Math.min(left, limits.maxTimeout().toNanos())));
            results.add(evaluateSample(s, sample, new EvalOptions(false, false, true, timeout).withExternalData(s.externalData), onlyRule, skip));
        }
        Map<String, Evaluation.Coverage> cov = coverage && s.templateOk ? coverage(s, deadline) : null;
        Evaluation.Generated generated = Generator.generate(s);
        return new Evaluation("result", version, (System.nanoTime() - start) / 1e6, s.templateOk, results,
                s.constraints.stream().map(Constraint::info).toList(), s.problems, generated, cov,
                s.template.parametersSchema() == null ? null : JsonValues.toJava(s.template.parametersSchema()),
                violationRules);
    }

    private SampleResult evaluateSample(WorkspaceSetup s, Sample sample, EvalOptions options, RuleRef onlyRule,
                                        String skip) {
        String name = WorkspaceSetup.displayName(sample);
        Value subject = sample.review() != null ? sample.review().subject() : sample.value();
        String kind = subject == null ? "" : Obj.kind(subject);
        String objectName = subject == null ? "" : Obj.name(subject);
        String namespace = subject == null ? "" : Obj.namespace(subject);
        String operation = sample.review() == null ? "" : Obj.str(sample.review().value(), "operation");
        List<Violation> violations = new ArrayList<>();
        List<String> matched = new ArrayList<>();
        List<NotMatched> notMatched = new ArrayList<>();
        List<String> prints = List.of();
        String status;
        String error = sample.error() != null ? sample.error() : skip;
        double timeMs = 0;
        if (error == null && !s.templateOk) {
            error = "not evaluated: the template has errors (see Problems)";
        }
        if (error == null) {
            Value ns = s.client.inventory().namespace(sample.review().namespace());
            for (Constraint c : s.validConstraints()) {
                try {
                    String why = c.entry().matcher().mismatch(sample.review().object(), sample.review().oldObject(), ns,
                            sample.review().source());
                    if (why == null) {
                        matched.add(c.info().id());
                    } else {
                        notMatched.add(new NotMatched(c.info().id(), why));
                    }
                } catch (MatchException e) {
                    matched.add(c.info().id());
                }
            }
            long t0 = System.nanoTime();
            try {
                ReviewResponse response = s.client.review(sample.review(), options);
                timeMs = (System.nanoTime() - t0) / 1e6;
                prints = response.prints();
                for (Result r : response.results()) {
                    String kindName = Obj.kind(r.constraint());
                    String cname = Obj.name(r.constraint());
                    SourceRange range = FieldLocator.locate(sample.value(), sample.positions(), r.msg(), r.details());
                    violations.add(new Violation(kindName + "/" + cname, kindName, cname, r.msg(),
                            JsonValues.toJava(r.details()), r.enforcementAction(), range(range, sample.lineOffset()),
                            onlyRule));
                }
            } catch (GatekeeperException | RuntimeException e) {
                timeMs = (System.nanoTime() - t0) / 1e6;
                error = e instanceof GatekeeperException ? e.getMessage() : "evaluation failed: " + e.getMessage();
            }
        }
        // a sample no constraint looks at is admitted, but it checked nothing: its own state, with the reasons
        status = error != null ? "error" : !violations.isEmpty() ? "violated"
                : matched.isEmpty() && !notMatched.isEmpty() ? "not-matched" : "allowed";
        List<ExpectationResult> expectations = new ArrayList<>();
        Boolean met = null;
        if (!sample.doc().expectations().isEmpty()) {
            List<String> messages = violations.stream().map(Violation::message).toList();
            boolean all = true;
            for (Expectation e : sample.doc().expectations()) {
                boolean ok = error == null && e.isMet(messages);
                all &= ok;
                expectations.add(new ExpectationResult(e.text(), e.describe(), e.line() + 0, ok, e.error()));
            }
            met = all;
        }
        String admission = error != null ? "error"
                : violations.stream().anyMatch(v -> "deny".equals(v.enforcementAction())) ? "denied"
                : violations.stream().anyMatch(v -> "warn".equals(v.enforcementAction())) ? "warned" : "allowed";
        return new SampleResult(sample.doc().index(), name, sample.doc().firstLine(), sample.doc().lastLine(), kind,
                objectName, namespace, operation, status, error, violations, matched, expectations, met, timeMs,
                prints, admission, subject == null ? null : JsonValues.toJava(subject), notMatched, mutation(sample));
    }

    private static Evaluation.Mutation mutation(Sample sample) {
        SampleMutation.Mutated m = sample.mutation();
        return m == null ? null : new Evaluation.Mutation(m.applied(), MutationDiff.changes(m.original(), m.mutated()));
    }

    static Range range(SourceRange r, int lineOffset) {
        if (r == null || !r.isKnown()) {
            return null;
        }
        return new Range(r.startLine() + lineOffset, r.startColumn(), r.endLine() + lineOffset, r.endColumn());
    }

    /** The {@code violation} rules of the entry point (where a violation can come from). */
    static List<RuleRef> violationRules(WorkspaceSetup s) {
        List<RuleRef> out = new ArrayList<>();
        if (s.compiled == null) {
            return out;
        }
        List<Module> modules = s.compiled.modules();
        if (modules.isEmpty()) {
            return out;
        }
        for (Rule r : modules.get(0).rules()) {
            if ("violation".equals(r.head().name()) && r.location().isKnown()) {
                out.add(new RuleRef(module(r.location().file(), s), r.location().startLine(), r.location().endLine()));
            }
        }
        return out;
    }

    static String module(String file, WorkspaceSetup s) {
        int i = GatekeeperRegoEngine.moduleIndex(file, s.workspace.template().libs().size());
        return i < 0 ? "rego" : "lib:" + i;
    }

    private Map<String, Evaluation.Coverage> coverage(WorkspaceSetup s, long deadline) {
        Map<String, TreeSet<Integer>> covered = new TreeMap<>();
        Map<String, TreeSet<Integer>> notCovered = new TreeMap<>();
        Value inventory = s.client.inventory().value();
        for (Sample sample : s.samples) {
            if (sample.review() == null) {
                continue;
            }
            for (Constraint c : s.validConstraints()) {
                if (System.nanoTime() - deadline > 0) {
                    break; // coverage of the samples evaluated so far
                }
                dev.gkstudio.rego.result.EvalResult r = s.compiled.evaluate(WorkspaceSetup.input(sample.review(), c.entry()),
                        inventory, null, true, s.externalData);
                if (r.coverage() == null) {
                    continue;
                }
                r.coverage().files().forEach((file, fc) -> {
                    String m = module(file, s);
                    covered.computeIfAbsent(m, k -> new TreeSet<>()).addAll(fc.covered());
                    notCovered.computeIfAbsent(m, k -> new TreeSet<>()).addAll(fc.notCovered());
                });
            }
        }
        Map<String, Evaluation.Coverage> out = new TreeMap<>();
        for (String m : covered.keySet()) {
            TreeSet<Integer> not = new TreeSet<>(notCovered.getOrDefault(m, new TreeSet<>()));
            not.removeAll(covered.get(m));
            out.put(m, new Evaluation.Coverage(List.copyOf(covered.get(m)), List.copyOf(not)));
        }
        return out;
    }

    /** Splits a whole ConstraintTemplate into the Studio's parts. */
    public Workspace.Template split(String templateYaml) throws YamlException {
        return Templates.split(templateYaml, yaml);
    }

    /** The explain view of one sample and constraint. */
    public Explanation explain(long version, Workspace w, int sampleIndex, String constraintId, String message) {
        return explain(version, w, sampleIndex, constraintId, message, false);
    }

    /** The same, with the values rules and variables took when {@code values} (for the editor's hover). */
    public Explanation explain(long version, Workspace w, int sampleIndex, String constraintId, String message,
                               boolean values) {
        return Explainer.explain(setup(w), version, sampleIndex, constraintId, message, values);
    }

    /** Runs the workspace's Rego unit tests (the {@code tests} message), within the Studio's evaluation limits. */
    public Object tests(long version, Workspace w) {
        WorkspaceSetup s = setup(w);
        return WorkspaceTests.run(version, w, s.client.inventory().value(), limits.evalOptions().build());
    }

    /** Evaluates a free query against the workspace's modules with the sample's review as input (the Query box). */
    public Object query(Long id, Workspace w, String query, int sampleIndex) {
        return WorkspaceQuery.run(id, query, setup(w), sampleIndex, limits.evalOptions().build());
    }

    /** The files of the downloadable bundle (path → text). */
    public Map<String, String> bundle(Workspace w) {
        return Generator.files(setup(w));
    }

    /**
     * The samples the workspace's mutators change, as the API server would store them (sample index → YAML):
     * what an exported suite must hold for gator verify, which does not mutate, to agree with the Studio.
     */
    public Map<Integer, String> storedSamples(Workspace w) {
        Map<Integer, String> out = new TreeMap<>();
        for (Sample sample : setup(w).samples) {
            if (sample.mutation() != null) {
                out.put(sample.doc().index(), sample.mutation().storedText());
            }
        }
        return out;
    }

    static String crd(WorkspaceSetup s) {
        return s.template.kind().isEmpty() ? "" : YamlWriter.write(ConstraintCrd.crd(s.template));
    }
}
