package dev.gkstudio.rego.ast;

import java.util.List;

/**
 * A set literal {@code {a, b}} or the empty set {@code set()}. Elements are kept in source order
 * (duplicates are kept too; the evaluator builds the value).
 *
 * @param elements elements in source order
 * @param location source range
 */
public record SetTerm(List<Term> elements, Location location) implements Term {
    public SetTerm {
        elements = List.copyOf(elements);
    }

    @Override
    public boolean isGround() {
        for (Term t : elements) if (!t.isGround()) return false;
        return true;
    }

    @Override
    public SetTerm withLocation(Location location) { return new SetTerm(elements, location); }

    @Override
    public boolean equals(Object o) { return o instanceof SetTerm a && a.elements.equals(elements); }

    @Override
    public int hashCode() { return elements.hashCode(); }

    @Override
    public String toString() { return elements.isEmpty() ? "set()" : Printer.list("{", elements, "}"); }
}
