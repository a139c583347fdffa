package dev.gkstudio.rego.ast;

import java.util.List;

/**
 * {@code some x, y} (symbols are {@link Var}s) or {@code some x in xs} / {@code some k, v in xs}
 * (a single symbol: a {@link Call} to {@code internal.member_2(x, xs)} / {@code internal.member_3(k, v, xs)}),
 * like OPA.
 *
 * @param symbols  declared vars, or one member call
 * @param location source range
 */
public record SomeDecl(List<Term> symbols, Location location) implements ExprTerms {
    public SomeDecl {
        symbols = List.copyOf(symbols);
    }

    /** @return true for the {@code some ... in ...} form. */
    public boolean isIn() { return symbols.size() == 1 && symbols.get(0) instanceof Call; }

    @Override
    public boolean equals(Object o) { return o instanceof SomeDecl s && s.symbols.equals(symbols); }

    @Override
    public int hashCode() { return symbols.hashCode(); }

    @Override
    public String toString() {
        if (isIn()) {
            Call c = (Call) symbols.get(0);
            List<Term> a = c.args();
            if (a.size() == 2) return "some " + a.get(0) + " in " + a.get(1);
            return "some " + a.get(0) + ", " + a.get(1) + " in " + a.get(2);
        }
        StringBuilder sb = new StringBuilder("some ");
        for (int i = 0; i < symbols.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append(symbols.get(i));
        }
        return sb.toString();
    }
}
