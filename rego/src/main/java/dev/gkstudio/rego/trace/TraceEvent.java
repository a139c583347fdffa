package dev.gkstudio.rego.trace;

import dev.gkstudio.rego.ast.Location;
import dev.gkstudio.rego.value.Value;

import java.util.Map;

/**
 * One trace event.
 *
 * @param op       event kind
 * @param node     what the event is about: an {@link dev.gkstudio.rego.ast.Expr}, a {@link dev.gkstudio.rego.ast.Body}
 *                 (query/rule body) or a {@link dev.gkstudio.rego.ast.Rule}; may be null for synthetic events
 * @param text     the node as printed in traces: a rule by its path ({@code data.test.p}), an expression by its
 *                 source with generated variables renamed to the names the author wrote
 * @param location source location of the node ({@code file} is empty for the query)
 * @param queryId  id of the query (body evaluation) the event belongs to
 * @param parentId id of the parent query (0 for the top-level query)
 * @param locals   local bindings at the time of the event, under author names (generated vars left out)
 * @param message  optional message: {@code early} on Exit, the note text, the index result, ...; may be empty
 */
public record TraceEvent(TraceOp op, Object node, String text, Location location, int queryId, int parentId,
                         Map<String, Value> locals, String message) {
}
