package dev.gkstudio.rego.parser;

import dev.gkstudio.rego.ast.Diagnostic;
import dev.gkstudio.rego.ast.Term;

import java.util.List;

/**
 * Result of {@link RegoParser#parseTerm}.
 *
 * @param term        parsed term (null on error)
 * @param diagnostics parse errors
 */
public record TermResult(Term term, List<Diagnostic> diagnostics) {
    public TermResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean ok() { return diagnostics.isEmpty() && term != null; }
}
