package dev.gkstudio.rego.result;

import dev.gkstudio.rego.trace.Tracer;
import dev.gkstudio.rego.value.Value;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Options of one evaluation. Immutable; build with {@link #builder()}; {@link #DEFAULT} has no input, no data,
 * no tracer and no limits.
 *
 * @param input               the {@code input} document, or null for none (undefined)
 * @param data                the base documents ({@code data}), or null for {@code {}}
 * @param strictBuiltinErrors report builtin errors (first one, at the end, with the results) instead of
 *                            treating the failing call as undefined
 * @param tracer              receives trace events; null costs nothing
 * @param timeout             deadline measured from the start of {@code eval}; null for none
 *                            ({@code eval_cancel_error})
 * @param maxSteps            cap on evaluation steps (expressions evaluated), 0 for none ({@code eval_limit_error})
 * @param maxOutputBytes      cap on the size of the result rows and printed text (approximate bytes of the JSON),
 *                            0 for none ({@code eval_limit_error})
 * @param maxDepth            cap on nesting of rule/function evaluation, 0 for the default (1000)
 * @param coverage            collect line coverage
 * @param now                 the fixed "now" of the evaluation ({@code time.now_ns}); null for the current time
 * @param cancel              polled during evaluation; returning true cancels ({@code eval_cancel_error}); may be null
 * @param externalData        what Gatekeeper's {@code external_data} builtin answers, per provider name:
 *                            {@code {"<provider>": {"responses": {key: value}, "errors": {key: message},
 *                            "system_error": "...", "status_code": 200}}}; null: no provider is configured
 */
public record EvalOptions(Value input, Value data, boolean strictBuiltinErrors, Tracer tracer, Duration timeout,
                          long maxSteps, long maxOutputBytes, int maxDepth, boolean coverage, Instant now,
                          BooleanSupplier cancel, Value externalData) {
    public static final EvalOptions DEFAULT = builder().build();

    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder initialised with these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.input = input; b.data = data; b.strict = strictBuiltinErrors; b.tracer = tracer; b.timeout = timeout;
        b.maxSteps = maxSteps; b.maxOutputBytes = maxOutputBytes; b.maxDepth = maxDepth; b.coverage = coverage;
        b.now = now; b.cancel = cancel; b.externalData = externalData;
        return b;
    }

    /** Builder of {@link EvalOptions}. */
    public static final class Builder {
        private Value input;
        private Value data;
        private boolean strict;
        private Tracer tracer;
        private Duration timeout;
        private long maxSteps;
        private long maxOutputBytes;
        private int maxDepth;
        private boolean coverage;
        private Instant now;
        private BooleanSupplier cancel;
        private Value externalData;

        public Builder input(Value v) { input = v; return this; }
        /** Input from plain Java (maps, lists, strings, numbers, booleans, null), see {@link dev.gkstudio.rego.value.Values#fromJava}. */
        public Builder inputJava(Object o) { input = dev.gkstudio.rego.value.Values.fromJava(o); return this; }
        public Builder data(Value v) { data = v; return this; }
        public Builder data(Map<String, Object> m) { data = dev.gkstudio.rego.value.Values.fromJava(m); return this; }
        public Builder strictBuiltinErrors(boolean b) { strict = b; return this; }
        public Builder tracer(Tracer t) { tracer = t; return this; }
        public Builder timeout(Duration d) { timeout = d; return this; }
        public Builder maxSteps(long n) { maxSteps = n; return this; }
        public Builder maxOutputBytes(long n) { maxOutputBytes = n; return this; }
        public Builder maxDepth(int n) { maxDepth = n; return this; }
        public Builder coverage(boolean b) { coverage = b; return this; }
        public Builder now(Instant t) { now = t; return this; }
        public Builder cancel(BooleanSupplier c) { cancel = c; return this; }
        public Builder externalData(Value v) { externalData = v; return this; }

        public EvalOptions build() {
            return new EvalOptions(input, data, strict, tracer, timeout, maxSteps, maxOutputBytes, maxDepth, coverage,
                    now, cancel, externalData);
        }
    }
}
