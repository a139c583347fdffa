package dev.gkstudio.rego.ast;

/**
 * {@code every k, v in domain { body }} / {@code every v in domain { body }}.
 *
 * @param key      key var, or null for the one-var form
 * @param value    value var
 * @param domain   domain term
 * @param body     body checked for every element
 * @param location source range
 */
public record Every(Term key, Term value, Term domain, Body body, Location location) implements ExprTerms {
    @Override
    public boolean equals(Object o) {
        return o instanceof Every e && java.util.Objects.equals(e.key, key) && e.value.equals(value)
                && e.domain.equals(domain) && e.body.equals(body);
    }

    @Override
    public int hashCode() { return java.util.Objects.hash(key, value, domain, body); }

    @Override
    public String toString() {
        return "every " + (key != null ? key + ", " : "") + value + " in " + domain + " { " + body + " }";
    }
}
