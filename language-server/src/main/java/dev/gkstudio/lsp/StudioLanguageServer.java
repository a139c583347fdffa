package dev.gkstudio.lsp;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;

import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.RenameOptions;
import org.eclipse.lsp4j.SemanticTokensWithRegistrationOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.SignatureHelpOptions;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.gkstudio.lsp.features.SemanticTokensFeature;
import dev.gkstudio.lsp.workspace.Workspace;
import dev.gkstudio.lsp.workspace.WorkspaceFiles;

/**
 * The Gatekeeper Studio language server, one instance per connection. It knows nothing about the
 * transport: {@link StdioLauncher} wires it to stdin/stdout, the backend wires it to a websocket.
 * Besides LSP it accepts the notification {@code gatekeeper/workspaceContext} (same payload as the
 * {@code gatekeeper} section of {@code workspace/didChangeConfiguration}, see {@link Workspace.Settings}).
 */
public class StudioLanguageServer implements LanguageServer, LanguageClientAware {

    public static final String NAME = "gatekeeper-studio";

    private final Workspace workspace = new Workspace();
    private final StudioTextDocumentService textDocuments;
    private final StudioWorkspaceService workspaceService;
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
        this.textDocuments = new StudioTextDocumentService(workspace, executor, () -> client);
        this.workspaceService = new StudioWorkspaceService(workspace, executor, textDocuments::republishAll, textDocuments::fileChanged);
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        return CompletableFuture.supplyAsync(() -> {
            if (params.getInitializationOptions() instanceof JsonElement json) {
                workspace.settings(Workspace.Settings.from(json, workspace.settings()));
            }
            // a desktop editor's folders: their modules count for definitions and workspace symbols unopened
            textDocuments.addWorkspaceFiles(WorkspaceFiles.scan(WorkspaceFiles.roots(params)));
            String version = StudioLanguageServer.class.getPackage().getImplementationVersion();
            return new InitializeResult(capabilities(), new ServerInfo(NAME, version));
        }, executor);
    }

    /** What the server offers: every feature over full-text sync. */
    public static ServerCapabilities capabilities() {
        ServerCapabilities c = new ServerCapabilities();
        c.setTextDocumentSync(TextDocumentSyncKind.Full);
        CompletionOptions completion = new CompletionOptions(false, List.of(".", "[", "\""));
        c.setCompletionProvider(completion);
        c.setHoverProvider(true);
        c.setSignatureHelpProvider(new SignatureHelpOptions(List.of("(", ","), List.of(",")));
        c.setDefinitionProvider(true);
        c.setReferencesProvider(true);
        c.setDocumentHighlightProvider(true);
        c.setDocumentSymbolProvider(true);
        c.setWorkspaceSymbolProvider(true);
        c.setRenameProvider(new RenameOptions(true));
        c.setFoldingRangeProvider(true);
        c.setSelectionRangeProvider(true);
        c.setDocumentFormattingProvider(true);
        c.setCodeActionProvider(new CodeActionOptions(List.of(CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite)));
        SemanticTokensWithRegistrationOptions tokens = new SemanticTokensWithRegistrationOptions(SemanticTokensFeature.LEGEND);
        tokens.setFull(true);
        c.setSemanticTokensProvider(tokens);
        c.setInlayHintProvider(true);
        c.setCodeLensProvider(new org.eclipse.lsp4j.CodeLensOptions(false));
        return c;
    }

    /** {@code gatekeeper/workspaceContext}: parameters schema, sample objects, matched kinds (see README). */
    @JsonNotification("gatekeeper/workspaceContext")
    public void workspaceContext(JsonObject params) {
        executor.execute(() -> workspaceService.applySettings(params));
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

    public Workspace workspace() {
        return workspace;
    }

    @Override
    public StudioTextDocumentService getTextDocumentService() {
        return textDocuments;
    }

    @Override
    public StudioWorkspaceService getWorkspaceService() {
        return workspaceService;
    }
}
