package dev.gkstudio.rego.debug;

import dev.gkstudio.rego.ast.Body;
import dev.gkstudio.rego.ast.Location;
import dev.gkstudio.rego.ast.Rule;
import dev.gkstudio.rego.trace.TraceEvent;
import dev.gkstudio.rego.trace.TraceOp;
import dev.gkstudio.rego.value.Value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the stack of enclosing queries from trace events alone: every event names its query and that query's
 * parent, so the chain of parents from the current event is the stack. Each query remembers the last expression it
 * evaluated, which for an outer frame is the call site.
 */
final class FrameTracker {
    private static final class Frame {
        final int parent;
        final String name;
        Location location;
        String text = "";
        Map<String, Value> locals = Map.of();

        Frame(int parent, String name, Location location) {
            this.parent = parent;
            this.name = name;
            this.location = location;
        }
    }

    private final Map<Integer, Frame> frames = new HashMap<>();

    /** Records the event; returns the depth of its query (1 for the top-level query). */
    int record(TraceEvent e) {
        Frame f = frames.get(e.queryId());
        if (f == null) {
            f = new Frame(e.parentId(), name(e), e.location());
            frames.put(e.queryId(), f);
        }
        if (e.op() == TraceOp.EVAL || e.op() == TraceOp.FAIL) {
            f.location = e.location();
            f.text = e.text();
        }
        f.locals = e.locals();
        return depth(e.queryId());
    }

    int depth(int qid) {
        int d = 0;
        Frame f = frames.get(qid);
        while (f != null && d < 100_000) {
            d++;
            Frame p = frames.get(f.parent);
            if (p == f) break;
            f = p;
        }
        return d;
    }

    /** The stack at event {@code e}, innermost first. */
    List<StackFrame> stack(TraceEvent e) {
        List<StackFrame> out = new ArrayList<>();
        Frame f = frames.get(e.queryId());
        boolean top = true;
        while (f != null && out.size() < 100_000) {
            Location loc = top ? e.location() : f.location;
            String text = top ? e.text() : f.text;
            out.add(new StackFrame(out.size(), f.name, loc, text, top ? e.locals() : f.locals));
            top = false;
            Frame p = frames.get(f.parent);
            if (p == f) break;
            f = p;
        }
        return out;
    }

    private String name(TraceEvent e) {
        if (e.op() == TraceOp.ENTER && e.node() instanceof Rule r) {
            return (r.head().args() != null ? "function " : "rule ") + e.text();
        }
        if (e.op() == TraceOp.ENTER && e.node() instanceof Body) {
            return frames.isEmpty() ? "query" : "comprehension";
        }
        // `not`, `every` and `or` open a query without an Enter event: name it by the parent's expression
        Frame parent = frames.get(e.parentId());
        String text = parent == null ? "" : parent.text;
        return text.isEmpty() ? "query" : text;
    }
}
