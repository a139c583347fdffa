package dev.gkstudio.lsp.protocol;

import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Set;

import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;

/**
 * The requests a server declares through lsp4j's service interfaces but does not implement. lsp4j's interfaces
 * give every method a default that throws, which would reach the client as an internal error; LSP wants -32601
 * for a method the server does not offer. Read from the implementation classes, so a method counts as supported
 * as soon as it is implemented.
 */
public final class SupportedMethods {

    private final Set<String> unimplemented = new HashSet<>();

    /** @param services pairs of (lsp4j service interface, its implementation), e.g. TextDocumentService and ours */
    public SupportedMethods(Object... services) {
        for (int i = 0; i + 1 < services.length; i += 2) {
            Class<?> api = (Class<?>) services[i];
            Object impl = services[i + 1];
            JsonSegment segment = api.getAnnotation(JsonSegment.class);
            String prefix = segment == null ? "" : segment.value() + "/";
            for (Method m : api.getMethods()) {
                JsonRequest request = m.getAnnotation(JsonRequest.class);
                if (request == null) continue;
                String name = request.useSegment() ? prefix : "";
                name += request.value().isEmpty() ? m.getName() : request.value();
                if (implementation(impl.getClass(), m).isDefault()) unimplemented.add(name);
            }
        }
    }

    private static Method implementation(Class<?> type, Method m) {
        try {
            return type.getMethod(m.getName(), m.getParameterTypes());
        } catch (NoSuchMethodException e) {
            return m;
        }
    }

    /** False only for a request the interfaces declare and the server leaves to the throwing default. */
    public boolean request(String method) {
        return !unimplemented.contains(method);
    }
}
