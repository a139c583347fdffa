package dev.gkstudio.rego.compiler.stages;

import dev.gkstudio.rego.ast.*;
import dev.gkstudio.rego.compiler.Builtins;

import java.util.Map;

/**
 * OPA's {@code CheckUndefinedFuncs} stage (v1/ast/compile.go {@code checkUndefinedFuncs}, with the arity check of
 * {@code checkArity}): a call names a builtin or a user function of the program, with a matching number of
 * arguments. The driver ({@code RegoCompiler.checkCalls}) walks the calls of rules and queries and records the
 * errors under this stage.
 */
public final class CheckUndefinedFuncs {
    private final Builtins builtins;
    /** User functions by path ({@code data.p.f}) to their number of arguments; read at each check. */
    private final Map<String, Integer> functions;
    private final CheckTypes types;

    public CheckUndefinedFuncs(Builtins builtins, Map<String, Integer> functions, CheckTypes types) {
        this.builtins = builtins;
        this.functions = functions;
        this.types = types;
    }

    /**
     * The error of call {@code c} reported at {@code loc}, or null. {@code exprLevel}: the call is an expression
     * of its own, whose last argument may be the output; a nested call takes exactly the declared arguments (OPA
     * rewrites it into an expression with a generated output var).
     */
    public Diagnostic check(Call c, Location loc, boolean exprLevel) {
        String name = c.name();
        int n = c.args().size();
        Builtins.Builtin b = builtins.get(name);
        if (b != null) {
            if (b.variadic() || !arityMismatch(b.arity(), n, exprLevel)) return null;
            return new Diagnostic(ErrorCodes.TYPE_ERROR, name + ": arity mismatch"
                    + types.details(c.args(), exprLevel, name, false), loc);
        }
        Integer fa = functions.get(name);
        if (fa != null) {
            if (!arityMismatch(fa, n, exprLevel)) return null;
            return new Diagnostic(ErrorCodes.TYPE_ERROR, "function " + name + " has arity " + fa
                    + ", got " + n + " argument" + (n == 1 ? "" : "s"), loc);
        }
        return new Diagnostic(ErrorCodes.TYPE_ERROR, "undefined function " + name, loc);
    }

    private static boolean arityMismatch(int arity, int n, boolean exprLevel) {
        return exprLevel ? n != arity && n != arity + 1 : n != arity;
    }
}
