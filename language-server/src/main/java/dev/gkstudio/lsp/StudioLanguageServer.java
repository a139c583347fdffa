package dev.gkstudio.lsp;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;

import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * The Gatekeeper Studio language server, one instance per connection. It knows nothing about the
 * transport: {@link StdioLauncher} wires it to stdin/stdout, the backend wires it to a websocket.
 */
public class StudioLanguageServer implements LanguageServer, LanguageClientAware {

    public static final String NAME = "gatekeeper-studio";

    private final StudioTextDocumentService textDocuments = new StudioTextDocumentService();
    private final StudioWorkspaceService workspace = new StudioWorkspaceService();
    private final Executor executor;
    private final IntConsumer onExit;
    private volatile boolean shutdownRequested;
    private volatile LanguageClient client;

    /**
     * @param executor where requests are computed, so the transport's thread only parses and
     *                 sends; the host bounds it (the common pool grows a thread per blocked task)
     * @param onExit   what {@code exit} does with the exit code LSP prescribes (0 after shutdown,
     *                 1 otherwise): a process exits with it, a websocket session just closes
     */
    public StudioLanguageServer(Executor executor, IntConsumer onExit) {
        this.executor = executor;
        this.onExit = onExit;
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        return CompletableFuture.supplyAsync(() -> {
            ServerCapabilities capabilities = new ServerCapabilities();
            // Full sync keeps the first version simple; incremental sync can come with features.
            capabilities.setTextDocumentSync(TextDocumentSyncKind.Full);
            String version = StudioLanguageServer.class.getPackage().getImplementationVersion();
            return new InitializeResult(capabilities, new ServerInfo(NAME, version));
        }, executor);
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutdownRequested = true;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        onExit.accept(shutdownRequested ? 0 : 1);
    }

    /** The client to publish diagnostics to; null until the transport has connected one. */
    public LanguageClient client() {
        return client;
    }

    @Override
    public void connect(LanguageClient client) {
        this.client = client;
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return textDocuments;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return workspace;
    }
}
