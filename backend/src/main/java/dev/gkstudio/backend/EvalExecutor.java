package dev.gkstudio.backend;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkus.arc.Unremovable;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The threads that evaluate workspaces for all {@code /ws/eval} sessions: bounded, so that a
 * busy session cannot take the machine; each session runs at most one evaluation at a time.
 */
@ApplicationScoped
@Unremovable // looked up by EvalSocket, which the websocket container creates outside CDI
public class EvalExecutor implements Executor {

    private final ThreadPoolExecutor pool;

    public EvalExecutor() {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        AtomicInteger count = new AtomicInteger();
        pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1024),
                task -> {
                    Thread thread = new Thread(task, "eval-worker-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.CallerRunsPolicy());
        pool.allowCoreThreadTimeOut(true);
    }

    @Override
    public void execute(Runnable task) {
        pool.execute(task);
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
