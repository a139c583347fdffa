package dev.gkstudio.rego.debug;

import dev.gkstudio.rego.result.EvalError;
import dev.gkstudio.rego.result.EvalOptions;
import dev.gkstudio.rego.result.EvalResult;
import dev.gkstudio.rego.PreparedQuery;
import dev.gkstudio.rego.ast.Location;
import dev.gkstudio.rego.trace.TraceEvent;
import dev.gkstudio.rego.trace.TraceOp;
import dev.gkstudio.rego.trace.TraceScope;
import dev.gkstudio.rego.trace.Tracer;
import dev.gkstudio.rego.value.Value;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs one evaluation on a thread of its own and stops it before expressions: at breakpoints, after a step, and
 * (optionally) at the first failing expression. It is only a {@link Tracer}: an evaluation without a session pays
 * nothing for it.
 *
 * <p>While paused the evaluating thread waits in the tracer; {@link #resume}, {@link #stop} and
 * {@link #evaluate} may be called from any thread. Running time is counted against
 * {@link DebugConfig#runBudget()} only while the evaluation runs; a pause longer than
 * {@link DebugConfig#idleLimit()} ends the session.
 */
public final class DebugSession implements AutoCloseable {
    /** Thrown from the tracer to unwind an evaluation the user stopped or that sat idle too long. */
    private static final class Ended extends RuntimeException {
        Ended(String message) {
            super(message, null, false, false);
        }
    }

    private enum State { RUNNING, PAUSED, ENDED }

    private final PreparedQuery query;
    private final EvalOptions base;
    private final DebugConfig config;
    private final DebugListener listener;
    private final Map<String, List<Breakpoint>> breakpoints = new ConcurrentHashMap<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread thread;

    // guarded by this
    private State state = State.RUNNING;
    private StepMode mode = StepMode.CONTINUE;
    private int stepDepth;
    private Pause pause;
    private long runStart;
    private long runNanos;
    private String endReason;
    private volatile boolean budgetExceeded;
    private DebugOutcome outcome;

    private DebugSession(PreparedQuery query, EvalOptions base, DebugConfig config, DebugListener listener) {
        this.query = query;
        this.base = base == null ? EvalOptions.DEFAULT : base;
        this.config = config == null ? DebugConfig.DEFAULT : config;
        this.listener = listener;
        this.thread = new Thread(this::run, "rego-debug");
        this.thread.setDaemon(true);
    }

    /**
     * Starts evaluating {@code query} with {@code options} (its tracer and timeout are replaced: the session traces,
     * and {@link DebugConfig#runBudget()} is the timeout that ignores pauses; step and size caps stay).
     */
    public static DebugSession start(PreparedQuery query, EvalOptions options, DebugConfig config,
                                     Collection<Breakpoint> breakpoints, DebugListener listener) {
        DebugSession s = new DebugSession(query, options, config, listener);
        if (breakpoints != null) {
            for (Breakpoint b : breakpoints) s.breakpoints.computeIfAbsent(b.file(), f -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(b);
        }
        synchronized (s) {
            s.runStart = System.nanoTime();
        }
        s.thread.start();
        return s;
    }

    /** Replaces the breakpoints of one file (takes effect at the next expression). */
    public void setBreakpoints(String file, Collection<Breakpoint> bps) {
        breakpoints.put(file == null ? "" : file, List.copyOf(bps));
    }

    /** Goes on from a pause; ignored unless paused. */
    public synchronized void resume(StepMode how) {
        if (state != State.PAUSED) return;
        mode = how == null ? StepMode.CONTINUE : how;
        stepDepth = depthAtPause;
        state = State.RUNNING;
        pause = null;
        runStart = System.nanoTime();
        notifyAll();
    }

    /** Ends the session; the evaluation stops at its next expression. */
    public void stop() {
        end("debug session stopped");
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void end(String why) {
        if (endReason == null && state != State.ENDED) endReason = why;
        notifyAll();
    }

    /** The current pause, or null while running or after the end. */
    public synchronized Pause pause() {
        return pause;
    }

    public synchronized boolean isPaused() {
        return state == State.PAUSED;
    }

    /** Running time so far; paused time is not counted. */
    public synchronized long runningNanos() {
        return runNanos + (state == State.RUNNING ? System.nanoTime() - runStart : 0);
    }

    /**
     * Evaluates {@code expr} in frame {@code frame} of the current pause: its locals, the {@code input} in scope and
     * the evaluation's data. Runs on the caller's thread within {@link DebugConfig#watchSteps()} steps.
     */
    public Watch.Result evaluate(String expr, int frame) {
        Pause p = pause();
        if (p == null) return new Watch.Result(null, "not paused");
        if (frame < 0 || frame >= p.frames().size()) return new Watch.Result(null, "no frame " + frame);
        return Watch.evaluate(query.policy(), expr, p.frames().get(frame).locals(), p.input(), p.data(),
                config.watchSteps(), WATCH_TIMEOUT);
    }

    private static final Duration WATCH_TIMEOUT = Duration.ofSeconds(2);

    /** Waits for the end; null if it did not end in time. */
    public DebugOutcome await(Duration max) throws InterruptedException {
        if (!done.await(max.toNanos(), TimeUnit.NANOSECONDS)) return null;
        synchronized (this) {
            return outcome;
        }
    }

    // ------------------------------------------------------------------ evaluation thread

    private void run() {
        Stopper tracer = new Stopper();
        EvalOptions opts = base.toBuilder()
                .tracer(tracer)
                .timeout(null)
                .cancel(this::cancelled)
                .build();
        EvalResult result;
        String message = null;
        try {
            result = query.eval(opts);
        } catch (Ended e) {
            message = e.getMessage();
            result = new EvalResult(List.of(), new EvalError(EvalError.CANCEL, message, Location.NONE), List.of(), null);
        }
        if (message == null && budgetExceeded && result.error() != null
                && EvalError.CANCEL.equals(result.error().code())) {
            message = "debug session ended: the evaluation ran longer than its time budget of "
                    + human(config.runBudget()) + " (paused time is not counted)";
            result = new EvalResult(result.bindings(), new EvalError(EvalError.CANCEL, message,
                    result.error().location()), result.prints(), result.coverage());
        }
        DebugOutcome o = new DebugOutcome(result, message);
        synchronized (this) {
            state = State.ENDED;
            pause = null;
            outcome = o;
            runNanos += System.nanoTime() - runStart;
        }
        done.countDown();
        if (listener != null) listener.terminated(o);
    }

    private boolean cancelled() {
        if (base.cancel() != null && base.cancel().getAsBoolean()) return true;
        if (config.runBudget() != null && runningNanos() > config.runBudget().toNanos()) {
            budgetExceeded = true;
            return true;
        }
        synchronized (this) {
            return endReason != null;
        }
    }

    private int depthAtPause;

    /** The tracer: decides where to stop and waits there. */
    private final class Stopper implements Tracer {
        private final FrameTracker frames = new FrameTracker();
        private TraceScope scope;
        private boolean failSeen;
        private boolean first = true;
        private String lastLine = "";
        private Location lastEval;

        @Override
        public void attach(TraceScope s) {
            scope = s;
        }

        @Override
        public void event(TraceEvent e) {
            int depth = frames.record(e);
            synchronized (DebugSession.this) {
                if (endReason != null) throw new Ended(endReason);
            }
            // a line often holds several expressions (a call, then the assignment of its result): a breakpoint
            // stops once per arrival at the line; evaluating the same expression again (next iteration) is a new one
            String lineKey = e.queryId() + ":" + e.location().file() + ":" + e.location().startLine();
            boolean sameLine = e.op() == TraceOp.EVAL && lastEval != null && lineKey.equals(lastLine)
                    && !e.location().equals(lastEval);
            lastLine = lineKey;
            lastEval = e.op() == TraceOp.EVAL ? e.location() : null;
            if (e.op() == TraceOp.FAIL) {
                if (config.stopOnFail() && !failSeen) {
                    failSeen = true;
                    stopAt(e, depth, "fail", "");
                }
                return;
            }
            if (e.op() != TraceOp.EVAL) return;
            if (first) {
                first = false;
                if (config.stopOnEntry()) {
                    stopAt(e, depth, "entry", "");
                    return;
                }
            }
            String reason = null;
            String detail = "";
            StepMode m;
            int from;
            synchronized (DebugSession.this) {
                m = mode;
                from = stepDepth;
            }
            if (m == StepMode.STEP_INTO || (m == StepMode.STEP_OVER && depth <= from)
                    || (m == StepMode.STEP_OUT && depth < from)) {
                reason = "step";
            }
            Breakpoint hit = sameLine ? null : hit(e.location());
            if (hit != null) {
                if (hit.condition() == null) {
                    reason = "breakpoint";
                } else {
                    Watch.Result c = Watch.evaluate(query.policy(), hit.condition(), e.locals(), input(),
                            data(), config.watchSteps(), WATCH_TIMEOUT);
                    if (c.error() != null) {
                        reason = "breakpoint";
                        detail = "condition " + hit.condition() + ": " + c.error();
                    } else if (c.truthy()) {
                        reason = "breakpoint";
                    }
                }
            }
            if (reason != null) stopAt(e, depth, reason, detail);
        }

        private Breakpoint hit(Location loc) {
            if (loc == null || !loc.isKnown()) return null;
            List<Breakpoint> list = breakpoints.get(loc.file());
            if (list == null) return null;
            for (Breakpoint b : list) if (b.line() == loc.startLine()) return b;
            return null;
        }

        private Value input() {
            return scope != null ? scope.input() : base.input();
        }

        private Value data() {
            return base.data() == null ? dev.gkstudio.rego.value.ObjectValue.EMPTY : base.data();
        }

        private void stopAt(TraceEvent e, int depth, String reason, String detail) {
            Pause p = new Pause(reason, detail, frames.stack(e), input(), data());
            synchronized (DebugSession.this) {
                runNanos += System.nanoTime() - runStart;
                state = State.PAUSED;
                pause = p;
                depthAtPause = depth;
            }
            if (listener != null) listener.stopped(p);
            long idle = config.idleLimit().toNanos();
            long until = System.nanoTime() + idle;
            synchronized (DebugSession.this) {
                while (state == State.PAUSED && endReason == null) {
                    long left = until - System.nanoTime();
                    if (left <= 0) {
                        endReason = "debug session ended: paused for longer than the idle limit of "
                                + human(config.idleLimit());
                        break;
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(DebugSession.this, left);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        endReason = "debug session stopped: interrupted";
                    }
                }
                if (endReason != null) {
                    state = State.RUNNING;
                    pause = null;
                    runStart = System.nanoTime();
                    throw new Ended(endReason);
                }
            }
        }
    }

    static String human(Duration d) {
        if (d == null) return "none";
        if (d.toMillis() % 60_000 == 0 && d.toMillis() > 0) return d.toMinutes() + " min";
        if (d.toMillis() % 1000 == 0) return d.toSeconds() + " s";
        return d.toMillis() + " ms";
    }
}
