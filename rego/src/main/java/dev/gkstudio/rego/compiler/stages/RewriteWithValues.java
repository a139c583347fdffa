package dev.gkstudio.rego.compiler.stages;

import dev.gkstudio.rego.ast.*;
import dev.gkstudio.rego.compiler.Builtins;

import java.util.Map;

/**
 * The check of OPA's {@code RewriteWithValues} stage (v1/ast/compile.go): a {@code with} target is {@code input},
 * {@code data} (or a path below them), a builtin or a user function. The rewriting part is the evaluator's (it applies the values
 * directly). The driver ({@code RegoCompiler.checkCalls}) calls it for each {@code with} of rules and queries.
 */
public final class RewriteWithValues {
    private final Builtins builtins;
    /** User functions by path ({@code data.p.f}); read at each check. */
    private final Map<String, Integer> functions;

    public RewriteWithValues(Builtins builtins, Map<String, Integer> functions) {
        this.builtins = builtins;
        this.functions = functions;
    }

    /** The target error of {@code w}, or null. */
    public Diagnostic checkTarget(With w) {
        Term t = w.target();
        if (t instanceof Ref r && r.get(0) instanceof Var v) {
            String h = v.name();
            if (h.equals("input") || h.equals("data")) return null;
            String name = r.toString();
            if (builtins.contains(name) || functions.containsKey(name)) return null;
        }
        return new Diagnostic(ErrorCodes.TYPE_ERROR,
                "with keyword target must reference existing input, data, or a function", t.location());
    }
}
