package dev.gkstudio.gatekeeper.match;

/** A match criterion could not be evaluated (becomes an automatic violation). */
public class MatchException extends Exception {
    public MatchException(String message) {
        super(message);
    }
}
