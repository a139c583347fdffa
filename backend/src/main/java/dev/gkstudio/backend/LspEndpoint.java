package dev.gkstudio.backend;

import java.io.IOException;
import java.util.Collection;
import java.util.Set;

import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.websocket.jakarta.WebSocketEndpoint;
import org.jboss.logging.Logger;

import dev.gkstudio.lsp.StudioLanguageServer;
import dev.gkstudio.lsp.protocol.ServerProtocol;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

/**
 * {@code /lsp}: one JSON-RPC message per text frame, one {@link StudioLanguageServer} per
 * session. The container creates an instance per connection, so the session can be a field.
 */
public class LspEndpoint extends WebSocketEndpoint<LanguageClient> {

    /** Large enough for a whole policy bundle in one didChange (full sync sends everything). */
    static final int MAX_MESSAGE_CHARS = 4 << 20;

    private static final Logger LOG = Logger.getLogger(LspEndpoint.class);

    private Session session;

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        this.session = session;
        // Quarkus reports a limit of 0 here; lsp4j compares every reply against it and would
        // never send one, so set it before lsp4j sees the session.
        session.setMaxTextMessageBufferSize(MAX_MESSAGE_CHARS);
        // lsp4j's own onOpen, with our launcher: one writer per session and LSP's error answers
        LspLauncherBuilder builder = new LspLauncherBuilder();
        builder.setSession(session);
        configure(builder);
        Launcher<LanguageClient> launcher = builder.create();
        connect(builder.getLocalServices(), launcher.getRemoteProxy());
        limitMessageSize(session);
    }

    /**
     * lsp4j registers a whole-message handler, and the container then buffers or drops an oversize message
     * without telling anyone: receive the parts ourselves instead (see {@link MessageParts}).
     */
    @SuppressWarnings("unchecked")
    private void limitMessageSize(Session session) {
        for (MessageHandler h : Set.copyOf(session.getMessageHandlers())) {
            if (h instanceof MessageHandler.Whole<?> w) {
                session.removeMessageHandler(h);
                MessageParts parts = new MessageParts(session, MAX_MESSAGE_CHARS, ((MessageHandler.Whole<String>) w)::onMessage);
                session.addMessageHandler(String.class, (MessageHandler.Partial<String>) parts::add);
            }
        }
    }

    @Override
    protected void configure(Launcher.Builder<LanguageClient> builder) {
        // Endpoints are created by the websocket container, not by CDI, hence the lookup.
        LanguageServerExecutor executor = CDI.current().select(LanguageServerExecutor.class).get();
        StudioLanguageServer server = new StudioLanguageServer(executor, this::close);
        builder.setLocalService(server);
        builder.setRemoteInterface(LanguageClient.class);
        ServerProtocol.configure(builder, server);
    }

    @Override
    protected void connect(Collection<Object> localServices, LanguageClient client) {
        for (Object service : localServices) {
            if (service instanceof StudioLanguageServer server) {
                server.connect(client);
            }
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        LOG.debugf(error, "LSP session %s failed", session.getId());
    }

    /** LSP {@code exit} on a websocket ends the session, not the Studio. */
    private void close(int exitCode) {
        CloseReason reason = exitCode == 0
                ? new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "exit")
                : new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "exit without shutdown");
        try {
            session.close(reason);
        } catch (IOException e) {
            LOG.debugf(e, "closing LSP session %s", session.getId());
        }
    }
}
