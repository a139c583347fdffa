package dev.gkstudio.rego.trace;

/** Trace event kinds, as OPA's {@code topdown.Op}. */
public enum TraceOp {
    /** A query or rule body is about to be evaluated. */
    ENTER("Enter"),
    /** A body evaluated to true (message {@code early} when evaluation stops at the first answer). */
    EXIT("Exit"),
    /** An expression is about to be evaluated. */
    EVAL("Eval"),
    /** An expression, rule or query is re-evaluated (backtracking). */
    REDO("Redo"),
    /** An expression evaluated to false or undefined. */
    FAIL("Fail"),
    /** A query produced a value already produced. */
    DUPLICATE("Duplicate"),
    /** {@code trace(string)} was called. */
    NOTE("Note"),
    /** Rule index lookup. */
    INDEX("Index"),
    /** Two terms were unified (debug only). */
    UNIFY("Unify"),
    /** Expression saved (partial evaluation; never emitted by this evaluator). */
    SAVE("Save");

    private final String text;

    TraceOp(String text) { this.text = text; }

    /** @return OPA's spelling, e.g. {@code Enter}. */
    public String text() { return text; }
}
