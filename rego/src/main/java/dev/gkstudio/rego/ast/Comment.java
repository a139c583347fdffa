package dev.gkstudio.rego.ast;

/**
 * A {@code #} comment. {@code text} excludes the leading {@code #}.
 *
 * @param text     comment text after the {@code #}
 * @param location range including the {@code #}
 */
public record Comment(String text, Location location) implements Node {
    @Override
    public String toString() {
        return "#" + text;
    }
}
