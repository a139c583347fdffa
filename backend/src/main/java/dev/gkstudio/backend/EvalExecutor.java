package dev.gkstudio.backend;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.jboss.logging.Logger;

import io.quarkus.arc.Unremovable;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The threads that evaluate for all {@code /ws/eval} sessions, shared fairly. Each session is a {@link Lane}: one
 * of its requests runs at a time, and after each request the lane goes to the back of the line (round robin), so a
 * session that keeps sending never holds a thread for more than one request. A lane whose last request took more
 * than {@link #HEAVY_CPU_NANOS} of CPU is <em>heavy</em>: light lanes are served first, and heavy lanes may use at
 * most all threads but one, so a user typing a quick policy is never queued behind slow policies of others.
 */
@ApplicationScoped
@Unremovable // looked up by EvalSocket, which the websocket container creates outside CDI
public class EvalExecutor {

    private static final Logger LOG = Logger.getLogger(EvalExecutor.class);
    /** CPU time of one request above which a lane yields to light ones. */
    static final long HEAVY_CPU_NANOS = 200_000_000L;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    /** One session's work: {@link #step} runs one request and says whether more is waiting. */
    public static final class Lane {
        private final BooleanSupplier step;
        /** Guarded by the executor's lock. */
        private boolean queued;
        private boolean running;
        private boolean again;
        private boolean heavy;

        public Lane(BooleanSupplier step) {
            this.step = step;
        }

        boolean heavy() {
            return heavy;
        }
    }

    private final Object lock = new Object();
    private final ArrayDeque<Lane> light = new ArrayDeque<>();
    private final ArrayDeque<Lane> heavy = new ArrayDeque<>();
    private final int maxHeavy;
    private int runningHeavy;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;

    public EvalExecutor() {
        this(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    EvalExecutor(int threadCount) {
        this.maxHeavy = Math.max(1, threadCount - 1);
        for (int i = 1; i <= threadCount; i++) {
            Thread t = new Thread(this::work, "eval-worker-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** The lane has work: it runs when its turn comes (at once when it is already running: after its current step). */
    public void schedule(Lane lane) {
        synchronized (lock) {
            if (lane.running) {
                lane.again = true;
            } else if (!lane.queued) {
                enqueue(lane);
            }
        }
    }

    private void enqueue(Lane lane) {
        lane.queued = true;
        (lane.heavy ? heavy : light).add(lane);
        lock.notifyAll();
    }

    /** The next lane to serve: light first; heavy ones only while a thread stays free for light lanes. */
    private Lane take() throws InterruptedException {
        synchronized (lock) {
            for (;;) {
                if (stopped) {
                    return null;
                }
                Lane next = light.poll();
                if (next == null && runningHeavy < maxHeavy) {
                    next = heavy.poll();
                }
                if (next != null) {
                    next.queued = false;
                    next.running = true;
                    next.again = false;
                    if (next.heavy) {
                        runningHeavy++;
                    }
                    return next;
                }
                lock.wait();
            }
        }
    }

    private void work() {
        while (!stopped) {
            Lane lane;
            try {
                lane = take();
            } catch (InterruptedException e) {
                return;
            }
            if (lane == null) {
                return;
            }
            long cpu0 = CPU.getCurrentThreadCpuTime();
            boolean more = false;
            try {
                more = lane.step.getAsBoolean();
            } catch (RuntimeException | StackOverflowError | LinkageError e) {
                LOG.warnf(e, "evaluation step failed");
            } catch (OutOfMemoryError e) {
                // the heap may be left inconsistent (half-built caches, dead threads elsewhere): end the process so
                // that a supervisor restarts it, rather than serve on as a zombie (-XX:+ExitOnOutOfMemoryError too)
                LOG.fatal("out of memory during an evaluation: exiting", e);
                Runtime.getRuntime().halt(3);
            } finally {
                Thread.interrupted(); // an interrupt meant for the finished step must not reach the next lane
            }
            long cost = CPU.getCurrentThreadCpuTime() - cpu0;
            synchronized (lock) {
                if (lane.heavy) {
                    runningHeavy--;
                }
                lane.heavy = cost > HEAVY_CPU_NANOS;
                lane.running = false;
                if (more || lane.again) {
                    enqueue(lane);
                }
                lock.notifyAll();
            }
        }
    }

    @PreDestroy
    void stop() {
        stopped = true;
        synchronized (lock) {
            lock.notifyAll();
        }
        threads.forEach(Thread::interrupt);
    }
}
