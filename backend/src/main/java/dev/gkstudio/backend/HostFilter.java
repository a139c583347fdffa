package dev.gkstudio.backend;

import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses every request (pages, API, websockets) whose {@code Host} the Studio does not answer to with 403, before
 * anything else sees it (see {@link HostAllowList}).
 */
@ApplicationScoped
public class HostFilter {

    private static final Logger LOG = Logger.getLogger(HostFilter.class);

    private final HostAllowList hosts;

    HostFilter(@ConfigProperty(name = "quarkus.http.host") String bindHost,
               @ConfigProperty(name = "gkstudio.http.allowed-hosts") Optional<List<String>> allowed) {
        this.hosts = new HostAllowList(bindHost, allowed);
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String host = ctx.request().getHeader("Host");
            if (hosts.allows(host)) {
                ctx.next();
                return;
            }
            LOG.debugf("request for Host %s refused", host);
            ctx.response().setStatusCode(403).putHeader("Content-Type", "text/plain; charset=UTF-8")
                    .end("This Studio does not answer to the host name in this request (it listens on loopback): "
                            + "open it as localhost, or list the name in gkstudio.http.allowed-hosts");
        });
    }
}
