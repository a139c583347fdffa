package dev.gkstudio.backend;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.gkstudio.backend.DebugProtocol.Child;
import dev.gkstudio.backend.DebugProtocol.Frame;
import dev.gkstudio.backend.DebugProtocol.Request;
import dev.gkstudio.backend.DebugProtocol.Stopped;
import dev.gkstudio.backend.DebugProtocol.Terminated;
import dev.gkstudio.backend.DebugProtocol.Variables;
import dev.gkstudio.backend.DebugProtocol.WatchReply;
import dev.gkstudio.backend.EvalProtocol.ErrorReply;
import dev.gkstudio.backend.eval.DebugTargets;
import dev.gkstudio.gatekeeper.engine.GatekeeperRegoEngine;
import dev.gkstudio.backend.eval.WorkspaceEvaluator;
import dev.gkstudio.gatekeeper.engine.TemplateChecks;
import dev.gkstudio.rego.debug.Breakpoint;
import dev.gkstudio.rego.debug.DebugConfig;
import dev.gkstudio.rego.debug.DebugListener;
import dev.gkstudio.rego.debug.DebugOutcome;
import dev.gkstudio.rego.debug.DebugSession;
import dev.gkstudio.rego.debug.Pause;
import dev.gkstudio.rego.debug.StackFrame;
import dev.gkstudio.rego.debug.StepMode;
import dev.gkstudio.rego.debug.ValuePages;
import dev.gkstudio.rego.debug.Watch;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * {@code /ws/debug}: the Rego debugger for one sample at a time (see {@link DebugProtocol}). A session evaluates on a
 * thread of its own ({@link DebugSession}); each paused session holds that thread, so their number is capped, a
 * pause ends after {@code gkstudio.debug.idle-limit}, and closing the socket ends the session.
 */
@ServerEndpoint(DebugSocket.PATH)
public class DebugSocket {

    public static final String PATH = "/ws/debug";
    private static final Logger LOG = Logger.getLogger(DebugSocket.class);
    private static final AtomicInteger ACTIVE = new AtomicInteger();
    private static final int PAGE = 100;

    private Session session;
    private MessageParts parts;
    private WorkspaceEvaluator evaluator;
    private DebugSession debug;
    private DebugTargets.Target target;
    private boolean counted;
    private final Map<Integer, Value> handles = new HashMap<>();
    private int nextHandle = 1;
    private volatile boolean closed;

    @OnOpen
    public void open(Session session) {
        this.session = session;
        session.setMaxTextMessageBufferSize(EvalSocket.MAX_MESSAGE_CHARS);
        parts = new MessageParts(session, EvalSocket.MAX_MESSAGE_CHARS, this::message);
        evaluator = CDI.current().select(WorkspaceEvaluator.class).get();
    }

    @OnMessage
    public void part(String text, boolean last) {
        parts.add(text, last);
    }

    synchronized void message(String text) {
        Request r;
        try {
            r = EvalProtocol.JSON.readValue(text, Request.class);
        } catch (JsonProcessingException e) {
            send(new ErrorReply("error", null, "unreadable message: " + e.getOriginalMessage()));
            return;
        }
        String type = r.type() == null ? "" : r.type();
        switch (type) {
            case "start" -> start(r);
            case "breakpoints" -> {
                if (debug != null) setBreakpoints(r.breakpoints());
            }
            case "continue" -> resume(StepMode.CONTINUE);
            case "stepOver" -> resume(StepMode.STEP_OVER);
            case "stepInto" -> resume(StepMode.STEP_INTO);
            case "stepOut" -> resume(StepMode.STEP_OUT);
            case "stop" -> {
                if (debug != null) debug.stop();
            }
            case "variables" -> variables(r);
            case "watch" -> watch(r);
            default -> send(new ErrorReply("error", r.id(), "unknown message type: " + type));
        }
    }

    private void start(Request r) {
        if (debug != null) debug.stop();
        if (r.workspace() == null) {
            send(new ErrorReply("error", r.id(), "start needs a workspace"));
            return;
        }
        if (!counted) {
            if (ACTIVE.incrementAndGet() > maxSessions()) {
                ACTIVE.decrementAndGet();
                send(new ErrorReply("error", r.id(), "too many debug sessions on this Studio (at most " + maxSessions()
                        + "): try again later"));
                return;
            }
            counted = true;
        }
        try {
            target = DebugTargets.forSample(evaluator, r.workspace(), r.sample() == null ? 0 : r.sample(), r.constraint());
        } catch (IllegalArgumentException e) {
            send(new ErrorReply("error", r.id(), "cannot debug: " + e.getMessage()));
            return;
        } catch (RuntimeException e) {
            LOG.debugf(e, "debug setup failed");
            send(new ErrorReply("error", r.id(), "cannot debug: " + e.getMessage()));
            return;
        }
        DebugConfig cfg = DebugConfig.DEFAULT
                .withRunBudget(duration("gkstudio.debug.run-budget", "PT10S"))
                .withIdleLimit(duration("gkstudio.debug.idle-limit", "PT5M"))
                .withStopOnFail(Boolean.TRUE.equals(r.stopOnFail()));
        handles.clear();
        debug = DebugSession.start(target.query(), target.options(), cfg, breakpoints(r.breakpoints()), new Listener());
    }

    private void setBreakpoints(List<DebugProtocol.Bp> list) {
        Map<String, List<Breakpoint>> byFile = new HashMap<>();
        byFile.put(TemplateChecks.ENTRY_FILE, new ArrayList<>());
        for (int i = 0; i < target.libs(); i++) byFile.put(TemplateChecks.libFile(i), new ArrayList<>());
        for (Breakpoint b : breakpoints(list)) byFile.computeIfAbsent(b.file(), f -> new ArrayList<>()).add(b);
        byFile.forEach(debug::setBreakpoints);
    }

    private static List<Breakpoint> breakpoints(List<DebugProtocol.Bp> list) {
        List<Breakpoint> out = new ArrayList<>();
        if (list == null) return out;
        for (DebugProtocol.Bp b : list) {
            if (b == null || b.line() <= 0) continue;
            out.add(new Breakpoint(file(b.module()), b.line(), b.condition()));
        }
        return out;
    }

    /** {@code rego} → the entry point's file name, {@code lib:<i>} → the lib's. */
    private static String file(String module) {
        if (module != null && module.startsWith("lib:")) {
            try {
                return TemplateChecks.libFile(Integer.parseInt(module.substring(4)));
            } catch (NumberFormatException e) {
                return module;
            }
        }
        return TemplateChecks.ENTRY_FILE;
    }

    private String module(String file) {
        if (file.isEmpty()) return null;
        int i = GatekeeperRegoEngine.moduleIndex(file, target.libs());
        return i < 0 ? "rego" : "lib:" + i;
    }

    private void resume(StepMode mode) {
        if (debug == null) return;
        handles.clear();
        debug.resume(mode);
    }

    private void variables(Request r) {
        Value v = r.ref() == null ? null : handles.get(r.ref());
        if (v == null) {
            send(new ErrorReply("error", r.id(), "no such variable (the evaluation went on)"));
            return;
        }
        int start = r.start() == null ? 0 : Math.max(0, r.start());
        int count = r.count() == null || r.count() <= 0 ? PAGE : Math.min(r.count(), 1000);
        List<Child> out = new ArrayList<>();
        for (ValuePages.Child c : ValuePages.page(v, start, count)) out.add(child(c.name(), c.value()));
        send(new Variables(r.id(), r.ref(), start, ValuePages.size(v), out));
    }

    private void watch(Request r) {
        if (debug == null || debug.pause() == null) {
            send(new WatchReply(r.id(), r.expression(), null, null, "not paused"));
            return;
        }
        Watch.Result w = debug.evaluate(r.expression() == null ? "" : r.expression(), r.frame() == null ? 0 : r.frame());
        Child c = w.value() == null ? null : child("value", w.value());
        send(new WatchReply(r.id(), r.expression(), w.defined() ? c.value() : null, c == null ? null : c.ref(),
                w.error() != null ? w.error() : w.defined() ? null : "undefined"));
    }

    private Child child(String name, Value v) {
        int n = ValuePages.size(v);
        int ref = 0;
        if (n > 0) {
            ref = nextHandle++;
            handles.put(ref, v);
        }
        return new Child(name, ValuePages.preview(v, 200), v.typeName(), ref, n);
    }

    private final class Listener implements DebugListener {
        @Override
        public void stopped(Pause p) {
            Stopped s;
            synchronized (DebugSocket.this) {
                List<Frame> frames = new ArrayList<>();
                for (StackFrame f : p.frames()) {
                    ObjectValue.Builder locals = ObjectValue.builder();
                    new TreeMap<>(f.locals()).forEach((k, v) -> locals.put(StringValue.of(k), v));
                    Child l = child("locals", locals.build());
                    frames.add(new Frame(f.index(), f.name(), module(f.location().file()), f.location().startLine(),
                            f.location().startCol(), f.location().endLine(), f.location().endCol(), f.text(),
                            l.ref(), l.size()));
                }
                Child input = child("input", p.input() == null ? ObjectValue.EMPTY : p.input());
                Child data = child("data", p.data());
                s = new Stopped(p.reason(), p.detail(), frames, input, data,
                        target.sampleRange().apply(p.top().locals()));
            }
            send(s);
        }

        @Override
        public void terminated(DebugOutcome o) {
            List<Object> violations = new ArrayList<>();
            for (Map<String, Value> row : o.result().bindings()) {
                Value v = row.get("result");
                if (v instanceof ObjectValue obj && obj.get("msg") instanceof StringValue m) violations.add(m.value());
            }
            String error = o.message() == null && o.result().error() != null ? o.result().error().toString() : null;
            send(new Terminated(o.message(), error, violations));
        }
    }

    private void send(Object reply) {
        if (closed || !session.isOpen()) return;
        String text;
        try {
            text = EvalProtocol.JSON.writeValueAsString(reply);
        } catch (JsonProcessingException e) {
            LOG.warnf(e, "cannot serialise %s", reply.getClass().getSimpleName());
            return;
        }
        try {
            session.getAsyncRemote().sendText(text).get(EvalSocket.SEND_TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            LOG.debugf(e, "debug session %s is not reading: ending it", session.getId());
            end();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int maxSessions() {
        return ConfigProvider.getConfig().getOptionalValue("gkstudio.debug.max-sessions", Integer.class).orElse(8);
    }

    private static Duration duration(String key, String dflt) {
        return Duration.parse(ConfigProvider.getConfig().getOptionalValue(key, String.class).orElse(dflt));
    }

    @OnError
    public void error(Session s, Throwable error) {
        LOG.debugf(error, "debug session %s failed", s.getId());
        if (!s.isOpen()) end();
    }

    @OnClose
    public void close(Session s, CloseReason reason) {
        end();
    }

    private void end() {
        closed = true;
        DebugSession d = debug;
        if (d != null) d.stop();
        synchronized (this) {
            if (counted) {
                counted = false;
                ACTIVE.decrementAndGet();
            }
        }
        if (session.isOpen()) {
            java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    session.close();
                } catch (IOException e) {
                    LOG.debugf(e, "closing debug session");
                }
            });
        }
    }
}
