package dev.gkstudio.rego.ast;

/**
 * A variable. Wildcards {@code _} are renamed by the parser to generated names {@code $0}, {@code $1}, ...
 * (like OPA). Compiler-generated locals start with {@code __local} (see the compiler).
 *
 * @param name     variable name
 * @param location source range
 */
public record Var(String name, Location location) implements Term {

    /** Prefix of parser-generated wildcard names. */
    public static final String WILDCARD_PREFIX = "$";

    /** @return true for renamed wildcards ({@code $N}) and the literal {@code _}. */
    public boolean isWildcard() { return name.equals("_") || name.startsWith(WILDCARD_PREFIX); }

    /** @return true for names that users cannot write ({@code $N}, {@code __local...__}). */
    public boolean isGenerated() { return name.startsWith(WILDCARD_PREFIX) || name.startsWith("__local"); }

    @Override
    public boolean isGround() { return false; }

    @Override
    public Var withLocation(Location location) { return new Var(name, location); }

    /** Equality by name only (location ignored). */
    @Override
    public boolean equals(Object o) { return o instanceof Var v && v.name.equals(name); }

    @Override
    public int hashCode() { return name.hashCode(); }

    @Override
    public String toString() { return name; }
}
