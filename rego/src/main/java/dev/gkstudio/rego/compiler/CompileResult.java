package dev.gkstudio.rego.compiler;

import dev.gkstudio.rego.ast.Diagnostic;

import java.util.List;

/**
 * Result of {@link RegoCompiler#compile}. The program is always built (best effort) so tools can still use the
 * index and graph when there are errors; evaluate only if {@link #ok()}.
 *
 * @param program     compiled program
 * @param diagnostics compile errors ({@code rego_compile_error}, {@code rego_type_error}, {@code rego_unsafe_var_error},
 *                    {@code rego_recursion_error})
 */
public record CompileResult(CompiledProgram program, List<Diagnostic> diagnostics) {
    public CompileResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean ok() { return diagnostics.isEmpty(); }
}
