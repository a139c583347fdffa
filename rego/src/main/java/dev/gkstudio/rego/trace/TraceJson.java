package dev.gkstudio.rego.trace;

import dev.gkstudio.rego.ast.Location;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.Value;

import java.util.List;
import java.util.Map;

/**
 * Structured (JSON) form of trace events for the UI: an array of objects
 * {@code {"op","text","message","queryId","parentId","depth","location":{"file","row","col","endRow","endCol"},"locals":{...}}}
 * ({@code depth} as in the text form; {@code locals} under author names, values in OPA's JSON form).
 */
public final class TraceJson {
    private TraceJson() {}

    public static String write(List<TraceEvent> events) {
        StringBuilder sb = new StringBuilder("[");
        Map<Integer, Integer> depths = new java.util.HashMap<>();
        boolean first = true;
        for (TraceEvent e : events) {
            int depth = depths.getOrDefault(e.queryId(), 0);
            if (depth == 0) {
                depth = depths.getOrDefault(e.parentId(), 0) + 1;
                depths.put(e.queryId(), depth);
            }
            if (!first) sb.append(',');
            first = false;
            sb.append("{\"op\":");
            Json.writeString(e.op().text(), sb);
            sb.append(",\"text\":");
            Json.writeString(e.text() == null ? "" : e.text(), sb);
            sb.append(",\"message\":");
            Json.writeString(e.message() == null ? "" : e.message(), sb);
            sb.append(",\"queryId\":").append(e.queryId()).append(",\"parentId\":").append(e.parentId());
            sb.append(",\"depth\":").append(depth);
            Location l = e.location();
            if (l != null && l.isKnown()) {
                sb.append(",\"location\":{\"file\":");
                Json.writeString(l.file(), sb);
                sb.append(",\"row\":").append(l.startLine()).append(",\"col\":").append(l.startCol())
                        .append(",\"endRow\":").append(l.endLine()).append(",\"endCol\":").append(l.endCol()).append('}');
            }
            sb.append(",\"locals\":{");
            boolean f2 = true;
            for (Map.Entry<String, Value> en : e.locals().entrySet()) {
                if (!f2) sb.append(',');
                f2 = false;
                Json.writeString(en.getKey(), sb);
                sb.append(':');
                Json.write(en.getValue(), sb);
            }
            sb.append("}}");
        }
        return sb.append(']').toString();
    }
}
