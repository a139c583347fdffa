package dev.gkstudio.gatekeeper.yaml;

/** Input that cannot be read as YAML/JSON, or that is refused as hostile. Carries the position when known. */
public class YamlException extends Exception {
    private final SourceRange range;

    public YamlException(String message, SourceRange range) {
        super(message);
        this.range = range == null ? SourceRange.NONE : range;
    }

    public SourceRange range() {
        return range;
    }
}
