package dev.gkstudio.rego.ast;

import java.util.List;

/**
 * The v1 {@code and} / {@code or} keywords (enabled by {@code import future.keywords.and/or}).
 * Precedence: {@code not} binds tightest, then {@code and}, then {@code or}; so
 * {@code a or b and c} is {@code OR[a, AND[b, c]]}. Chains are flattened ({@code a and b and c} is one
 * node with three operands). Each operand is a {@link Body}: an implicit operand {@code input.x > 0}
 * is a one-expression body, an explicit {@code { a := 1; a > 0 }} keeps all expressions; nested
 * logical operands are one-expression bodies holding a LogicalExpr.
 * Semantics: AND succeeds for each joint solution of all operands in order; OR yields the solutions of
 * each operand in order (like an inline disjunction).
 *
 * @param op       operator
 * @param operands two or more operand bodies
 * @param location source range
 */
public record LogicalExpr(Op op, List<Body> operands, Location location) implements ExprTerms {

    /** Operator kinds. */
    public enum Op { AND, OR }

    public LogicalExpr {
        operands = List.copyOf(operands);
    }

    @Override
    public boolean equals(Object o) { return o instanceof LogicalExpr l && l.op == op && l.operands.equals(operands); }

    @Override
    public int hashCode() { return op.hashCode() * 31 + operands.hashCode(); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        String kw = op == Op.AND ? " and " : " or ";
        for (int i = 0; i < operands.size(); i++) {
            if (i > 0) sb.append(kw);
            Body b = operands.get(i);
            if (b.size() == 1 && !(b.get(0).terms() instanceof LogicalExpr)) sb.append(b.get(0));
            else sb.append("{ ").append(b).append(" }");
        }
        return sb.toString();
    }
}
