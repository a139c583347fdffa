package dev.gkstudio.rego.ast;

/**
 * A {@code with target as value} modifier.
 *
 * @param target   the replaced document or function: a {@link Ref} ({@code input.x}, {@code data.p}, {@code count})
 * @param value    replacement term
 * @param location source range of {@code with ... as ...}
 */
public record With(Term target, Term value, Location location) implements Node {
    @Override
    public boolean equals(Object o) { return o instanceof With w && w.target.equals(target) && w.value.equals(value); }

    @Override
    public int hashCode() { return target.hashCode() * 31 + value.hashCode(); }

    @Override
    public String toString() { return "with " + target + " as " + value; }
}
