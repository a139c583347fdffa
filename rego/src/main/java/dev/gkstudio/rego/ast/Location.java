package dev.gkstudio.rego.ast;

/**
 * A source range. Lines and columns are 1-based; columns count UTF-16 chars (as Java strings do).
 * Offsets are 0-based char offsets into the source text, {@code endOffset} exclusive.
 * The end position ({@code endLine}/{@code endCol}) points just after the last character.
 *
 * @param file        file name (as given in {@link SourceFile#name()}), may be empty for queries
 * @param startLine   1-based start line
 * @param startCol    1-based start column
 * @param endLine     1-based end line
 * @param endCol      1-based column just after the last character
 * @param startOffset 0-based start char offset
 * @param endOffset   0-based exclusive end char offset
 */
public record Location(String file, int startLine, int startCol, int endLine, int endCol, int startOffset, int endOffset) {

    /** A location for synthesized nodes with no source position. */
    public static final Location NONE = new Location("", 0, 0, 0, 0, 0, 0);

    public Location {
        file = file == null ? "" : file;
    }

    /** @return true if this is a real source location (not {@link #NONE}-like). */
    public boolean isKnown() {
        return startLine > 0;
    }

    /** @return the smallest range covering this and {@code other}. */
    public Location span(Location other) {
        if (other == null || !other.isKnown()) return this;
        if (!isKnown()) return other;
        boolean thisFirst = startOffset <= other.startOffset;
        boolean thisLast = endOffset >= other.endOffset;
        return new Location(file,
                thisFirst ? startLine : other.startLine, thisFirst ? startCol : other.startCol,
                thisLast ? endLine : other.endLine, thisLast ? endCol : other.endCol,
                Math.min(startOffset, other.startOffset), Math.max(endOffset, other.endOffset));
    }

    /** @return the covered source text of {@code source}, or "" if out of range. */
    public String text(String source) {
        if (source == null || startOffset < 0 || endOffset > source.length() || startOffset > endOffset) return "";
        return source.substring(startOffset, endOffset);
    }

    /** OPA-style {@code file:row:col}. */
    @Override
    public String toString() {
        return file + ":" + startLine + ":" + startCol;
    }
}
