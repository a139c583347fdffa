package dev.gkstudio.backend.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Long cluster operations (apply with its wait, live audit) run here, at most two at a time; the
 * browser polls {@code GET /api/cluster/jobs/{id}} for progress and the result. Finished jobs are
 * forgotten after ten minutes.
 */
public final class ClusterJobs implements AutoCloseable {

    /** A job body: does the work, reporting progress; returns the result (serialised as JSON). */
    public interface Work {
        Object run(Progress progress) throws Exception;
    }

    /** A job as the browser sees it. */
    public static final class Job implements Progress {
        final String id;
        final String kind;
        volatile String state = "running";
        volatile String phase = "queued";
        volatile String message = "";
        volatile long done;
        volatile long total = -1;
        volatile Object result;
        volatile String error;
        volatile boolean cancel;
        volatile long finishedAt;
        final List<String> log = new ArrayList<>();

        Job(String id, String kind) {
            this.id = id;
            this.kind = kind;
        }

        @Override
        public void report(String phase, String message, long done, long total) {
            this.phase = phase;
            this.message = message;
            this.done = done;
            this.total = total;
            synchronized (log) {
                if (log.isEmpty() || !log.get(log.size() - 1).equals(message)) {
                    log.add(message);
                    if (log.size() > 200) {
                        log.remove(0);
                    }
                }
            }
        }

        @Override
        public boolean cancelled() {
            return cancel;
        }

        public Map<String, Object> view() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("kind", kind);
            m.put("state", state);
            m.put("phase", phase);
            m.put("message", message);
            m.put("done", done);
            m.put("total", total);
            synchronized (log) {
                m.put("log", List.copyOf(log));
            }
            m.put("result", result);
            m.put("error", error);
            return m;
        }
    }

    private static final long KEEP_NANOS = Duration.ofMinutes(10).toNanos();
    private static final int MAX_JOBS = 100;

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "gkstudio-cluster-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    public Job start(String kind, Work work) {
        sweep();
        if (jobs.values().stream().filter(j -> j.state.equals("running")).count() >= MAX_JOBS) {
            throw new IllegalStateException("too many cluster operations are running; try again later");
        }
        Job job = new Job(UUID.randomUUID().toString(), kind);
        jobs.put(job.id, job);
        executor.submit(() -> {
            try {
                job.result = work.run(job);
                job.state = "done";
            } catch (ClusterOperations.NotApplicable e) {
                job.error = e.getMessage();
                job.state = "failed";
            } catch (Exception | LinkageError e) {
                job.error = e.getClass().getSimpleName() + ": " + e.getMessage();
                job.state = "failed";
            } finally {
                job.finishedAt = System.nanoTime();
            }
        });
        return job;
    }

    public Job get(String id) {
        return id == null ? null : jobs.get(id);
    }

    private void sweep() {
        long now = System.nanoTime();
        jobs.values().removeIf(j -> j.finishedAt != 0 && now - j.finishedAt > KEEP_NANOS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
