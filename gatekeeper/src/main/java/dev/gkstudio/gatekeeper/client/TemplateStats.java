package dev.gkstudio.gatekeeper.client;

/**
 * What the Rego driver measures for one template during one review when stats are gathered (the
 * constraint framework's {@code templateRunTimeNS} and {@code constraintCount}).
 *
 * @param kind            the template's constraint kind
 * @param runTimeNs       nanoseconds spent evaluating the template's matched constraints
 * @param constraintCount how many constraints of the kind were evaluated
 * @param tracing         whether tracing was on
 * @param printEnabled    whether print() output was collected
 */
public record TemplateStats(String kind, long runTimeNs, int constraintCount, boolean tracing, boolean printEnabled) {
}
