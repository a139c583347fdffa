package dev.gkstudio.rego.ast;

import java.util.List;
import java.util.Map;

/**
 * An object literal {@code {k: v, ...}}; entries in source order (duplicate keys are kept; the evaluator
 * decides). Entries are immutable {@link Map#entry} pairs.
 *
 * @param entries  key/value pairs in source order
 * @param location source range
 */
public record ObjectTerm(List<Map.Entry<Term, Term>> entries, Location location) implements Term {
    public ObjectTerm {
        entries = List.copyOf(entries);
    }

    @Override
    public boolean isGround() {
        for (Map.Entry<Term, Term> e : entries) if (!e.getKey().isGround() || !e.getValue().isGround()) return false;
        return true;
    }

    @Override
    public ObjectTerm withLocation(Location location) { return new ObjectTerm(entries, location); }

    @Override
    public boolean equals(Object o) { return o instanceof ObjectTerm a && a.entries.equals(entries); }

    @Override
    public int hashCode() { return entries.hashCode(); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append(entries.get(i).getKey()).append(": ").append(entries.get(i).getValue());
        }
        return sb.append('}').toString();
    }
}
