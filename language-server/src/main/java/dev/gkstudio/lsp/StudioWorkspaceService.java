package dev.gkstudio.lsp;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.eclipse.lsp4j.WorkspaceSymbolParams;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.WorkspaceService;

import com.google.gson.JsonElement;

import dev.gkstudio.lsp.features.SymbolsFeature;
import dev.gkstudio.lsp.workspace.Workspace;

/**
 * Workspace: {@code workspace/didChangeConfiguration} carries the Gatekeeper context (see
 * {@link Workspace.Settings}); workspace symbols search the open documents and the workspace folders' files, which
 * {@code workspace/didChangeWatchedFiles} keeps current.
 */
public class StudioWorkspaceService implements WorkspaceService {

    private final Workspace workspace;
    private final Executor executor;
    private final Runnable onSettingsChanged;
    private final FileListener files;

    public StudioWorkspaceService(Workspace workspace, Executor executor, Runnable onSettingsChanged, FileListener files) {
        this.workspace = workspace;
        this.executor = executor;
        this.onSettingsChanged = onSettingsChanged;
        this.files = files;
    }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
        Object s = params.getSettings();
        if (s instanceof JsonElement json) applySettings(json);
    }

    /** Applies settings ({@code {"gatekeeper": {...}}} or the inner object) and re-publishes diagnostics. */
    public void applySettings(JsonElement json) {
        workspace.settings(Workspace.Settings.from(json, workspace.settings()));
        onSettingsChanged.run();
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
        if (params.getChanges() == null) return;
        for (FileEvent e : params.getChanges()) files.changed(e.getUri(), e.getType() == FileChangeType.Deleted);
    }

    /** Where file events go (the text document service keeps the workspace files). */
    public interface FileListener {
        void changed(String uri, boolean deleted);
    }

    @Override
    public CompletableFuture<Either<List<? extends SymbolInformation>, List<? extends WorkspaceSymbol>>> symbol(
            WorkspaceSymbolParams params) {
        return CompletableFuture.supplyAsync(() -> Either.forRight(SymbolsFeature.workspaceSymbols(workspace, params.getQuery())), executor);
    }
}
