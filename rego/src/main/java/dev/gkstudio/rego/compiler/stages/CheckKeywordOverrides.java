package dev.gkstudio.rego.compiler.stages;

import dev.gkstudio.rego.ast.*;
import dev.gkstudio.rego.ast.Module;

import java.util.ArrayList;
import java.util.List;

/**
 * OPA's {@code CheckKeywordOverrides} stage ({@code checkRootDocumentOverrides}), run in strict mode and for modules
 * that are Rego v1 or import {@code rego.v1}: a rule may not be named {@code data} or {@code input}, nor may a
 * function argument or an assigned variable. Errors are {@code rego_compile_error}s at the rule, the argument and the
 * assignment expression.
 */
public final class CheckKeywordOverrides {
    private CheckKeywordOverrides() {}

    public static List<Diagnostic> check(Module m) {
        List<Diagnostic> out = new ArrayList<>();
        for (Rule r : m.rules()) {
            for (Rule x = r; x != null; x = x.elseRule()) head(x, out);
            Bodies.mapRule(r, b -> {
                for (Expr e : b.exprs()) {
                    if (e.isAssignment() && rootName(e.call().args().get(0)) != null) {
                        out.add(new Diagnostic(ErrorCodes.COMPILE_ERROR, "variables must not shadow "
                                + rootName(e.call().args().get(0))
                                + " (use a different variable name)", e.location()));
                    }
                }
                return b;
            });
        }
        return out;
    }

    private static boolean root(String name) {
        return name.equals("data") || name.equals("input");
    }

    /** {@code data} or {@code input} when the term is that root document (a var or the one-element ref), else null. */
    private static String rootName(Term t) {
        if (t instanceof Var v && root(v.name())) return v.name();
        if (t instanceof Ref r && r.size() == 1 && r.get(0) instanceof Var v && root(v.name())) return v.name();
        return null;
    }

    private static void head(Rule r, List<Diagnostic> out) {
        if (r.head().ref().get(0) instanceof Var v && root(v.name())) {
            out.add(new Diagnostic(ErrorCodes.COMPILE_ERROR, "rules must not shadow " + v.name()
                    + " (use a different rule name)", r.location()));
        }
        if (r.head().args() != null) {
            for (Term a : r.head().args()) {
                if (rootName(a) != null) {
                    out.add(new Diagnostic(ErrorCodes.COMPILE_ERROR, "args must not shadow " + rootName(a)
                            + " (use a different variable name)", a.location()));
                }
            }
        }
    }
}
