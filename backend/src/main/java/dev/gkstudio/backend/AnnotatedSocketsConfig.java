package dev.gkstudio.backend;

import java.util.HashSet;
import java.util.Set;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Keeps the annotated sockets ({@link EvalSocket}, {@link DebugSocket}) deployed: with a {@link ServerApplicationConfig}
 * in the application (the one for {@code /lsp}), annotated endpoints are only deployed when a config returns them.
 */
public class AnnotatedSocketsConfig implements ServerApplicationConfig {

    private static final Set<Class<?>> SOCKETS = Set.of(EvalSocket.class, DebugSocket.class);

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpointClasses) {
        return Set.of();
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        Set<Class<?>> out = new HashSet<>(scanned);
        out.retainAll(SOCKETS);
        return out;
    }
}
