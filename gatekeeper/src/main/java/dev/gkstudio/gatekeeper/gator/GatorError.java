package dev.gkstudio.gatekeeper.gator;

/** An error whose message is the text gator prints. */
public class GatorError extends Exception {
    private final boolean schema;

    public GatorError(String message) {
        this(message, false);
    }

    public GatorError(String message, boolean schema) {
        super(message);
        this.schema = schema;
    }

    /** Whether the error wraps "schema validation failed". */
    public boolean isSchema() {
        return schema;
    }
}
