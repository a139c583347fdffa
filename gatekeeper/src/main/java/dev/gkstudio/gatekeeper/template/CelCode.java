package dev.gkstudio.gatekeeper.template;

import java.util.List;

/**
 * The {@code K8sNativeValidation} (CEL) code of a template target, as Gatekeeper's CEL driver reads it
 * ({@code source.validations}, {@code source.variables}, {@code source.matchCondition}, {@code source.failurePolicy}).
 *
 * @param validations     validations, in order
 * @param variables       user variables, in order (exposed as {@code variables.<name>} after Gatekeeper's own)
 * @param matchConditions match conditions (the YAML key is {@code matchCondition}, as in Gatekeeper's schema)
 * @param failurePolicy   {@code Fail}, {@code Ignore}, something invalid, or null when absent
 * @param sourceError     the error Gatekeeper gives when the source is not an object, else null
 * @param path            YAML path of {@code source}
 */
public record CelCode(List<Validation> validations, List<Variable> variables, List<MatchCondition> matchConditions,
                      String failurePolicy, String sourceError, String path) {
    public CelCode {
        validations = List.copyOf(validations);
        variables = List.copyOf(variables);
        matchConditions = List.copyOf(matchConditions);
    }

    /** One validation: {@code expression}, optional {@code message} / {@code messageExpression}. */
    public record Validation(String expression, String message, String messageExpression, String path) {
    }

    /** One variable: {@code name}, {@code expression}. */
    public record Variable(String name, String expression, String path) {
    }

    /** One match condition: {@code name}, {@code expression}. */
    public record MatchCondition(String name, String expression, String path) {
    }
}
