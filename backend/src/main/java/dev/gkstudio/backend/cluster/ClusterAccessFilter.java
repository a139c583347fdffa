package dev.gkstudio.backend.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

/**
 * With cluster access on, every {@code /api/cluster/*} call must carry the Studio's access token
 * ({@code X-Studio-Token: <token>} or {@code Authorization: Bearer <token>}): the Studio acts on the cluster with
 * its own credentials, so reaching its port must not be enough. The token is {@code gkstudio.cluster.token}, or a
 * random one printed in the log at start. {@code GET /api/cluster} (whether access is on) stays open.
 */
@ApplicationScoped
public class ClusterAccessFilter {

    private static final Logger LOG = Logger.getLogger(ClusterAccessFilter.class);
    static final String HEADER = "X-Studio-Token";

    private final ClusterService cluster;
    private final byte[] token;
    private final boolean generated;

    ClusterAccessFilter(ClusterService cluster, @ConfigProperty(name = "gkstudio.cluster.token") Optional<String> token) {
        this.cluster = cluster;
        this.generated = token.map(String::isBlank).orElse(true);
        String t = generated ? random() : token.get().strip();
        this.token = t.getBytes(StandardCharsets.UTF_8);
    }

    void onStart(@Observes StartupEvent e) {
        if (cluster.enabled() && generated) {
            LOG.infof("Cluster access token (the Studio asks for it before cluster operations; set gkstudio.cluster.token"
                    + " to choose it): %s", new String(token, StandardCharsets.UTF_8));
        }
    }

    private static String random() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    @ServerRequestFilter
    public Optional<Response> check(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!cluster.enabled() || !path.startsWith("/api/cluster/")) {
            return Optional.empty();
        }
        String given = request.getHeaderString(HEADER);
        String auth = request.getHeaderString("Authorization");
        if ((given == null || given.isEmpty()) && auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            given = auth.substring(7).strip();
        }
        if (given != null && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        String message = given == null || given.isEmpty()
                ? "Cluster operations need the Studio's access token (header " + HEADER + "): see the Studio's log or gkstudio.cluster.token."
                : "The cluster access token is wrong.";
        return Optional.of(Response.fromResponse(ClusterResource.error(401, message))
                .header("WWW-Authenticate", "Bearer realm=\"gatekeeper-studio\"").build());
    }
}
