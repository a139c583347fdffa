package dev.gkstudio.gatekeeper.client;

/**
 * What a driver measures during one review when stats are gathered. The Rego driver reports per template
 * ({@code templateRunTimeNS}, {@code constraintCount}, labels); the K8sNativeValidation driver per constraint
 * ({@code runTimeNS}, no labels).
 *
 * @param engine          {@code Rego} or {@code K8sNativeValidation}
 * @param statsFor        the template's constraint kind (Rego) or {@code <kind>/<constraint name>} (CEL)
 * @param runTimeNs       nanoseconds spent evaluating
 * @param constraintCount how many constraints of the kind were evaluated (Rego)
 * @param tracing         whether tracing was on
 * @param printEnabled    whether print() output was collected
 */
public record ReviewStats(String engine, String statsFor, long runTimeNs, int constraintCount, boolean tracing,
                          boolean printEnabled) {
    public boolean rego() {
        return "Rego".equals(engine);
    }
}
