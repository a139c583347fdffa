package dev.gkstudio.lsp.lint;

import java.util.List;

/**
 * A lint finding in module offsets.
 *
 * @param rule    the rule
 * @param start   start offset in the module text
 * @param end     end offset (exclusive)
 * @param message message
 * @param fix     a mechanical fix, or null
 */
public record Finding(LintRule rule, int start, int end, String message, Fix fix) {

    /** Replaces [start, end) of the module text by text. */
    public record Edit(int start, int end, String text) {}

    /** A quick fix: a title and edits in module offsets. */
    public record Fix(String title, List<Edit> edits) {}
}
