package dev.gkstudio.lsp.protocol;

import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * The LSP rules every transport applies (stdio, websocket): error answers without stack traces, the lifecycle
 * gate in front of the server. Transports also read messages with a {@link ProtocolJsonHandler}.
 */
public final class ServerProtocol {

    private ServerProtocol() {
    }

    /**
     * Installs the error handler and the {@link LifecycleGate} on a launcher builder. lsp4j wraps the outgoing
     * consumer before the incoming one, which is how the gate learns where to send its own answers.
     */
    public static <T> void configure(Launcher.Builder<T> builder, LanguageServer server) {
        SupportedMethods supported = new SupportedMethods(
                LanguageServer.class, server,
                TextDocumentService.class, server.getTextDocumentService(),
                WorkspaceService.class, server.getWorkspaceService());
        AtomicReference<MessageConsumer> out = new AtomicReference<>();
        builder.setExceptionHandler(ErrorResponses.handler());
        builder.wrapMessages(consumer -> {
            if (consumer instanceof RemoteEndpoint endpoint) {
                return new LifecycleGate(endpoint, message -> out.get().consume(message), supported);
            }
            out.compareAndSet(null, consumer);
            return consumer;
        });
    }
}
