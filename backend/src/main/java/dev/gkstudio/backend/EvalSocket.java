package dev.gkstudio.backend;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.gkstudio.backend.EvalProtocol.ErrorReply;
import dev.gkstudio.backend.EvalProtocol.Request;
import dev.gkstudio.backend.EvalProtocol.SplitReply;
import dev.gkstudio.backend.eval.Problem;
import dev.gkstudio.backend.eval.EvalCancellation;
import dev.gkstudio.backend.eval.Workspace;
import dev.gkstudio.backend.eval.WorkspaceEvaluator;
import dev.gkstudio.gatekeeper.yaml.YamlException;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * {@code /ws/eval}: live evaluation. Every edit in the browser sends the whole workspace with
 * an increasing version; this endpoint evaluates the newest one it has, one at a time per
 * session, and answers with results that carry the version they belong to (see
 * {@link EvalProtocol}). Edits that arrive during an evaluation are coalesced: only the latest
 * is evaluated next, without waiting.
 */
@ServerEndpoint(EvalSocket.PATH)
public class EvalSocket {

    public static final String PATH = "/ws/eval";
    /** Largest message: a workspace with four editors at their size limit. */
    static final int MAX_MESSAGE_CHARS = 4 * WorkspaceEvaluator.MAX_TEXT_CHARS + 65_536;

    private static final Logger LOG = Logger.getLogger(EvalSocket.class);

    private Session session;
    private WorkspaceEvaluator evaluator;
    private EvalExecutor executor;
    /** The newest evaluate request not yet started. */
    private final AtomicReference<Request> pending = new AtomicReference<>();
    private final AtomicBoolean running = new AtomicBoolean();
    /**
     * Explain and split requests not yet started. They run in the session's loop too, one at a time, so that a
     * burst from one browser never takes every evaluation thread from the other sessions.
     */
    private final java.util.concurrent.ConcurrentLinkedQueue<Request> queued = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger queuedCount = new java.util.concurrent.atomic.AtomicInteger();
    /** Longest wait for one reply to be sent before the session is considered dead. */
    static final int SEND_TIMEOUT_SECONDS = 20;
    /** Most explain/split requests waiting per session; more are answered with an error at once. */
    static final int MAX_QUEUED = 32;
    /** Set by the close handler, which can run before a message that arrived just ahead of the close. */
    private volatile boolean closed;
    /** The pool thread running this session's loop, or null; guarded by {@link #workerLock}. */
    private Thread worker;
    private final Object workerLock = new Object();
    /** The last workspace received, for explain requests. */
    private volatile Request lastEvaluate;

    @OnOpen
    public void open(Session session) {
        this.session = session;
        // Quarkus reports a limit of 0 otherwise (see stack notes)
        session.setMaxTextMessageBufferSize(MAX_MESSAGE_CHARS);
        parts = new MessageParts(session, MAX_MESSAGE_CHARS, this::message);
        evaluator = CDI.current().select(WorkspaceEvaluator.class).get();
        executor = CDI.current().select(EvalExecutor.class).get();
    }

    /** Receives messages part by part: an oversize one closes the session with 1009 (see {@link MessageParts}). */
    private MessageParts parts;

    @OnMessage
    public void part(String text, boolean last) {
        parts.add(text, last);
    }

    void message(String text) {
        Request request;
        try {
            request = EvalProtocol.JSON.readValue(text, Request.class);
        } catch (JsonProcessingException e) {
            send(new ErrorReply("error", null, "unreadable message: " + e.getOriginalMessage()));
            return;
        }
        if (request.type() == null) {
            send(new ErrorReply("error", request.id(), "message without a type"));
            return;
        }
        switch (request.type()) {
            case "evaluate" -> {
                if (request.workspace() == null || request.version() == null) {
                    send(new ErrorReply("error", request.id(), "evaluate needs a version and a workspace"));
                    return;
                }
                if (tooLarge(request.workspace())) {
                    send(new ErrorReply("error", request.id(), "the workspace is too large: each editor may hold at most "
                            + WorkspaceEvaluator.MAX_TEXT_CHARS + " characters"));
                    return;
                }
                lastEvaluate = request;
                pending.accumulateAndGet(request, (old, next) -> old == null || next.version() >= old.version() ? next : old);
                drain();
            }
            case "explain", "split", "query" -> {
                if (queuedCount.incrementAndGet() > MAX_QUEUED) {
                    queuedCount.decrementAndGet();
                    send(new ErrorReply("error", request.id(), "too many requests: at most " + MAX_QUEUED
                            + " explain/split requests may wait; wait for their replies"));
                    return;
                }
                queued.add(request);
                drain();
            }
            default -> send(new ErrorReply("error", request.id(), "unknown message type: " + request.type()));
        }
    }

    /** Starts the evaluation loop unless one is running; the loop takes the newest pending request each time. */
    private void drain() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        executor.execute(() -> {
            synchronized (workerLock) {
                worker = Thread.currentThread();
                if (closed) worker.interrupt();
            }
            // polled by the evaluator too: the close handler may never run when the connection just drops
            EvalCancellation.cancelWhen(() -> closed || !session.isOpen());
            try {
                while (!closed && session.isOpen()) {
                    Request next = pending.getAndSet(null);
                    if (next != null) {
                        evaluate(next);
                        continue;
                    }
                    Request q = queued.poll();
                    if (q == null) {
                        break;
                    }
                    queuedCount.decrementAndGet();
                    if ("explain".equals(q.type())) {
                        explain(q);
                    } else if ("query".equals(q.type())) {
                        query(q);
                    } else {
                        split(q);
                    }
                }
            } finally {
                EvalCancellation.clear();
                synchronized (workerLock) {
                    worker = null;
                    Thread.interrupted(); // a close of this session must not cancel the pool thread's next task
                }
                running.set(false);
            }
            // a request may have arrived between the last poll and running.set(false)
            if (!closed && session.isOpen() && (pending.get() != null || !queued.isEmpty())) {
                drain();
            }
        });
    }

    private void evaluate(Request request) {
        try {
            send(evaluator.evaluate(request.version(), request.workspace(), Boolean.TRUE.equals(request.coverage())));
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            LOG.warnf(e, "evaluation of version %d failed", request.version());
            send(new ErrorReply("error", null, "the evaluation failed: " + describe(e)));
            return;
        }
        if (request.workspace().tests().isEmpty()) {
            return;
        }
        // the unit tests of the same version, right after its result (coalesced with it)
        try {
            send(evaluator.tests(request.version(), request.workspace()));
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            LOG.warnf(e, "tests of version %d failed", request.version());
            send(new ErrorReply("error", null, "the unit tests failed: " + describe(e)));
        }
    }

    /** A free query against the last workspace (or the one sent with it), the Query box. */
    private void query(Request request) {
        Request last = lastEvaluate;
        Workspace w = request.workspace() != null ? request.workspace() : last == null ? null : last.workspace();
        if (w == null) {
            send(new ErrorReply("error", request.id(), "nothing to query yet"));
            return;
        }
        String text = request.text() == null ? "" : request.text();
        if (text.length() > WorkspaceEvaluator.MAX_TEXT_CHARS) {
            send(new ErrorReply("error", request.id(), "the query is too large"));
            return;
        }
        try {
            send(evaluator.query(request.id(), w, text, request.sample() == null ? 0 : request.sample()));
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            LOG.debugf(e, "query failed");
            send(new ErrorReply("error", request.id(), "query failed: " + describe(e)));
        }
    }

    private void explain(Request request) {
        Request last = lastEvaluate;
        Workspace w = request.workspace() != null ? request.workspace() : last == null ? null : last.workspace();
        long version = request.workspace() != null && request.version() != null ? request.version()
                : last == null ? 0 : last.version();
        if (w == null) {
            send(new ErrorReply("error", request.id(), "nothing to explain yet"));
            return;
        }
        try {
            var explanation = evaluator.explain(version, w, request.sample() == null ? 0 : request.sample(),
                    request.constraint(), request.message(), Boolean.TRUE.equals(request.values()));
            send(new ExplainReply(request.id(), explanation));
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            LOG.debugf(e, "explain failed");
            send(new ErrorReply("error", request.id(), "explain failed: " + describe(e)));
        }
    }

    /** An explanation with the id of the request it answers. */
    record ExplainReply(String type, Long id, Object explanation) {
        ExplainReply(Long id, Object explanation) {
            this("explain", id, explanation);
        }
    }

    private void split(Request request) {
        String text = request.text() == null ? "" : request.text();
        if (text.length() > WorkspaceEvaluator.MAX_TEXT_CHARS) {
            send(new SplitReply("split", request.id(), null, Problem.at("template-yaml", "the template is too large", 1, 1)));
            return;
        }
        try {
            send(new SplitReply("split", request.id(), evaluator.split(text), null));
        } catch (YamlException e) {
            send(new SplitReply("split", request.id(), null, Problem.error("template-yaml", e.getMessage(), e.range(), 0)));
        } catch (RuntimeException e) {
            send(new SplitReply("split", request.id(), null, Problem.at("template-yaml", describe(e), 1, 1)));
        }
    }

    private static boolean tooLarge(Workspace w) {
        int max = WorkspaceEvaluator.MAX_TEXT_CHARS;
        int libs = w.template().libs().stream().mapToInt(String::length).sum();
        int tests = w.tests().stream().mapToInt(String::length).sum();
        return w.template().rego().length() > max || libs > max || tests > max || w.template().schema().length() > max
                || w.constraints().length() > max || w.samples().length() > max || w.inventory().length() > max;
    }

    /** An error's message without a stack trace. */
    private static String describe(Throwable e) {
        if (e instanceof StackOverflowError) {
            return "the policy nests too deeply";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private void send(Object reply) {
        String text;
        try {
            text = EvalProtocol.JSON.writeValueAsString(reply);
        } catch (JsonProcessingException e) {
            LOG.warnf(e, "cannot serialise %s", reply.getClass().getSimpleName());
            return;
        }
        synchronized (this) {
            if (closed || !session.isOpen()) {
                return;
            }
            // Bounded: a browser that stops reading must not hold an evaluation thread (and the session) forever.
            try {
                session.getAsyncRemote().sendText(text).get(SEND_TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                LOG.debugf("eval session %s is not reading its replies: closing it", session.getId());
                closed = true;
                // the closing handshake writes to the same stuck connection: not on this evaluation thread
                java.util.concurrent.CompletableFuture.runAsync(() -> {
                    try {
                        session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "replies are not being read"));
                    } catch (IOException ce) {
                        LOG.debugf(ce, "closing eval session %s", session.getId());
                    }
                });
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.debugf(e, "sending to eval session %s", session.getId());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the session is closing
            }
        }
    }

    @OnError
    public void error(Session session, Throwable error) {
        LOG.debugf(error, "eval session %s failed", session.getId());
        if (!session.isOpen()) close(session, null); // a broken connection may not get a close handshake
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        pending.set(null);
        queued.clear();
        // the browser is gone: cancel the evaluation it was waiting for (the evaluator checks interruption)
        synchronized (workerLock) {
            closed = true;
            if (worker != null) worker.interrupt();
        }
    }
}
