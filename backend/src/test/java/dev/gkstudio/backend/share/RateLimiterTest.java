package dev.gkstudio.backend.share;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void perAddressBucketsRefillOverTheWindow() {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = new RateLimiter(3, Duration.ofMinutes(1), now::get);
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.acquire("10.0.0.1").allowed());
        }
        RateLimiter.Decision refused = limiter.acquire("10.0.0.1");
        assertFalse(refused.allowed());
        assertEquals(20, refused.retryAfterSeconds());
        assertTrue(limiter.acquire("10.0.0.2").allowed(), "another address has its own bucket");
        now.addAndGet(Duration.ofSeconds(20).toNanos());
        assertTrue(limiter.acquire("10.0.0.1").allowed());
        assertFalse(limiter.acquire("10.0.0.1").allowed());
    }
}
