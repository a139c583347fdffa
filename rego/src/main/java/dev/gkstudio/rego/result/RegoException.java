package dev.gkstudio.rego.result;

import dev.gkstudio.rego.ast.Diagnostic;

import java.util.List;

/** Thrown when a query (or policy) does not parse or compile; carries the diagnostics. */
public final class RegoException extends RuntimeException {
    private final List<Diagnostic> diagnostics;

    public RegoException(List<Diagnostic> diagnostics) {
        super(render(diagnostics));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() { return diagnostics; }

    private static String render(List<Diagnostic> ds) {
        StringBuilder sb = new StringBuilder();
        if (ds.size() > 1) sb.append(ds.size()).append(" errors occurred:\n");
        for (int i = 0; i < ds.size(); i++) {
            if (i > 0) sb.append('\n');
            sb.append(ds.get(i));
        }
        return sb.toString();
    }
}
