package dev.gkstudio.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Fairness of the evaluation threads, shown by the order in which work starts (latches, no clock): a session typing
 * quick policies is served before the queued work of two sessions resending slow policies, and while they run.
 */
class EvalExecutorTest {

    private EvalExecutor executor;

    @AfterEach
    void stop() {
        if (executor != null) executor.stop();
    }

    /** Uses more than the heavy threshold of this thread's CPU (so the lane counts as heavy afterwards). */
    static void burnCpu() {
        var cpu = ManagementFactory.getThreadMXBean();
        long until = cpu.getCurrentThreadCpuTime() + EvalExecutor.HEAVY_CPU_NANOS + 50_000_000L;
        long x = 0;
        while (cpu.getCurrentThreadCpuTime() < until) x += System.identityHashCode(new Object());
        if (x == 42) System.out.print("");
    }

    /** An abusive session: every request is slow, and it always has another one waiting. */
    static final class Abusive {
        final AtomicInteger steps = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> log;
        final String name;
        final EvalExecutor.Lane lane;

        Abusive(String name, List<String> log) {
            this.name = name;
            this.log = log;
            this.lane = new EvalExecutor.Lane(() -> {
                int n = steps.incrementAndGet();
                log.add(name + n);
                burnCpu();
                if (n >= 2) {
                    await(release);
                }
                return true; // always more queued
            });
        }
    }

    static void await(CountDownLatch l) {
        try {
            assertTrue(l.await(60, TimeUnit.SECONDS), "liveness: the awaited work never ran");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aTypingSessionRunsWhileTwoAbusiveSessionsHoldTheirTurns() {
        executor = new EvalExecutor(2);
        List<String> log = new CopyOnWriteArrayList<>();
        Abusive a = new Abusive("A", log);
        Abusive b = new Abusive("B", log);
        executor.schedule(a.lane);
        executor.schedule(b.lane);
        // both became heavy; one of them is now blocked in its second (slow) request, holding a thread
        while (log.size() < 3) Thread.onSpinWait();

        CountDownLatch typed = new CountDownLatch(1);
        EvalExecutor.Lane typing = new EvalExecutor.Lane(() -> {
            log.add("T");
            typed.countDown();
            return false;
        });
        executor.schedule(typing);
        await(typed); // served although both abusive sessions still have work (one is running, blocked)

        int tAt = log.indexOf("T");
        // heavy lanes may hold all threads but one: the second abusive session never started a 2nd request meanwhile
        assertEquals(3, tAt, "the typing request runs right after the abusive sessions' first turns: " + log);
        assertEquals(1, log.stream().filter(e -> e.endsWith("2")).count(), "one slow second request at a time: " + log);
        a.release.countDown();
        b.release.countDown();
    }

    @Test
    void lanesTakeTurnsOneRequestAtATime() {
        executor = new EvalExecutor(1);
        List<String> log = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(6);
        AtomicInteger xLeft = new AtomicInteger(3);
        AtomicInteger yLeft = new AtomicInteger(3);
        CountDownLatch gate = new CountDownLatch(1);
        EvalExecutor.Lane blocker = new EvalExecutor.Lane(() -> {
            await(gate);
            return false;
        });
        executor.schedule(blocker); // holds the only thread while both lanes queue up
        EvalExecutor.Lane x = new EvalExecutor.Lane(() -> {
            log.add("x");
            done.countDown();
            return xLeft.decrementAndGet() > 0;
        });
        EvalExecutor.Lane y = new EvalExecutor.Lane(() -> {
            log.add("y");
            done.countDown();
            return yLeft.decrementAndGet() > 0;
        });
        executor.schedule(x);
        executor.schedule(y);
        executor.schedule(x); // already queued: still one turn at a time
        gate.countDown();
        await(done);
        assertEquals(List.of("x", "y", "x", "y", "x", "y"), log, "round robin, not first come first served to the end");
    }
}
