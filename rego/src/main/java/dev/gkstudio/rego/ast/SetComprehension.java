package dev.gkstudio.rego.ast;

/**
 * {@code {term | body}}.
 *
 * @param term     head term
 * @param body     comprehension body
 * @param location source range
 */
public record SetComprehension(Term term, Body body, Location location) implements Term {
    @Override
    public boolean isGround() { return false; }

    @Override
    public SetComprehension withLocation(Location location) { return new SetComprehension(term, body, location); }

    @Override
    public boolean equals(Object o) { return o instanceof SetComprehension c && c.term.equals(term) && c.body.equals(body); }

    @Override
    public int hashCode() { return term.hashCode() * 37 + body.hashCode(); }

    @Override
    public String toString() { return "{" + term + " | " + body + "}"; }
}
