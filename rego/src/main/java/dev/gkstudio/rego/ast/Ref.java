package dev.gkstudio.rego.ast;

import java.util.ArrayList;
import java.util.List;

/**
 * A reference {@code head.a[x]["b"]}. {@code terms.get(0)} is the head (a {@link Var} for ordinary refs
 * such as {@code data}, {@code input}, a local or a rule name; it may also be a composite/call term
 * for refs like {@code [1,2][0]} or {@code f(x)[0]}). Dot operands are string {@link Scalar}s.
 *
 * @param terms    head followed by operands; never empty
 * @param location source range
 */
public record Ref(List<Term> terms, Location location) implements Term {

    public Ref {
        terms = List.copyOf(terms);
        if (terms.isEmpty()) throw new IllegalArgumentException("empty ref");
    }

    /** Builds a ref from a dotted path like {@code data.a.b} (first element a var, rest strings). */
    public static Ref of(Location loc, String... path) {
        List<Term> ts = new ArrayList<>();
        ts.add(new Var(path[0], loc));
        for (int i = 1; i < path.length; i++) ts.add(Scalar.string(path[i], loc));
        return new Ref(ts, loc);
    }

    /** Parses a dotted name like {@code data.a.b} or {@code count} into a ref. */
    public static Ref ofDotted(String dotted, Location loc) {
        return of(loc, dotted.split("\\."));
    }

    /** @return the head var; throws if the head is not a var. */
    public Var head() {
        return (Var) terms.get(0);
    }

    /** @return true if the head is a var. */
    public boolean hasVarHead() {
        return terms.get(0) instanceof Var;
    }

    public int size() { return terms.size(); }

    public Term get(int i) { return terms.get(i); }

    /** @return a new ref with {@code t} appended. */
    public Ref append(Term t) {
        List<Term> ts = new ArrayList<>(terms);
        ts.add(t);
        return new Ref(ts, location);
    }

    /** @return a new ref made of the first {@code n} terms. */
    public Ref prefix(int n) {
        return new Ref(terms.subList(0, n), location);
    }

    /** @return true if every operand after the head is ground (the head var itself does not count). */
    public boolean isGroundPath() {
        for (int i = 1; i < terms.size(); i++) if (!terms.get(i).isGround()) return false;
        return true;
    }

    /** @return the number of leading terms (head included) that are ground strings/var head. */
    public int groundPrefixLength() {
        int i = 1;
        while (i < terms.size() && terms.get(i).isGround()) i++;
        return i;
    }

    /** @return true if this ref starts with the terms of {@code other} (by equality). */
    public boolean hasPrefix(Ref other) {
        if (other.terms.size() > terms.size()) return false;
        for (int i = 0; i < other.terms.size(); i++) if (!terms.get(i).equals(other.terms.get(i))) return false;
        return true;
    }

    @Override
    public boolean isGround() { return false; }

    @Override
    public Ref withLocation(Location location) { return new Ref(terms, location); }

    /** Equality by terms only (location ignored). */
    @Override
    public boolean equals(Object o) { return o instanceof Ref r && r.terms.equals(terms); }

    @Override
    public int hashCode() { return terms.hashCode(); }

    @Override
    public String toString() { return Printer.ref(this); }
}
