package dev.gkstudio.rego.ast;

/**
 * A parse or compile error/warning, shaped like OPA's {@code ast.Error}.
 * {@link #toString()} renders {@code <file>:<row>: <code>: <message>} exactly like OPA.
 *
 * @param code     OPA error code, see {@link ErrorCodes}
 * @param message  message text (OPA wording)
 * @param location where the error is; {@link Location#NONE} if unknown
 */
public record Diagnostic(String code, String message, Location location) {

    public Diagnostic {
        location = location == null ? Location.NONE : location;
    }

    @Override
    public String toString() {
        if (!location.isKnown()) return code + ": " + message;
        // OPA's Error(): "file:row" with a file name, "row:col" without
        String at = location.file().isEmpty() ? location.startLine() + ":" + location.startCol()
                : location.file() + ":" + location.startLine();
        return at + ": " + code + ": " + message;
    }
}
