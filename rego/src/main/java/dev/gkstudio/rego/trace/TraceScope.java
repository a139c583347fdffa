package dev.gkstudio.rego.trace;

import dev.gkstudio.rego.value.Value;

/** The evaluation state a {@link Tracer} may read while it handles an event (on the evaluating thread only). */
public interface TraceScope {
    /** @return the {@code input} document in scope (a {@code with input as} replaces it), or null when undefined. */
    Value input();
}
