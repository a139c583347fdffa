package dev.gkstudio.rego.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A tracer that keeps all events in memory; feed {@link #events()} to {@link TracePrinter} or {@link TraceJson}. */
public final class BufferTracer implements Tracer {
    private final List<TraceEvent> events = new ArrayList<>();
    private final boolean unify;

    public BufferTracer() { this(false); }

    /** @param unify also record Unify events (for the debug mode) */
    public BufferTracer(boolean unify) { this.unify = unify; }

    @Override
    public void event(TraceEvent event) { events.add(event); }

    @Override
    public boolean wantsUnify() { return unify; }

    public List<TraceEvent> events() { return Collections.unmodifiableList(events); }
}
