package dev.gkstudio.gatekeeper.regotool;

/** A load, parse or compile problem reported the way {@code opa} prints it (message already formatted). */
public final class RegoToolException extends Exception {
    public RegoToolException(String message) {
        super(message);
    }
}
