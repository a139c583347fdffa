package dev.gkstudio.rego.ast;

/**
 * A named piece of Rego source text handed to the parser.
 *
 * @param name file name used in {@link Location#file()} and diagnostics (e.g. {@code test-0.rego})
 * @param text full source text
 */
public record SourceFile(String name, String text) {
    public SourceFile {
        name = name == null ? "" : name;
        text = text == null ? "" : text;
    }
}
