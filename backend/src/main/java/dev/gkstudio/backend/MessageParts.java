package dev.gkstudio.backend;

import java.io.IOException;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

/**
 * Joins the parts of websocket text messages up to a size limit. The container would otherwise buffer an oversize
 * message or drop it without a word (the client then waits forever): past the limit the session is closed at once
 * with code 1009 and the limit as the reason.
 */
final class MessageParts {

    private static final Logger LOG = Logger.getLogger(MessageParts.class);

    private final Session session;
    private final int maxChars;
    private final Consumer<String> whole;
    private final StringBuilder parts = new StringBuilder();

    MessageParts(Session session, int maxChars, Consumer<String> whole) {
        this.session = session;
        this.maxChars = maxChars;
        this.whole = whole;
    }

    void add(String part, boolean last) {
        if (parts.length() + (long) part.length() > maxChars) {
            parts.setLength(0);
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.TOO_BIG,
                        "message too large: at most " + maxChars + " characters"));
            } catch (IOException e) {
                LOG.debugf(e, "closing session %s", session.getId());
            }
            return;
        }
        if (last && parts.length() == 0) {
            whole.accept(part);
            return;
        }
        parts.append(part);
        if (last) {
            String message = parts.toString();
            parts.setLength(0);
            whole.accept(message);
        }
    }
}
