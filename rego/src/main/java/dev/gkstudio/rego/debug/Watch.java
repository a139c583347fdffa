package dev.gkstudio.rego.debug;

import dev.gkstudio.rego.result.EvalOptions;
import dev.gkstudio.rego.result.EvalResult;
import dev.gkstudio.rego.PreparedPolicy;
import dev.gkstudio.rego.PreparedQuery;
import dev.gkstudio.rego.result.RegoException;
import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.Value;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Evaluates an expression in a paused scope: a query of its own over the same policy, input and data, with the
 * frame's locals bound first. The locals travel as a base document under a reserved key rather than as Rego
 * text, so sets, big numbers and odd strings arrive unchanged.
 */
public final class Watch {
    private static final String KEY = "__gkstudio_debug_locals__";
    private static final String RESULT = "__watch__";

    /**
     * @param value the expression's value ({@code true} for an expression that holds but has no value of its own),
     *              null when undefined or on error
     * @param error why it could not be evaluated, null when it could
     */
    public record Result(Value value, String error) {
        public boolean defined() {
            return value != null;
        }

        /** A breakpoint condition holds when it is defined and not {@code false}. */
        public boolean truthy() {
            return value != null && !BooleanValue.FALSE.equals(value);
        }

        /** The value as shown to the user. */
        public String display() {
            if (error != null) return error;
            return value == null ? "undefined" : value.toString();
        }
    }

    private Watch() {
    }

    public static Result evaluate(PreparedPolicy policy, String expr, Map<String, Value> locals, Value input,
                                  Value data, long maxSteps, Duration timeout) {
        if (expr == null || expr.isBlank()) return new Result(null, "empty expression");
        StringBuilder prefix = new StringBuilder();
        Map<Value, Value> bound = new LinkedHashMap<>();
        for (Map.Entry<String, Value> e : locals.entrySet()) {
            if (!mentions(expr, e.getKey())) continue;
            bound.put(dev.gkstudio.rego.value.StringValue.of(e.getKey()), e.getValue());
            prefix.append(e.getKey()).append(" := data.").append(KEY).append("[\"").append(e.getKey()).append("\"]\n");
        }
        EvalOptions opts = EvalOptions.builder()
                .input(input)
                .data(withLocals(data, ObjectValue.of(bound)))
                .maxSteps(maxSteps)
                .timeout(timeout)
                .maxOutputBytes(1 << 20)
                .build();
        PreparedQuery q;
        boolean asValue = true;
        try {
            q = policy.prepare(prefix + RESULT + " := (" + expr + ")");
        } catch (RegoException notATerm) {
            try {
                q = policy.prepare(prefix + expr);
                asValue = false;
            } catch (RegoException e) {
                return new Result(null, e.getMessage());
            }
        }
        EvalResult r = q.eval(opts);
        if (r.error() != null) return new Result(null, r.error().toString());
        if (r.bindings().isEmpty()) return new Result(null, null);
        Map<String, Value> row = r.bindings().get(0);
        if (asValue) return new Result(row.get(RESULT), null);
        Map<Value, Value> vars = new LinkedHashMap<>();
        for (Map.Entry<String, Value> e : row.entrySet()) {
            if (!locals.containsKey(e.getKey())) vars.put(dev.gkstudio.rego.value.StringValue.of(e.getKey()), e.getValue());
        }
        return new Result(vars.isEmpty() ? BooleanValue.TRUE : ObjectValue.of(vars), null);
    }

    private static boolean mentions(String expr, String name) {
        return Pattern.compile("(?<![\\w.])" + Pattern.quote(name) + "(?!\\w)").matcher(expr).find();
    }

    private static Value withLocals(Value data, ObjectValue locals) {
        ObjectValue.Builder b = ObjectValue.builder();
        if (data instanceof ObjectValue o) {
            for (Map.Entry<Value, Value> e : o.asMap().entrySet()) b.put(e.getKey(), e.getValue());
        }
        b.put(KEY, locals);
        return b.build();
    }
}
