package dev.gkstudio.backend;

import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses websocket handshakes on {@code /ws/eval} and {@code /lsp} from pages of other origins with 403, before
 * the websocket container sees them (see {@link WebSocketOrigins}).
 */
@ApplicationScoped
public class WebSocketOriginFilter {

    private static final Logger LOG = Logger.getLogger(WebSocketOriginFilter.class);

    private final WebSocketOrigins origins;

    WebSocketOriginFilter(@ConfigProperty(name = "gkstudio.websocket.allowed-origins") Optional<List<String>> allowed) {
        this.origins = new WebSocketOrigins(allowed);
    }

    void install(@Observes Router router) {
        for (String path : List.of(EvalSocket.PATH, LspEndpointConfig.PATH)) {
            router.route(path).order(Integer.MIN_VALUE).handler(ctx -> {
                String origin = ctx.request().getHeader("Origin");
                if (origins.allows(origin, ctx.request().getHeader("Host"))) {
                    ctx.next();
                    return;
                }
                LOG.debugf("websocket %s refused for Origin %s", path, origin);
                ctx.response().setStatusCode(403).putHeader("Content-Type", "text/plain; charset=UTF-8")
                        .end("This page's origin may not use the Studio: allow it with gkstudio.websocket.allowed-origins");
            });
        }
    }
}
