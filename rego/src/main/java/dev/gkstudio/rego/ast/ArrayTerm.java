package dev.gkstudio.rego.ast;

import java.util.List;

/**
 * An array literal {@code [a, b]}.
 *
 * @param elements elements
 * @param location source range
 */
public record ArrayTerm(List<Term> elements, Location location) implements Term {
    public ArrayTerm {
        elements = List.copyOf(elements);
    }

    @Override
    public boolean isGround() {
        for (Term t : elements) if (!t.isGround()) return false;
        return true;
    }

    @Override
    public ArrayTerm withLocation(Location location) { return new ArrayTerm(elements, location); }

    @Override
    public boolean equals(Object o) { return o instanceof ArrayTerm a && a.elements.equals(elements); }

    @Override
    public int hashCode() { return elements.hashCode(); }

    @Override
    public String toString() { return Printer.list("[", elements, "]"); }
}
