package dev.gkstudio.rego.ast;

import java.util.List;

/**
 * One expression of a body.
 * <ul>
 * <li>{@code terms} is a {@link Term} for plain terms and call expressions ({@link Call}, incl. infix
 * operators as builtin calls: {@code x = 1} is {@code Call(eq,[x,1])});</li>
 * <li>a {@link SomeDecl} for {@code some ...};</li>
 * <li>an {@link Every} for {@code every ...};</li>
 * <li>a {@link LogicalExpr} for {@code a and b} / {@code a or b};</li>
 * <li>a {@link Body} for a grouped body (only negated: {@code not { ... }}).</li>
 * </ul>
 *
 * @param index     position of the expression in its body (0-based)
 * @param negated   true if prefixed by {@code not}
 * @param terms     expression content
 * @param withs     {@code with} modifiers in order
 * @param generated true if produced by the compiler (e.g. rewritten comprehension/call outputs)
 * @param location  source range
 */
public record Expr(int index, boolean negated, ExprTerms terms, List<With> withs, boolean generated, Location location)
        implements Node {

    public Expr {
        withs = withs == null ? List.of() : List.copyOf(withs);
    }

    /** A non-negated, non-generated expression without {@code with}. */
    public static Expr of(ExprTerms terms, Location loc) {
        return new Expr(0, false, terms, List.of(), false, loc);
    }

    /** @return true if this is a call expression (terms is a {@link Call}). */
    public boolean isCall() { return terms instanceof Call; }

    /** @return the call, or null. */
    public Call call() { return terms instanceof Call c ? c : null; }

    /** @return the operator name of a call expression ({@code eq}, {@code assign}, ...), or null. */
    public String operatorName() { return terms instanceof Call c ? c.name() : null; }

    /** @return true for {@code a = b}. */
    public boolean isEquality() { return terms instanceof Call c && c.args().size() == 2 && c.name().equals("eq"); }

    /** @return true for {@code a := b}. */
    public boolean isAssignment() { return terms instanceof Call c && c.args().size() == 2 && c.name().equals("assign"); }

    public Expr withIndex(int i) { return new Expr(i, negated, terms, withs, generated, location); }

    public Expr withTerms(ExprTerms t) { return new Expr(index, negated, t, withs, generated, location); }

    public Expr withWiths(List<With> w) { return new Expr(index, negated, terms, w, generated, location); }

    public Expr withNegated(boolean n) { return new Expr(index, n, terms, withs, generated, location); }

    public Expr withGenerated(boolean g) { return new Expr(index, negated, terms, withs, g, location); }

    /** Equality by negation, content and withs (index, location and generated flag ignored). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Expr e && e.negated == negated && e.terms.equals(terms) && e.withs.equals(withs);
    }

    @Override
    public int hashCode() { return terms.hashCode() * 31 + withs.hashCode() + (negated ? 1 : 0); }

    /** Rego form: {@code x = data.a[_]}, {@code plus(x, 1, n)}, {@code not p with input as {}}. */
    @Override
    public String toString() { return Printer.expr(this); }
}
