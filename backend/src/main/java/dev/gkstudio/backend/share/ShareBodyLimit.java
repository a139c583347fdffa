package dev.gkstudio.backend.share;

import java.util.List;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a share request whose declared {@code Content-Length} is over the share limit before
 * its body is read: a Vert.x route ahead of the REST layer, which would otherwise buffer and
 * decode any body up to Quarkus' global {@code quarkus.http.limits.max-body-size} (10 MiB by
 * default) only to refuse it afterwards. The rest of the body is discarded as it arrives (the
 * browser then reads the 413 and its message), or for more than {@link #DRAIN_LIMIT} the
 * connection is closed at once. (A chunked body without a length is still bounded by the global limit and then
 * refused by {@link ShareService}.)
 */
@ApplicationScoped
public class ShareBodyLimit {

    /** Declared lengths up to this are drained (never buffered); longer ones close the connection at once. */
    static final long DRAIN_LIMIT = 16L * 1024 * 1024;

    private final ShareService service;

    ShareBodyLimit(ShareService service) {
        this.service = service;
    }

    void install(@Observes Router router) {
        router.route(HttpMethod.POST, "/api/share*").order(-1000).handler(this::check);
    }

    void check(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                declared = Long.MAX_VALUE;
            }
            if (declared > maxBodyChars(service.maxBytes())) {
                String body = ShareResource.json(java.util.Map.of("error", service.tooLarge(declared).getMessage(),
                        "problems", List.of()));
                var response = ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
                if (declared > DRAIN_LIMIT) {
                    response.putHeader(HttpHeaders.CONNECTION, "close").end(body)
                            .onComplete(done -> ctx.request().connection().close());
                } else {
                    // discard the rest of the body unread, so that a browser sees the answer, not a reset connection
                    ctx.request().handler(ignored -> { }).exceptionHandler(ignored -> { }).resume();
                    response.end(body);
                }
                return;
            }
        }
        ctx.next();
    }

    /** The longest request body worth reading for a workspace of at most {@code maxBytes} canonical bytes. */
    static long maxBodyChars(int maxBytes) {
        return 2L * maxBytes + 4096;
    }
}
