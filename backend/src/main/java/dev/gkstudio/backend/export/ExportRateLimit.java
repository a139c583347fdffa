package dev.gkstudio.backend.export;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.gkstudio.backend.share.RateLimiter;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * One token bucket per client address shared by the compile-heavy REST calls ({@code /api/bundle},
 * {@code /api/export*}): each compiles a template and renders files, so one client looping on them could take the
 * CPU (and fill the compiled-template cache) from every other user.
 */
@ApplicationScoped
public class ExportRateLimit {

    private final RateLimiter limiter;

    ExportRateLimit(@ConfigProperty(name = "gkstudio.export.rate-limit.requests", defaultValue = "60") int requests,
                    @ConfigProperty(name = "gkstudio.export.rate-limit.window", defaultValue = "PT1M") Duration window) {
        this.limiter = new RateLimiter(requests, window);
    }

    /** Null when the request may go on, else the 429 to answer. */
    public Response refuse(HttpServerRequest request) {
        String client = request == null || request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        RateLimiter.Decision d = limiter.acquire(client == null ? "unknown" : client);
        if (d.allowed()) {
            return null;
        }
        String message = "Too many exports from your address: at most " + limiter.capacity() + " per "
                + limiter.window().toSeconds() + " s. Try again in " + d.retryAfterSeconds() + " s.";
        return Response.status(429).type(MediaType.APPLICATION_JSON).header("Retry-After", d.retryAfterSeconds())
                .entity(json(Map.of("error", message, "problems", List.of()))).build();
    }

    private static String json(Object o) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
