package dev.gkstudio.backend.cluster;

/** Where a long cluster operation is, for the browser's progress display. */
public interface Progress {

    Progress NONE = (phase, message, done, total) -> { };

    /**
     * @param phase   e.g. "apply", "wait", "list", "evaluate"
     * @param message one line for humans
     * @param done    units done so far (objects listed or evaluated)
     * @param total   units expected, or -1 when unknown (listing pages)
     */
    void report(String phase, String message, long done, long total);

    /** Whether the operation should stop early (the job was cancelled). */
    default boolean cancelled() {
        return false;
    }
}
