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
 * The threads that compute language server requests for all websocket sessions. Bounded on
 * purpose: the common pool spawns a thread per blocked task, which starves a 2-core machine.
 * When the queue is full the websocket worker that received the request computes it itself,
 * which slows down the busiest client instead of failing its requests.
 */
@ApplicationScoped
@Unremovable // looked up by LspEndpoint, which the websocket container creates outside CDI
public class LanguageServerExecutor implements Executor {

    private static final int QUEUE_CAPACITY = 256;

    private final ThreadPoolExecutor pool;

    public LanguageServerExecutor() {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        AtomicInteger count = new AtomicInteger();
        pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY),
                task -> {
                    Thread thread = new Thread(task, "lsp-worker-" + count.incrementAndGet());
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
