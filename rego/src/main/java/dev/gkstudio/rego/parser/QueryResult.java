package dev.gkstudio.rego.parser;

import dev.gkstudio.rego.ast.Body;
import dev.gkstudio.rego.ast.Diagnostic;

import java.util.List;

/**
 * Result of {@link RegoParser#parseQuery}.
 *
 * @param body        parsed query body (null if it could not be parsed)
 * @param diagnostics parse errors
 */
public record QueryResult(Body body, List<Diagnostic> diagnostics) {
    public QueryResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean ok() { return diagnostics.isEmpty() && body != null; }
}
