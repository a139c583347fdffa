package dev.gkstudio.rego.compiler.stages;

import dev.gkstudio.rego.ast.*;

import java.util.ArrayList;
import java.util.List;

/**
 * OPA's {@code RewriteEquals} stage (modules only, not queries): an expression {@code a == b} becomes the
 * unification {@code a = b}. Safety ordering has already run, so both sides are bound when the expression runs and
 * the result is the same; what changes is the next stage, {@link RewriteDynamicTerms}, which hoists the operands of
 * calls but only the ref operands of a unification: {@code not input.missing == "a"} stays
 * {@code not input.missing = "a"}, true when {@code input.missing} is undefined, exactly as in OPA.
 */
public final class RewriteEquals {
    private RewriteEquals() {}

    /**
     * @param keepNegated leave negated expressions alone (modules importing {@code future.keywords.not}, whose
     *                    negations keep their operands inside)
     */
    public static Rule rule(Rule r, boolean keepNegated) {
        return Bodies.mapRule(r, b -> body(b, keepNegated));
    }

    private static Body body(Body b, boolean keepNegated) {
        List<Expr> out = null;
        for (int i = 0; i < b.exprs().size(); i++) {
            Expr e = b.exprs().get(i);
            if (keepNegated && e.negated()) continue;
            if (e.terms() instanceof Call c && c.name().equals("equal") && c.args().size() == 2) {
                if (out == null) out = new ArrayList<>(b.exprs());
                Ref eq = Ref.ofDotted("eq", c.operator().location());
                out.set(i, e.withTerms(new Call(eq, c.args(), c.location())));
            }
        }
        return out == null ? b : new Body(out, b.location());
    }
}
