package dev.gkstudio.backend;

import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.services.ServiceEndpoints;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.websocket.jakarta.WebSocketLauncherBuilder;

import dev.gkstudio.lsp.protocol.ProtocolJsonHandler;

/**
 * lsp4j's websocket launcher with the two parts {@code /lsp} replaces: messages are read by a
 * {@link ProtocolJsonHandler} (unreadable input is answered, not just logged) and written by one
 * {@link LspSender} per session.
 */
final class LspLauncherBuilder extends WebSocketLauncherBuilder<LanguageClient> {

    @Override
    protected MessageJsonHandler createJsonHandler() {
        return new ProtocolJsonHandler(getSupportedMethods());
    }

    @Override
    protected RemoteEndpoint createRemoteEndpoint(MessageJsonHandler jsonHandler) {
        MessageConsumer out = wrapMessageConsumer(new LspSender(session, jsonHandler));
        RemoteEndpoint endpoint = exceptionHandler == null
                ? new RemoteEndpoint(out, ServiceEndpoints.toEndpoint(localServices))
                : new RemoteEndpoint(out, ServiceEndpoints.toEndpoint(localServices), exceptionHandler);
        jsonHandler.setMethodProvider(endpoint);
        return endpoint;
    }
}
