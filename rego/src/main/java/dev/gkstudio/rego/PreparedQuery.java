package dev.gkstudio.rego;

import dev.gkstudio.rego.result.EvalOptions;
import dev.gkstudio.rego.result.EvalResult;
import dev.gkstudio.rego.eval.Evaluator;
import dev.gkstudio.rego.eval.QueryPlan;

/**
 * A parsed and planned query against a {@link PreparedPolicy}. Immutable and thread-safe: evaluate it any number
 * of times, from any number of threads, with different options (input, data, tracer, limits).
 */
public final class PreparedQuery {
    private final PreparedPolicy policy;
    private final QueryPlan plan;

    PreparedQuery(PreparedPolicy policy, QueryPlan plan) {
        this.policy = policy;
        this.plan = plan;
    }

    /** @return the query text. */
    public String query() { return plan.text(); }

    public PreparedPolicy policy() { return policy; }

    /** Evaluates the query. Never throws for evaluation problems: they are in {@link EvalResult#error()}. */
    public EvalResult eval(EvalOptions options) {
        return Evaluator.evaluate(policy.program(), plan, options == null ? EvalOptions.DEFAULT : options);
    }

    /** Evaluates with default options and the given input. */
    public EvalResult eval(dev.gkstudio.rego.value.Value input) {
        return eval(EvalOptions.builder().input(input).build());
    }
}
