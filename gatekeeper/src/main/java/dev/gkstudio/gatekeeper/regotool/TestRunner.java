package dev.gkstudio.gatekeeper.regotool;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.gkstudio.rego.CompileResult;
import dev.gkstudio.rego.result.EvalError;
import dev.gkstudio.rego.result.EvalOptions;
import dev.gkstudio.rego.result.EvalResult;
import dev.gkstudio.rego.PreparedPolicy;
import dev.gkstudio.rego.result.PrintLine;
import dev.gkstudio.rego.Rego;
import dev.gkstudio.rego.result.RegoException;
import dev.gkstudio.rego.ast.Module;
import dev.gkstudio.rego.ast.Printer;
import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.ast.Rule;
import dev.gkstudio.rego.ast.Scalar;
import dev.gkstudio.rego.ast.Term;
import dev.gkstudio.rego.ast.Var;
import dev.gkstudio.rego.trace.BufferTracer;
import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * OPA's test runner: every rule whose name (the ground part of its head) has a {@code test_} or
 * {@code todo_test_} prefix is a test, in file-name then source order; a test passes when its value is
 * {@code true} (for a partial object test: every leaf is {@code true}); {@code todo_test_} rules are skipped.
 */
public final class TestRunner {
    static final String TEST_PREFIX = "test_";
    static final String SKIP_PREFIX = "todo_test_";

    /**
     * @param run      Go regular expression over {@code data.pkg.test_name}; empty runs all
     * @param trace    collect trace events for the failure notes of {@code -v}
     * @param coverage collect line coverage
     * @param timeout  per test
     * @param limits   options every evaluation starts from (step and output caps of an embedding service), or null
     */
    public record Options(String run, boolean trace, boolean coverage, Duration timeout, RegoVersion version,
                          EvalOptions limits) {
        public Options(String run, boolean trace, boolean coverage, Duration timeout, RegoVersion version) {
            this(run, trace, coverage, timeout, version, null);
        }
    }

    /** The results and, when asked for, the coverage merged over all tests. */
    public record Outcome(List<TestResult> results, CoverageReport coverage) {}

    private TestRunner() {}

    /** Compiles the modules (errors as OPA prints them) and runs the tests. */
    public static Outcome run(LoadedFiles files, Options opts) throws RegoToolException {
        CompileResult c = Rego.compile(files.modules(), opts.version());
        if (!c.ok()) throw new RegoToolException(Errors.format(c.diagnostics()));
        return run(c, files.data(), opts);
    }

    /** Runs the tests of modules compiled without errors. */
    public static Outcome run(CompileResult c, Value data, Options opts) throws RegoToolException {
        Pattern filter = null;
        if (opts.run() != null && !opts.run().isEmpty()) {
            try {
                filter = Pattern.compile(opts.run());
            } catch (PatternSyntaxException e) {
                throw new RegoToolException("error parsing regexp: " + e.getMessage());
            }
        }
        return run(c, data, opts, filter);
    }

    private static Outcome run(CompileResult c, Value data, Options opts, Pattern filter) {
        PreparedPolicy policy = c.policy();
        CoverageReport.Builder cov = opts.coverage() ? new CoverageReport.Builder() : null;
        List<TestResult> out = new ArrayList<>();
        for (Module m : c.modules()) {
            String pkg = m.pkg().path().toString();
            for (Rule r : m.rules()) {
                String name = testName(r);
                if (name == null) continue;
                String full = pkg + "." + name;
                if (filter != null && !filter.matcher(full).find()) continue;
                boolean skip = leafName(r).startsWith(SKIP_PREFIX);
                if (skip) {
                    out.add(new TestResult(r.location(), pkg, name, false, null, true, 0, "", List.of()));
                    continue;
                }
                out.add(runOne(policy, r, pkg, name, data, opts, cov));
            }
        }
        return new Outcome(out, cov == null ? null : cov.build());
    }

    private static TestResult runOne(PreparedPolicy policy, Rule r, String pkg, String name, Value data, Options opts,
                                     CoverageReport.Builder cov) {
        BufferTracer tracer = opts.trace() ? new BufferTracer() : null;
        EvalOptions.Builder eo = (opts.limits() == null ? EvalOptions.builder() : opts.limits().toBuilder())
                .data(data).coverage(cov != null);
        if (opts.timeout() != null) eo.timeout(opts.timeout());
        if (tracer != null) eo.tracer(tracer);
        long t0 = System.nanoTime();
        EvalResult res;
        long dt;
        try {
            // the bare reference, as opa test queries it: its value is the query's expression value
            res = policy.prepare(pkg + "." + name).eval(eo.build());
            dt = System.nanoTime() - t0;
        } catch (RegoException e) {
            dt = System.nanoTime() - t0;
            EvalError err = new EvalError("rego_compile_error", e.getMessage(), r.location());
            return new TestResult(r.location(), pkg, name, false, err, false, dt, "", List.of());
        }
        if (cov != null && res.coverage() != null) cov.add(res.coverage());
        StringBuilder printed = new StringBuilder();
        for (PrintLine p : res.prints()) printed.append(p.text()).append('\n');
        boolean fail = res.error() == null && (res.bindings().isEmpty() || !passed(res.value()));
        return new TestResult(r.location(), pkg, name, fail, res.error(), false, dt, printed.toString(),
                tracer == null ? List.of() : tracer.events());
    }

    /** True, or (partial object tests) an object whose leaves are all true. */
    private static boolean passed(Value v) {
        if (v instanceof BooleanValue b) return b.equals(BooleanValue.of(true));
        if (v instanceof ObjectValue o) {
            for (Value x : o.asMap().values()) if (!passed(x)) return false;
            return true;
        }
        return false;
    }

    /** The head's ground prefix up to the first test_/todo_test_ part, as a ref text; null for other rules. */
    static String testName(Rule r) {
        List<Term> ref = r.head().ref().terms();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ref.size(); i++) {
            String part = partName(ref.get(i));
            if (part == null) return null;
            if (i == 0) sb.append(part);
            else if (Printer.isIdentifier(part)) sb.append('.').append(part);
            else sb.append('[').append(Printer.quote(part)).append(']');
            if (part.startsWith(TEST_PREFIX) || part.startsWith(SKIP_PREFIX)) return sb.toString();
        }
        return null;
    }

    private static String leafName(Rule r) {
        for (Term t : r.head().ref().terms()) {
            String p = partName(t);
            if (p == null) break;
            if (p.startsWith(TEST_PREFIX) || p.startsWith(SKIP_PREFIX)) return p;
        }
        return "";
    }

    private static String partName(Term t) {
        if (t instanceof Var v) return v.name();
        if (t instanceof Scalar s && s.isString()) return (String) s.value();
        return null;
    }

}
