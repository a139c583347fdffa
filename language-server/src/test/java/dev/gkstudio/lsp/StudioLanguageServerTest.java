package dev.gkstudio.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.Closeable;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives the server through real JSON-RPC over in-memory pipes, as an editor would. */
class StudioLanguageServerTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private final List<Closeable> pipes = new ArrayList<>();
    private StudioLanguageServer server;
    private LanguageServer remote;

    @BeforeEach
    void connect() throws IOException {
        PipedInputStream serverIn = new PipedInputStream();
        PipedOutputStream clientOut = new PipedOutputStream(serverIn);
        PipedInputStream clientIn = new PipedInputStream();
        PipedOutputStream serverOut = new PipedOutputStream(clientIn);
        pipes.addAll(List.of(clientOut, serverOut));

        server = new StudioLanguageServer(executor, exitCode::complete);
        var serverLauncher = StdioLauncher.launcher(server, serverIn, serverOut, executor);
        serverLauncher.startListening();

        var clientLauncher = LSPLauncher.createClientLauncher(new SilentClient(), clientIn, clientOut, executor, null);
        clientLauncher.startListening();
        remote = clientLauncher.getRemoteProxy();
    }

    @AfterEach
    void stop() throws IOException {
        // End of input lets both listeners finish quietly; interrupting them logs stack traces.
        for (Closeable pipe : pipes) {
            pipe.close();
        }
        executor.shutdown();
    }

    @Test
    void initializeAnnouncesNameAndFullSync() throws Exception {
        InitializeResult result = remote.initialize(initializeParams()).get(5, TimeUnit.SECONDS);

        assertEquals("gatekeeper-studio", result.getServerInfo().getName());
        assertEquals(TextDocumentSyncKind.Full, result.getCapabilities().getTextDocumentSync().getLeft());
    }

    @Test
    void keepsTheLatestFullText() throws Exception {
        remote.initialize(initializeParams()).get(5, TimeUnit.SECONDS);
        remote.initialized(new InitializedParams());
        String uri = "inmemory://template.rego";
        remote.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(uri, "rego", 1, "package a")));
        remote.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, 2),
                List.of(new TextDocumentContentChangeEvent("package b"))));
        // A request after the notifications: JSON-RPC handles messages in order, so once it
        // answers the notifications have been applied.
        remote.shutdown().get(5, TimeUnit.SECONDS);

        var documents = (StudioTextDocumentService) server.getTextDocumentService();
        assertEquals("package b", documents.text(uri));
    }

    @Test
    void exitAfterShutdownIsClean() throws Exception {
        remote.initialize(initializeParams()).get(5, TimeUnit.SECONDS);
        assertNull(remote.shutdown().get(5, TimeUnit.SECONDS));
        remote.exit();

        assertEquals(0, exitCode.get(5, TimeUnit.SECONDS));
    }

    @Test
    void exitWithoutShutdownIsAnError() throws Exception {
        remote.exit();

        assertEquals(1, exitCode.get(5, TimeUnit.SECONDS));
    }

    /** capabilities are required by LSP: the server refuses an initialize without them (-32602) */
    private static InitializeParams initializeParams() {
        InitializeParams p = new InitializeParams();
        p.setCapabilities(new ClientCapabilities());
        return p;
    }

    /** The server sends nothing to the client yet. */
    private static final class SilentClient implements LanguageClient {
        @Override
        public void telemetryEvent(Object object) {
        }

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
        }

        @Override
        public void showMessage(MessageParams messageParams) {
        }

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams requestParams) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void logMessage(MessageParams message) {
        }
    }
}
