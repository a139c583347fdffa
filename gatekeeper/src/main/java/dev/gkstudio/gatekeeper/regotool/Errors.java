package dev.gkstudio.gatekeeper.regotool;

import dev.gkstudio.rego.ast.Diagnostic;
import java.util.List;

/** OPA's rendering of a list of AST errors ({@code ast.Errors.Error()}). */
public final class Errors {
    private Errors() {}

    public static String format(List<Diagnostic> diags) {
        if (diags.isEmpty()) return "no error(s)";
        if (diags.size() == 1) return "1 error occurred: " + diags.get(0);
        StringBuilder sb = new StringBuilder(diags.size() + " errors occurred:");
        for (Diagnostic d : diags) sb.append('\n').append(d);
        return sb.toString();
    }
}
