package dev.gkstudio.backend;

import java.util.Set;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;

/** Registers {@link LspEndpoint}: lsp4j's endpoint is programmatic, it has no annotation. */
public class LspEndpointConfig implements ServerApplicationConfig {

    public static final String PATH = "/lsp";

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpointClasses) {
        return Set.of(ServerEndpointConfig.Builder.create(LspEndpoint.class, PATH).build());
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return Set.of();
    }
}
