package dev.gkstudio.rego.result;

import dev.gkstudio.rego.value.Value;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one evaluation.
 *
 * @param bindings one row per solution of the query, in evaluation order; each maps the query's variables
 *                 (the names the author wrote; also compiler-generated ones such as wildcards are left out)
 *                 to their values. An empty list means the query is undefined. A query without variables
 *                 that succeeds gives one empty row (its value is in {@code expressions}).
 * @param error    the error that stopped the evaluation, or (strict builtin errors) the first recorded builtin
 *                 error; null when none. Rows found before an error are kept.
 * @param prints   lines written by {@code print()}, in order
 * @param coverage line coverage, or null unless {@link EvalOptions#coverage()} was set
 * @param expressions per row of {@code bindings} (same index), the value of each expression of the query in the
 *                 author's order, as OPA's Rego API reports them; empty lists for queries prepared without
 *                 capturing values ({@link PreparedPolicy#prepareTopdown})
 */
public record EvalResult(List<Map<String, Value>> bindings, EvalError error, List<PrintLine> prints, Coverage coverage,
                         List<List<ExpressionValue>> expressions) {
    public EvalResult {
        bindings = List.copyOf(bindings);
        prints = List.copyOf(prints);
        expressions = expressions == null ? List.of() : List.copyOf(expressions);
    }

    /** A result without expression values. */
    public EvalResult(List<Map<String, Value>> bindings, EvalError error, List<PrintLine> prints, Coverage coverage) {
        this(bindings, error, prints, coverage, List.of());
    }

    /** @return the value of the first expression in the first row ({@code opa eval}'s first value), or null. */
    public Value value() {
        return expressions.isEmpty() || expressions.get(0).isEmpty() ? null : expressions.get(0).get(0).value();
    }

    /** @return true if the query had at least one solution and no error. */
    public boolean isDefined() {
        return error == null && !bindings.isEmpty();
    }

    /** @return true if an error was reported. */
    public boolean hasError() {
        return error != null;
    }

    /** @return the value of {@code var} in the first row, or null. */
    public Value first(String var) {
        return bindings.isEmpty() ? null : bindings.get(0).get(var);
    }
}
