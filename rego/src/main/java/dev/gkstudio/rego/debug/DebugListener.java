package dev.gkstudio.rego.debug;

/** Receives a session's stops and its end; called on the session's evaluation thread, must not block. */
public interface DebugListener {
    void stopped(Pause pause);

    void terminated(DebugOutcome outcome);
}
