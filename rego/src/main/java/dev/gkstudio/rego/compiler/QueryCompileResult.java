package dev.gkstudio.rego.compiler;

import dev.gkstudio.rego.ast.Diagnostic;

import java.util.List;

/**
 * Result of {@link RegoCompiler#compileQuery}.
 *
 * @param query       compiled query (null if the query had errors)
 * @param diagnostics errors
 */
public record QueryCompileResult(CompiledQuery query, List<Diagnostic> diagnostics) {
    public QueryCompileResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean ok() { return diagnostics.isEmpty(); }
}
