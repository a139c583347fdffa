package dev.gkstudio.gatekeeper.regotool;

import dev.gkstudio.rego.CompileResult;
import dev.gkstudio.rego.PreparedPolicy;
import dev.gkstudio.rego.Rego;
import dev.gkstudio.rego.ast.Diagnostic;
import dev.gkstudio.rego.ast.Location;
import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.ast.SourceFile;
import dev.gkstudio.rego.result.EvalOptions;
import dev.gkstudio.rego.result.EvalResult;
import dev.gkstudio.rego.result.ExpressionValue;
import dev.gkstudio.rego.result.PrintLine;
import dev.gkstudio.rego.result.RegoException;
import dev.gkstudio.rego.value.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates an ad-hoc query the way {@code opa eval} reports it: one row per solution with the value of every
 * top-level expression (its source text and position, from the engine's expression values) and the bindings of
 * the query's variables.
 */
public final class QueryEvaluator {

    /** One top-level expression's result. */
    public record ExprValue(Value value, String text, Location location) {}

    /** One solution. */
    public record Row(List<ExprValue> expressions, Map<String, Value> bindings) {}

    /** The rows (empty: undefined), or the errors (parse, compile, evaluation) and print output. */
    public record Outcome(List<Row> rows, List<Diagnostic> errors, List<PrintLine> prints) {
        public boolean ok() { return errors.isEmpty(); }
    }

    private QueryEvaluator() {}

    /** Compiles the modules and evaluates the query against them, {@code data} and {@code input} (may be null). */
    public static Outcome eval(List<SourceFile> modules, Value data, Value input, String query, RegoVersion version,
                               Duration timeout) {
        CompileResult c = Rego.compile(modules, version);
        if (!c.ok()) return new Outcome(List.of(), c.diagnostics(), List.of());
        return eval(c.policy(), data, input, query, EvalOptions.builder().timeout(timeout).build());
    }

    /** Evaluates the query against a compiled policy; {@code base} carries the timeout and limits. */
    public static Outcome eval(PreparedPolicy policy, Value data, Value input, String query, EvalOptions base) {
        EvalOptions.Builder eo = base == null ? EvalOptions.builder() : base.toBuilder();
        if (data != null) eo.data(data);
        if (input != null) eo.input(input);
        EvalResult r;
        try {
            r = policy.prepare(query).eval(eo.build());
        } catch (RegoException ex) {
            return new Outcome(List.of(), ex.diagnostics(), List.of());
        }
        if (r.error() != null) {
            return new Outcome(List.of(), List.of(new Diagnostic(r.error().code(), r.error().message(), r.error().location())), r.prints());
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < r.bindings().size(); i++) {
            List<ExprValue> values = new ArrayList<>();
            if (i < r.expressions().size()) {
                for (ExpressionValue e : r.expressions().get(i)) values.add(new ExprValue(e.value(), e.text(), e.location()));
            }
            rows.add(new Row(values, r.bindings().get(i)));
        }
        return new Outcome(rows, List.of(), r.prints());
    }
}
