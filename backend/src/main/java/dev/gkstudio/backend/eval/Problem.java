package dev.gkstudio.backend.eval;

import dev.gkstudio.gatekeeper.yaml.SourceRange;

/**
 * An error shown as a marker in one editor and in the problems list.
 *
 * @param source    which editor: {@code rego}, {@code lib:<i>}, {@code metadata}, {@code schema},
 *                  {@code constraint}, {@code samples}, {@code inventory}, {@code providers}, {@code mutators},
 *                  {@code template-yaml}
 * @param severity  {@code error} or {@code warning}
 * @param message   the text, Gatekeeper's or OPA's wording
 * @param startLine 1-based; 0 when unknown (the marker goes on the first line)
 */
public record Problem(String source, String severity, String message, int startLine, int startColumn,
                      int endLine, int endColumn) {

    public static Problem error(String source, String message, SourceRange range, int lineOffset) {
        if (range == null || !range.isKnown()) {
            return new Problem(source, "error", message, 0, 0, 0, 0);
        }
        return new Problem(source, "error", message, range.startLine() + lineOffset, range.startColumn(),
                range.endLine() + lineOffset, range.endColumn());
    }

    public static Problem at(String source, String message, int line, int column) {
        return new Problem(source, "error", message, line, Math.max(1, column), line, Math.max(1, column) + 1);
    }
}
