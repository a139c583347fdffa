package dev.gkstudio.gatekeeper.yaml;

/** A 1-based line/column range in a pasted text (end column is exclusive). */
public record SourceRange(int startLine, int startColumn, int endLine, int endColumn) {
    public static final SourceRange NONE = new SourceRange(0, 0, 0, 0);

    public boolean isKnown() {
        return startLine > 0;
    }

    @Override
    public String toString() {
        return startLine + ":" + startColumn;
    }
}
