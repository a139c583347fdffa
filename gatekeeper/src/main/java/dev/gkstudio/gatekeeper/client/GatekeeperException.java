package dev.gkstudio.gatekeeper.client;

import dev.gkstudio.gatekeeper.yaml.SourceRange;

/** An error with Gatekeeper's wording; {@link #isSchemaError()} when it wraps "schema validation failed". */
public class GatekeeperException extends Exception {
    private final boolean schemaError;
    private final SourceRange range;

    public GatekeeperException(String message) {
        this(message, false, SourceRange.NONE);
    }

    public GatekeeperException(String message, boolean schemaError, SourceRange range) {
        super(message);
        this.schemaError = schemaError;
        this.range = range == null ? SourceRange.NONE : range;
    }

    public boolean isSchemaError() {
        return schemaError;
    }

    /** Where in the source the problem is, when known. */
    public SourceRange range() {
        return range;
    }
}
