package dev.gkstudio.rego.ast;

import java.util.List;

/**
 * A query/rule body: a conjunction of expressions. Also used as a grouped body in
 * {@code not { ... }} and as an operand of {@code and}/{@code or} ({@link LogicalExpr}).
 *
 * @param exprs    expressions in order (after compilation: in safe evaluation order, with indices renumbered)
 * @param location source range
 */
public record Body(List<Expr> exprs, Location location) implements ExprTerms {

    public Body {
        exprs = List.copyOf(exprs);
    }

    public int size() { return exprs.size(); }

    public boolean isEmpty() { return exprs.isEmpty(); }

    public Expr get(int i) { return exprs.get(i); }

    /** Equality by expressions (location ignored). */
    @Override
    public boolean equals(Object o) { return o instanceof Body b && b.exprs.equals(exprs); }

    @Override
    public int hashCode() { return exprs.hashCode(); }

    /** Rego form with {@code ; } separators, e.g. {@code x = 1; y = x}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < exprs.size(); i++) {
            if (i > 0) sb.append("; ");
            sb.append(exprs.get(i));
        }
        return sb.toString();
    }
}
