package dev.gkstudio.rego.ast;

/**
 * {@code {key: value | body}}.
 *
 * @param key      key term
 * @param value    value term
 * @param body     comprehension body
 * @param location source range
 */
public record ObjectComprehension(Term key, Term value, Body body, Location location) implements Term {
    @Override
    public boolean isGround() { return false; }

    @Override
    public ObjectComprehension withLocation(Location location) { return new ObjectComprehension(key, value, body, location); }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectComprehension c && c.key.equals(key) && c.value.equals(value) && c.body.equals(body);
    }

    @Override
    public int hashCode() { return (key.hashCode() * 31 + value.hashCode()) * 31 + body.hashCode(); }

    @Override
    public String toString() { return "{" + key + ": " + value + " | " + body + "}"; }
}
