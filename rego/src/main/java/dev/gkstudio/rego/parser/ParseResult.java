package dev.gkstudio.rego.parser;

import dev.gkstudio.rego.ast.Diagnostic;
import dev.gkstudio.rego.ast.Module;

import java.util.List;

/**
 * Result of {@link RegoParser#parseModule}: the module (always non-null; partial when there are errors) and
 * the diagnostics ({@code rego_parse_error}s).
 *
 * @param module      parsed module (best effort if errors)
 * @param diagnostics parse errors in source order of discovery; empty on success
 */
public record ParseResult(Module module, List<Diagnostic> diagnostics) {
    public ParseResult {
        diagnostics = List.copyOf(diagnostics);
    }

    /** @return true if there are no diagnostics. */
    public boolean ok() { return diagnostics.isEmpty(); }
}
