package dev.gkstudio.backend.share;

import java.time.Instant;
import java.util.Optional;

/**
 * Where shared workspaces live. Rows are immutable: {@link #put} inserts a new row or finds the
 * identical one already there; it never replaces content.
 */
public interface ShareStore {

    /** A stored row. */
    record Stored(String id, String sha256, int format, String content, Instant createdAt) {
    }

    /** What {@link #put} did. */
    enum Outcome {
        CREATED, ALREADY_STORED
    }

    /** An id already names different content (a hash-prefix collision): nothing was written. */
    final class CollisionException extends Exception {
        public CollisionException(String id) {
            super("the id " + id + " already names a different workspace");
        }
    }

    /** The store could not be reached or failed. */
    final class StoreException extends RuntimeException {
        public StoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    Outcome put(String id, String sha256, int format, String content) throws CollisionException;

    Optional<Stored> get(String id);

    /** For logs and the README: e.g. "H2 file", "PostgreSQL". */
    String describe();
}
