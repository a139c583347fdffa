package dev.gkstudio.backend.eval;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.gkstudio.gatekeeper.engine.CompiledTemplate;
import dev.gkstudio.gatekeeper.engine.EvalOptions;
import dev.gkstudio.gatekeeper.engine.EvalOutcome;
import dev.gkstudio.gatekeeper.engine.RegoEngine;
import dev.gkstudio.gatekeeper.engine.TemplateChecks;
import dev.gkstudio.gatekeeper.engine.TemplateCompileException;
import dev.gkstudio.gatekeeper.template.RegoCode;
import dev.gkstudio.rego.CompileResult;
import dev.gkstudio.rego.EvalResult;
import dev.gkstudio.rego.PreparedQuery;
import dev.gkstudio.rego.PrintLine;
import dev.gkstudio.rego.Rego;
import dev.gkstudio.rego.ast.Diagnostic;
import dev.gkstudio.rego.ast.Module;
import dev.gkstudio.rego.ast.SourceFile;
import dev.gkstudio.rego.trace.Tracer;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.Value;

/**
 * The gatekeeper module's {@link RegoEngine} over the rego module's facade, as the Studio needs it:
 * Gatekeeper's template checks, then compilation, and evaluations that stay within the
 * Studio's limits (time, steps, output size). Unlike the CLI's engine it keeps the prepared
 * query and the parsed modules, so the explain view can trace one evaluation and map rules.
 *
 * <p>Thin adapter: the gatekeeper module's own facade engine is not on its main class path yet.
 */
public final class StudioRegoEngine implements RegoEngine {

    /** Caps on one evaluation of a user's policy. */
    public record Limits(Duration timeout, long maxSteps, long maxOutputBytes) {
        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(2), 20_000_000, 4 << 20);
    }

    private final Limits limits;

    /** What cancels the evaluations of the current thread (e.g. the browser that asked for them went away). */
    private static final ThreadLocal<BooleanSupplier> CANCEL = new ThreadLocal<>();

    /** Evaluations on this thread stop with {@code eval_cancel_error} as soon as {@code cancel} says so. */
    public static void cancelWhen(BooleanSupplier cancel) {
        CANCEL.set(cancel);
    }

    public static void clearCancel() {
        CANCEL.remove();
    }

    public StudioRegoEngine(Limits limits) {
        this.limits = limits;
    }

    /** A compiled template that can also be evaluated with a tracer. */
    public static final class Compiled implements CompiledTemplate {
        private final PreparedQuery query;
        private final List<Module> modules;
        private final Limits limits;

        Compiled(PreparedQuery query, List<Module> modules, Limits limits) {
            this.query = query;
            this.modules = modules;
            this.limits = limits;
        }

        /** The modules in order: the entry point ({@code template}), then the libs. */
        public List<Module> modules() {
            return modules;
        }

        @Override
        public EvalOutcome violations(Value input, Value inventory, EvalOptions options) {
            EvalResult res = run(input, inventory, options.timeout(), null, options.coverage());
            return outcome(res);
        }

        /** Evaluates with a tracer and/or coverage; the raw result keeps print locations and coverage. */
        public EvalResult evaluate(Value input, Value inventory, Tracer tracer, boolean coverage) {
            return run(input, inventory, null, tracer, coverage);
        }

        /** Evaluates another query over the same modules (e.g. {@code x := data.pkg}), within the same limits. */
        public EvalResult query(String queryText, Value input, Value inventory) {
            return query.policy().query(queryText, options(input, inventory, null, null, false));
        }

        /** The violation query, for a debug session (which brings its own tracer and pause-aware time budget). */
        public PreparedQuery preparedQuery() {
            return query;
        }

        /** The options of an evaluation of this template, as a debug session starts from. */
        public dev.gkstudio.rego.EvalOptions debugOptions(Value input, Value inventory) {
            return options(input, inventory, null, null, false);
        }

        private EvalResult run(Value input, Value inventory, Duration timeout, Tracer tracer, boolean coverage) {
            return query.eval(options(input, inventory, timeout, tracer, coverage));
        }

        private dev.gkstudio.rego.EvalOptions options(Value input, Value inventory, Duration timeout, Tracer tracer,
                                                      boolean coverage) {
            Duration t = timeout == null || timeout.compareTo(limits.timeout()) > 0 ? limits.timeout() : timeout;
            dev.gkstudio.rego.EvalOptions.Builder b = dev.gkstudio.rego.EvalOptions.builder()
                    .input(input)
                    .timeout(t)
                    .maxSteps(limits.maxSteps())
                    .maxOutputBytes(limits.maxOutputBytes())
                    .coverage(coverage);
            if (inventory != null) {
                b.data(ObjectValue.builder().put("inventory", inventory).build());
            }
            if (tracer != null) {
                b.tracer(tracer);
            }
            BooleanSupplier cancel = CANCEL.get();
            if (cancel != null) {
                b.cancel(cancel);
            }
            return b.build();
        }

        static EvalOutcome outcome(EvalResult res) {
            List<String> prints = new ArrayList<>();
            for (PrintLine p : res.prints()) {
                prints.add(p.toString());
            }
            if (res.error() != null) {
                return new EvalOutcome(null, res.error().toString(), prints, null, null);
            }
            List<Value> elements = new ArrayList<>();
            for (Map<String, Value> row : res.bindings()) {
                Value v = row.get("result");
                if (v != null) {
                    elements.add(v);
                }
            }
            return new EvalOutcome(elements, null, prints, null, null);
        }
    }

    @Override
    public CompiledTemplate compile(RegoCode code) throws TemplateCompileException {
        TemplateChecks.Parsed parsed = TemplateChecks.check(code);
        List<SourceFile> files = new ArrayList<>();
        files.add(new SourceFile(TemplateChecks.ENTRY_FILE, code.rego()));
        for (int i = 0; i < code.libs().size(); i++) {
            files.add(new SourceFile(TemplateChecks.libFile(i), code.libs().get(i)));
        }
        CompileResult r;
        try {
            r = Rego.compile(files, parsed.version());
        } catch (RuntimeException e) {
            throw new TemplateCompileException("unable to compile modules: " + e.getMessage(), null);
        }
        if (!r.ok()) {
            List<Diagnostic> errors = new ArrayList<>();
            for (Diagnostic d : r.diagnostics()) {
                if (!d.code().contains("warning")) {
                    errors.add(d);
                }
            }
            if (errors.isEmpty()) {
                errors = r.diagnostics();
            }
            Diagnostic first = errors.get(0);
            int module = moduleIndex(first.location().file(), code.libs().size());
            throw new TemplateCompileException("unable to compile modules: " + TemplateChecks.opaErrors(errors),
                    new TemplateCompileException.Where(module, first.location().startLine(), first.location().startCol()));
        }
        String queryText = parsed.entry().pkg().path() + ".violation[result]";
        try {
            PreparedQuery q = r.policy().prepare(queryText);
            return new Compiled(q, r.modules(), limits);
        } catch (RuntimeException e) {
            throw new TemplateCompileException("unable to compile modules: " + e.getMessage(), null);
        }
    }

    /** -1 for the entry point, i for {@code libs["lib_i"]}. */
    public static int moduleIndex(String file, int libs) {
        for (int i = 0; i < libs; i++) {
            if (TemplateChecks.libFile(i).equals(file)) {
                return i;
            }
        }
        return -1;
    }
}
