package dev.gkstudio.backend;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.jboss.logging.Logger;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

/**
 * The only writer of an LSP websocket session. Replies and diagnostics are produced on several threads at once;
 * the container allows one send in flight per session, and lsp4j's own sender could hand it a null message when a
 * reply and a send completion raced (the session then stayed open and silent). Here every message is queued and
 * sent strictly one after the other; a failed send closes the session so that the client reconnects.
 */
final class LspSender implements MessageConsumer {

    private static final Logger LOG = Logger.getLogger(LspSender.class);

    /** Messages waiting for a client that stopped reading: past this the session is closed, not grown. */
    static final int MAX_QUEUED = 10_000;

    private final Session session;
    private final MessageJsonHandler json;
    private final Queue<String> queue = new ArrayDeque<>();
    private boolean sending;
    private boolean failed;

    LspSender(Session session, MessageJsonHandler json) {
        this.session = session;
        this.json = json;
    }

    @Override
    public void consume(Message message) {
        String text = json.serialize(message);
        boolean overflow = false;
        synchronized (this) {
            if (failed) return;
            if (queue.size() >= MAX_QUEUED) {
                overflow = true;
                failed = true;
                queue.clear();
            } else {
                queue.add(text);
                if (sending) return;
                sending = true;
            }
        }
        if (overflow) {
            close("client stopped reading");
            return;
        }
        pump();
    }

    /** Sends queued messages until the queue is empty or a send completes later, on another thread. */
    private void pump() {
        while (true) {
            String next;
            synchronized (this) {
                next = failed ? null : queue.poll();
                if (next == null) {
                    sending = false;
                    return;
                }
            }
            // 0 pending, 1 completed before sendText returned (keep looping here), 2 sendText returned first
            // (the completion continues the pump): no recursion however the container calls back
            AtomicInteger state = new AtomicInteger();
            try {
                session.getAsyncRemote().sendText(next, result -> {
                    if (!result.isOK()) {
                        fail(result);
                    } else if (!state.compareAndSet(0, 1)) {
                        pump();
                    }
                });
            } catch (RuntimeException e) {
                fail(new SendResult(e));
                return;
            }
            if (state.compareAndSet(0, 2)) return;
            synchronized (this) {
                if (failed) {
                    sending = false;
                    return;
                }
            }
        }
    }

    private void fail(SendResult result) {
        synchronized (this) {
            failed = true;
            sending = false;
            queue.clear();
        }
        LOG.debugf(result.getException(), "LSP session %s: send failed", session.getId());
        close("send failed");
    }

    private void close(String why) {
        if (!session.isOpen()) return;
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, why));
        } catch (IOException e) {
            LOG.debugf(e, "closing LSP session %s", session.getId());
        }
    }
}
