package dev.gkstudio.rego.ast;

/**
 * The {@code package} clause. {@code path} is absolute, i.e. starts with the {@code data} var:
 * {@code package a.b} gives {@code data.a.b}.
 *
 * @param path     absolute ref rooted at {@code data}
 * @param location range of the whole clause
 */
public record Package(Ref path, Location location) implements Node {

    /** @return the dotted path without {@code data.}, e.g. {@code a.b} or {@code a["x-y"]}. */
    public String pathString() {
        String s = path.toString();
        return s.startsWith("data.") ? s.substring(5) : s;
    }

    @Override
    public String toString() {
        return "package " + pathString();
    }
}
