package dev.gkstudio.backend.eval;

import java.util.Map;
import java.util.function.Function;

import dev.gkstudio.backend.eval.Evaluation.Range;
import dev.gkstudio.backend.eval.WorkspaceSetup.Constraint;
import dev.gkstudio.backend.eval.WorkspaceSetup.Sample;
import dev.gkstudio.gatekeeper.yaml.SourceRange;
import dev.gkstudio.rego.result.EvalOptions;
import dev.gkstudio.rego.PreparedQuery;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;

/**
 * What the debugger evaluates for one sample of a workspace: the template's {@code violation} query with the
 * same input (review + the constraint's parameters), inventory and limits as the live evaluation, and how to
 * find the sample line a set of bindings is about (the violation → sample line mapping of the results).
 */
public final class DebugTargets {

    /**
     * @param query     the template's violation query
     * @param options   input, data and the step/size caps of the live evaluation
     * @param libs      how many libs the template has (module names {@code rego}, {@code lib:<i>})
     * @param sampleRange the samples-editor range the given bindings point at, or null
     */
    public record Target(PreparedQuery query, EvalOptions options, int libs,
                        Function<Map<String, Value>, Range> sampleRange) {
    }

    private DebugTargets() {
    }

    /** @throws IllegalArgumentException with a message for the user when the sample cannot be debugged */
    public static Target forSample(WorkspaceEvaluator evaluator, Workspace w, int sampleIndex, String constraintId) {
        WorkspaceSetup s = evaluator.setup(w);
        if (!s.templateOk || s.compiled == null) {
            throw new IllegalArgumentException("the template has errors (see Problems)");
        }
        Sample sample = sampleIndex >= 0 && sampleIndex < s.samples.size() ? s.samples.get(sampleIndex) : null;
        if (sample == null || sample.review() == null) {
            throw new IllegalArgumentException(sample == null ? "no such sample" : "the sample has errors: " + sample.error());
        }
        Constraint constraint = null;
        for (Constraint c : s.validConstraints()) {
            if (constraintId == null || constraintId.isEmpty() || c.info().id().equals(constraintId)) {
                constraint = c;
                break;
            }
        }
        if (constraint == null) {
            throw new IllegalArgumentException("no valid constraint to evaluate");
        }
        Value input = WorkspaceSetup.input(sample.review(), constraint.entry());
        EvalOptions options = s.compiled.debugOptions(input, s.client.inventory().value(), s.externalData);
        Function<Map<String, Value>, Range> lines = locals -> {
            StringBuilder text = new StringBuilder();
            ObjectValue.Builder details = ObjectValue.builder();
            for (Map.Entry<String, Value> e : locals.entrySet()) {
                if (e.getValue() instanceof StringValue str) text.append(str.value()).append(' ');
                details.put(e.getKey(), e.getValue());
            }
            if (locals.isEmpty()) return null;
            SourceRange r = FieldLocator.locate(sample.value(), sample.positions(), text.toString(), details.build());
            return WorkspaceEvaluator.range(r, sample.lineOffset());
        };
        return new Target(s.compiled.preparedQuery(), options, w.template().libs().size(), lines);
    }
}
