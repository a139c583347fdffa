package dev.gkstudio.backend.eval;

import java.util.List;
import java.util.Map;

/**
 * The answer to one {@code evaluate} message: what the results pane, the problems list, the
 * editors' markers and the generated YAML show for one version of the workspace.
 */
public record Evaluation(String type, long version, double elapsedMs, boolean templateOk,
                         List<SampleResult> samples, List<ConstraintInfo> constraints, List<Problem> problems,
                         Generated generated, Map<String, Coverage> coverage, Object schema,
                         List<RuleRef> violationRules) {

    /**
     * One sample: its verdict, its violations and whether it met its expectations; {@code object} is the
     * reviewed Kubernetes object as JSON, after mutation (the language server completes {@code input.review.object}
     * from it); {@code mutation} is what the mutators changed, null when none did.
     */
    public record SampleResult(int index, String name, int firstLine, int lastLine, String kind, String objectName,
                               String namespace, String operation, String status, String error,
                               List<Violation> violations, List<String> matched,
                               List<ExpectationResult> expectations, Boolean expectationsMet, double timeMs,
                               List<String> prints, String admission, Object object, List<NotMatched> notMatched,
                               Mutation mutation) {
    }

    /** The mutators that changed a sample, in order of application, and the fields they changed. */
    public record Mutation(List<String> mutators, List<Change> changes) {
    }

    /**
     * One changed field; {@code op} is {@code added}, {@code removed} or {@code changed}, and {@code before} /
     * {@code after} are JSON values (null on the side where the field is absent).
     */
    public record Change(String op, String path, Object before, Object after) {
    }

    /** A constraint that does not look at a sample, and the first {@code spec.match} criterion that excludes it. */
    public record NotMatched(String constraint, String reason) {
    }

    /** One violation; {@code sampleRange} is in the samples editor's coordinates. */
    public record Violation(String constraint, String kind, String name, String message, Object details,
                            String enforcementAction, Range sampleRange, RuleRef rule) {
    }

    public record Range(int startLine, int startColumn, int endLine, int endColumn) {
    }

    /** A rule in one of the template's modules ({@code rego} or {@code lib:<i>}). */
    public record RuleRef(String module, int startLine, int endLine) {
    }

    public record ExpectationResult(String text, String description, int line, boolean met, String error) {
    }

    /** A constraint of the constraint editor, as parsed (object is the whole constraint, for the form). */
    public record ConstraintInfo(String id, String kind, String name, String enforcementAction, Object object,
                                 int firstLine, String error) {
    }

    public record Generated(String template, String constraint, String crd, String suite, String vap) {
    }

    /** Line coverage of one module. */
    public record Coverage(List<Integer> covered, List<Integer> notCovered) {
    }
}
