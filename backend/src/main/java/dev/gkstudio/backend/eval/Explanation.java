package dev.gkstudio.backend.eval;

import java.util.List;

/**
 * The explain view of one sample evaluated against one constraint: the trace events (the
 * browser filters them into the full / notes / fails views), print() output, and the rule that
 * produced the violation asked about.
 */
public record Explanation(String type, long version, int sample, String constraint, List<TraceLine> events,
                          boolean truncated, List<PrintOut> prints, Evaluation.RuleRef rule, String error,
                          List<RuleValues> values) {

    /**
     * What one rule (or function) and its variables evaluated to in this evaluation, for the Rego editor's
     * hover: {@code value} is the rule's value (JSON, null for functions and undefined rules), {@code vars}
     * the distinct values (JSON, at most a few) each variable of its body took.
     */
    public record RuleValues(String module, String name, int startLine, int endLine, String value,
                             java.util.Map<String, List<String>> vars) {
    }

    /**
     * One trace event in OPA's vocabulary.
     *
     * @param op     Enter, Exit, Eval, Redo, Fail, Duplicate, Note, Index
     * @param qid    query id; {@code pid} its parent query
     * @param depth  nesting level as {@code opa eval --explain} prints it
     * @param module {@code rego}, {@code lib:<i>} or {@code query}
     * @param line   1-based line in that module (0 for the query)
     * @param text   the node: a rule's path or an expression's source
     * @param message e.g. {@code early}, a note's text, an index result
     * @param locals the local bindings, abbreviated
     */
    public record TraceLine(String op, int qid, int pid, int depth, String module, int line, String text,
                            String message, String locals) {
    }

    /** One print() line and where the call is. */
    public record PrintOut(String module, int line, String text) {
    }
}
