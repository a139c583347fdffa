package dev.gkstudio.rego.trace;

import dev.gkstudio.rego.ast.Body;
import dev.gkstudio.rego.ast.Location;
import dev.gkstudio.rego.ast.Rule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Renders trace events in OPA's text form ({@code opa eval --explain=<mode>} with locations): a location column
 * ({@code file:row}, {@code query:row} for the query) padded to the widest location plus four spaces, then one
 * {@code "| "} per nesting level, the op and the node. Modes filter the events as OPA's {@code lineage} package does.
 */
public final class TracePrinter {
    private static final int COLUMN_PADDING = 4;

    /** Explain modes. */
    public enum Mode {
        /** Every event except Unify. */
        FULL,
        /** Note events with the chain of enclosing Enter/Redo events leading to them. */
        NOTES,
        /** Fail events with their enclosing chain. */
        FAILS,
        /** Every event. */
        DEBUG
    }

    private TracePrinter() {}

    /** Filters events for a mode. */
    public static List<TraceEvent> filter(List<TraceEvent> events, Mode mode) {
        return switch (mode) {
            case DEBUG -> events;
            case FULL -> events.stream().filter(e -> e.op() != TraceOp.UNIFY).toList();
            case NOTES -> lineage(events, e -> e.op() == TraceOp.NOTE);
            case FAILS -> lineage(events, e -> e.op() == TraceOp.FAIL);
        };
    }

    /** The events {@code keep} selects, each preceded by its chain of enclosing Enter/Redo events. */
    public static List<TraceEvent> lineage(List<TraceEvent> events, Predicate<TraceEvent> keep) {
        List<TraceEvent> out = new ArrayList<>();
        Map<Integer, TraceEvent> qids = new HashMap<>();
        for (TraceEvent e : events) {
            if (keep.test(e)) {
                List<TraceEvent> path = new ArrayList<>();
                path.add(e);
                TraceEvent cur = qids.get(e.queryId());
                while (cur != null) {
                    path.add(cur);
                    qids.remove(cur.queryId());
                    cur = cur.queryId() == cur.parentId() ? null : qids.get(cur.parentId());
                }
                for (int i = path.size() - 1; i >= 0; i--) out.add(path.get(i));
                qids = new HashMap<>();
            }
            if ((e.op() == TraceOp.ENTER || e.op() == TraceOp.REDO) && (e.node() instanceof Rule || e.node() instanceof Body)) {
                qids.put(e.queryId(), e);
            }
        }
        return out;
    }

    /** Renders the events of a mode as text, one line per event. */
    public static String print(List<TraceEvent> events, Mode mode) {
        return print(filter(events, mode));
    }

    /** Renders already filtered events as text. */
    public static String print(List<TraceEvent> events) {
        Map<Integer, Integer> depths = new HashMap<>();
        List<String[]> rows = new ArrayList<>();
        int width = 0;
        for (TraceEvent e : events) {
            int depth = depths.getOrDefault(e.queryId(), 0);
            if (depth == 0) {
                depth = depths.getOrDefault(e.parentId(), 0) + 1;
                depths.put(e.queryId(), depth);
            }
            String loc = location(e.location());
            width = Math.max(width, loc.length());
            rows.add(new String[]{loc, formatEvent(e, depth)});
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            sb.append(r[0]);
            for (int i = r[0].length(); i < width + COLUMN_PADDING + 1; i++) sb.append(' ');
            sb.append(r[1]).append('\n');
        }
        return sb.toString();
    }

    static String location(Location l) {
        if (l == null) return "";
        String file = l.file().isEmpty() ? "query" : l.file();
        return file + ":" + l.startLine();
    }

    static String formatEvent(TraceEvent e, int depth) {
        int spaces = depth + 1;
        if (e.op() == TraceOp.ENTER) spaces = depth;
        else if (e.op() == TraceOp.REDO && !(e.node() instanceof dev.gkstudio.rego.ast.Expr)) spaces = depth;
        String pad = spaces > 1 ? "| ".repeat(spaces - 1) : "";
        if (e.op() == TraceOp.NOTE) return pad + "Note " + quote(e.message());
        String s = pad + e.op().text() + " " + e.text();
        if (e.message() != null && !e.message().isEmpty()) s += " " + e.message();
        return s;
    }

    private static String quote(String s) {
        return dev.gkstudio.rego.value.Json.quote(s == null ? "" : s);
    }
}
