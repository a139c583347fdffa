package dev.gkstudio.backend.share;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address: {@code capacity} requests at once, refilled evenly over
 * {@code window}. Memory stays bounded: full (idle) buckets are dropped when the map grows.
 */
public final class RateLimiter {

    /** The answer for one request: allowed, or how long to wait. */
    public record Decision(boolean allowed, long retryAfterSeconds) {
    }

    private static final int SWEEP_AT = 10_000;

    private final int capacity;
    private final long windowNanos;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }

    public RateLimiter(int capacity, Duration window) {
        this(capacity, window, System::nanoTime);
    }

    RateLimiter(int capacity, Duration window, LongSupplier clock) {
        this.capacity = Math.max(1, capacity);
        this.windowNanos = Math.max(1, window.toNanos());
        this.clock = clock;
    }

    public int capacity() {
        return capacity;
    }

    public Duration window() {
        return Duration.ofNanos(windowNanos);
    }

    /** Forgets every bucket (tests). */
    void reset() {
        buckets.clear();
    }

    public Decision acquire(String client) {
        long now = clock.getAsLong();
        if (buckets.size() > SWEEP_AT) {
            buckets.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    return refill(e.getValue(), now) >= capacity;
                }
            });
        }
        Bucket b = buckets.computeIfAbsent(client, k -> new Bucket(capacity, now));
        synchronized (b) {
            double tokens = refill(b, now);
            if (tokens >= 1) {
                b.tokens = tokens - 1;
                return new Decision(true, 0);
            }
            double perToken = (double) windowNanos / capacity;
            long wait = (long) Math.ceil((1 - tokens) * perToken / 1e9);
            return new Decision(false, Math.max(1, wait));
        }
    }

    private double refill(Bucket b, long now) {
        double add = (double) (now - b.updated) * capacity / windowNanos;
        b.tokens = Math.min(capacity, b.tokens + Math.max(0, add));
        b.updated = now;
        return b.tokens;
    }
}
