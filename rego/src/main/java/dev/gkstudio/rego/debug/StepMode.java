package dev.gkstudio.rego.debug;

/** How a paused session goes on. Depth is the number of enclosing queries (rule, function, comprehension bodies). */
public enum StepMode {
    /** Run to the next breakpoint (or failing expression in fail mode). */
    CONTINUE,
    /** Stop before the next expression at the same or a smaller depth. */
    STEP_OVER,
    /** Stop before the next expression anywhere. */
    STEP_INTO,
    /** Stop before the next expression at a smaller depth. */
    STEP_OUT
}
