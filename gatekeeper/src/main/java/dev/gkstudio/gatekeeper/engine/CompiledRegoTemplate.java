package dev.gkstudio.gatekeeper.engine;

import dev.gkstudio.rego.PreparedQuery;
import dev.gkstudio.rego.ast.Module;
import dev.gkstudio.rego.result.EvalResult;
import dev.gkstudio.rego.result.PrintLine;
import dev.gkstudio.rego.trace.BufferTracer;
import dev.gkstudio.rego.trace.TraceEvent;
import dev.gkstudio.rego.trace.Tracer;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A template compiled by {@link GatekeeperRegoEngine}: immutable and thread-safe. Besides the {@code violation}
 * set Gatekeeper asks for, it evaluates with a caller's tracer and other queries over the same modules (the
 * Studio's explain view and value hovers), always within the engine's {@link EngineOptions}.
 */
public final class CompiledRegoTemplate implements CompiledTemplate {
    private final PreparedQuery violations;
    private final List<Module> modules;
    private final EngineOptions engine;

    CompiledRegoTemplate(PreparedQuery violations, List<Module> modules, EngineOptions engine) {
        this.violations = violations;
        this.modules = List.copyOf(modules);
        this.engine = engine;
    }

    /** The modules in order: the entry point ({@code template}), then the libs. */
    public List<Module> modules() {
        return modules;
    }

    @Override
    public EvalOutcome violations(Value input, Value inventory, EvalOptions options) {
        BufferTracer tracer = options.trace() ? new BufferTracer() : null;
        EvalResult res = violations.eval(regoOptions(input, inventory, options.timeout(), tracer, options.coverage(),
                options.externalData()));
        List<String> prints = new ArrayList<>();
        for (PrintLine p : res.prints()) prints.add(engine.printLocations() ? p.toString() : p.text());
        String trace = null;
        if (tracer != null) {
            StringBuilder sb = new StringBuilder();
            for (TraceEvent e : tracer.events()) sb.append(e).append('\n');
            trace = sb.toString();
        }
        if (res.error() != null) return new EvalOutcome(null, res.error().toString(), prints, trace, null);
        List<Value> elements = new ArrayList<>();
        for (Map<String, Value> row : res.bindings()) {
            Value v = row.get("result");
            if (v != null) elements.add(v);
        }
        return new EvalOutcome(elements, null, prints, trace, null);
    }

    /**
     * {@code violation} with a tracer and/or coverage, and the mocked external data providers (null: none); the raw
     * result keeps print locations and coverage.
     */
    public EvalResult evaluate(Value input, Value inventory, Tracer tracer, boolean coverage, Value externalData) {
        return violations.eval(regoOptions(input, inventory, null, tracer, coverage, externalData));
    }

    /** Another query over the same modules (e.g. {@code x := data.pkg}). */
    public EvalResult query(String queryText, Value input, Value inventory) {
        return violations.policy().query(queryText, regoOptions(input, inventory, null, null, false, null));
    }

    /** The violation query, for a debug session (which brings its own tracer and pause-aware time budget). */
    public PreparedQuery preparedQuery() {
        return violations;
    }

    /** The options of an evaluation of this template, as a debug session starts from. */
    public dev.gkstudio.rego.result.EvalOptions debugOptions(Value input, Value inventory, Value externalData) {
        return regoOptions(input, inventory, null, null, false, externalData);
    }

    private dev.gkstudio.rego.result.EvalOptions regoOptions(Value input, Value inventory, Duration timeout,
                                                             Tracer tracer, boolean coverage, Value externalData) {
        dev.gkstudio.rego.result.EvalOptions.Builder b = dev.gkstudio.rego.result.EvalOptions.builder()
                .input(input)
                .maxSteps(engine.maxSteps())
                .maxOutputBytes(engine.maxOutputBytes())
                .coverage(coverage);
        Duration t = engine.timeout(timeout);
        if (t != null) b.timeout(t);
        if (inventory != null) b.data(ObjectValue.builder().put("inventory", inventory).build());
        if (tracer != null) b.tracer(tracer);
        if (engine.cancel() != null) b.cancel(engine.cancel());
        if (externalData != null) b.externalData(externalData);
        return b.build();
    }
}
