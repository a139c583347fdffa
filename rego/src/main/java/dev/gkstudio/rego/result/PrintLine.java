package dev.gkstudio.rego.result;

import dev.gkstudio.rego.ast.Location;

/**
 * One line written by {@code print(...)}: the arguments joined by single spaces (an undefined argument prints
 * as {@code <undefined>}), and the location of the call.
 *
 * @param text     the printed text (no trailing newline)
 * @param location source location of the {@code print} call
 */
public record PrintLine(String text, Location location) {
    /** OPA's {@code opa eval} form: {@code <file>:<row>: <text>}. */
    @Override
    public String toString() {
        String file = location.file().isEmpty() ? "query" : location.file();
        return file + ":" + location.startLine() + ": " + text;
    }
}
