package dev.gkstudio.rego.trace;

/**
 * Receives trace events of one evaluation. Attach through {@link dev.gkstudio.rego.result.EvalOptions#tracer()};
 * with no tracer attached the evaluator does not build events at all.
 * Implementations are called on the evaluating thread, in order.
 */
@FunctionalInterface
public interface Tracer {
    void event(TraceEvent event);

    /** @return true if Unify events are wanted (debug mode); building them is not free. */
    default boolean wantsUnify() { return false; }

    /**
     * Called once before the first event with a view of the evaluation's current state, for tracers that look
     * at more than the events (the debugger evaluates watch expressions against the {@code input} in scope).
     */
    default void attach(TraceScope scope) { }
}
