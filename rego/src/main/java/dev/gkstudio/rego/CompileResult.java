package dev.gkstudio.rego;

import dev.gkstudio.rego.result.RegoException;
import dev.gkstudio.rego.ast.Diagnostic;
import dev.gkstudio.rego.ast.Module;

import java.util.List;

/**
 * The outcome of {@link Rego#compile}.
 *
 * @param diagnostics errors and warnings (OPA codes, {@code file:row:col})
 * @param modules     the parsed (and compiled) modules, in input order; may be partial on errors
 * @param policy      the prepared policy, or null when there are errors
 */
public record CompileResult(List<Diagnostic> diagnostics, List<Module> modules, PreparedPolicy policy) {
    public CompileResult {
        diagnostics = List.copyOf(diagnostics);
        modules = List.copyOf(modules);
    }

    /** @return true if compilation succeeded ({@link #policy()} is non-null). */
    public boolean ok() {
        return policy != null;
    }

    /** @return the policy; throws {@link RegoException} with the diagnostics when compilation failed. */
    public PreparedPolicy policyOrThrow() {
        if (policy == null) throw new RegoException(diagnostics);
        return policy;
    }
}
