package dev.gkstudio.gatekeeper.engine;

import dev.gkstudio.rego.value.Value;
import java.util.List;

/**
 * The result of evaluating {@code violation}.
 *
 * @param elements the elements of the violation set (empty when undefined), or null on error
 * @param error    the evaluation error text (as OPA prints it), or null
 * @param prints   print() output lines
 * @param trace    the pretty trace, or null
 * @param coverage coverage report as a value, or null
 */
public record EvalOutcome(List<Value> elements, String error, List<String> prints, String trace, Value coverage) {
    public static EvalOutcome of(List<Value> elements) {
        return new EvalOutcome(elements, null, List.of(), null, null);
    }

    public static EvalOutcome failed(String error) {
        return new EvalOutcome(null, error, List.of(), null, null);
    }
}
