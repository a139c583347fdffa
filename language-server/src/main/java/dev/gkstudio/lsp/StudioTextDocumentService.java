package dev.gkstudio.lsp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentHighlight;
import org.eclipse.lsp4j.DocumentHighlightParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.PrepareRenameDefaultBehavior;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SelectionRange;
import org.eclipse.lsp4j.SelectionRangeParams;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.SignatureHelp;
import org.eclipse.lsp4j.SignatureHelpParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import org.eclipse.lsp4j.jsonrpc.CompletableFutures;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.TextDocumentService;

import dev.gkstudio.lsp.features.CodeActionFeature;
import dev.gkstudio.lsp.features.CompletionFeature;
import dev.gkstudio.lsp.features.DiagnosticsFeature;
import dev.gkstudio.lsp.features.FoldingFeature;
import dev.gkstudio.lsp.features.FormattingFeature;
import dev.gkstudio.lsp.features.Hovers;
import dev.gkstudio.lsp.features.InlayHintFeature;
import dev.gkstudio.lsp.features.NavigationFeature;
import dev.gkstudio.lsp.features.SelectionRangeFeature;
import dev.gkstudio.lsp.features.SemanticTokensFeature;
import dev.gkstudio.lsp.features.SignatureHelpFeature;
import dev.gkstudio.lsp.features.SymbolsFeature;
import dev.gkstudio.lsp.workspace.Document;
import dev.gkstudio.lsp.workspace.DocumentState;
import dev.gkstudio.lsp.workspace.Workspace;
import dev.gkstudio.lsp.workspace.WorkspaceFiles;

/**
 * Text document requests. Document changes are parsed on the calling thread (so the next request sees them);
 * diagnostics and every request are computed on the server's executor. Diagnostics of a version that is no
 * longer current are dropped instead of published.
 */
public class StudioTextDocumentService implements TextDocumentService {

    private final Workspace workspace;
    private final Executor executor;
    private final java.util.function.Supplier<LanguageClient> client;
    /** The open documents' current versions: diagnostics of other versions are not published. */
    private final Map<String, Integer> versions = new ConcurrentHashMap<>();
    private final java.util.Set<String> diskFiles = ConcurrentHashMap.newKeySet();
    /** The version whose diagnostics were published last, per document. */
    private final Map<String, Integer> published = new ConcurrentHashMap<>();
    private final AtomicLong cancelledRuns = new AtomicLong();

    public StudioTextDocumentService(Workspace workspace, Executor executor, java.util.function.Supplier<LanguageClient> client) {
        this.workspace = workspace;
        this.executor = executor;
        this.client = client;
    }

    /** The current text of an open document, or null if it is not open. */
    public String text(String uri) {
        DocumentState s = workspace.get(uri);
        return s == null ? null : s.document().text();
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        var td = params.getTextDocument();
        update(new Document(td.getUri(), td.getLanguageId(), td.getVersion(), td.getText()));
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        var changes = params.getContentChanges();
        if (changes.isEmpty()) return;
        String uri = params.getTextDocument().getUri();
        DocumentState old = workspace.get(uri);
        TextDocumentContentChangeEvent last = changes.get(changes.size() - 1);
        String languageId = old == null ? (uri.endsWith(".rego") ? "rego" : "yaml") : old.document().languageId();
        Integer v = params.getTextDocument().getVersion();
        update(new Document(uri, languageId, v == null ? 0 : v, last.getText()));
    }

    /** Workspace files read from disk ({@link WorkspaceFiles}): known to navigation, not open, no diagnostics. */
    public void addWorkspaceFiles(List<Document> files) {
        for (Document d : files) {
            diskFiles.add(d.uri());
            if (!versions.containsKey(d.uri())) workspace.put(d);
        }
    }

    /** A workspace file changed on disk: unless the editor has it open, the server reads it again. */
    public void fileChanged(String uri, boolean deleted) {
        if (versions.containsKey(uri)) return;
        Document d = deleted ? null : WorkspaceFiles.read(uri);
        if (d == null) {
            diskFiles.remove(uri);
            workspace.remove(uri);
        } else {
            diskFiles.add(uri);
            workspace.put(d);
        }
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        versions.remove(uri);
        published.remove(uri);
        // a closed workspace file goes back to what is on disk: it still counts for navigation
        Document onDisk = diskFiles.contains(uri) ? WorkspaceFiles.read(uri) : null;
        if (onDisk != null) workspace.put(onDisk);
        else workspace.remove(uri);
        LanguageClient c = client.get();
        if (c != null) c.publishDiagnostics(new PublishDiagnosticsParams(uri, List.of()));
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        // the browser has no files: didChange already holds the text
    }

    private void update(Document d) {
        versions.put(d.uri(), d.version());
        DocumentState state = workspace.put(d);
        publishLater(state);
    }

    /** Recomputes and publishes the diagnostics of every open document (after a settings change). */
    public void republishAll() {
        for (DocumentState s : workspace.all()) publishLater(s);
    }

    /**
     * Computes and publishes a version's diagnostics unless a newer version supersedes it: the run asks a
     * {@link CancelChecker} between its steps and stops once the document moved on (lemminx's pattern), so a burst of
     * edits costs one full run, not one per keystroke, and the newest edit's diagnostics are the ones published.
     * Publication is atomic per document: an older version is never published after a newer one.
     */
    private void publishLater(DocumentState state) {
        Document d = state.document();
        CancelChecker superseded = () -> {
            if (!current(d)) throw new CancellationException("version " + d.version() + " of " + d.uri() + " is superseded");
        };
        executor.execute(() -> {
            List<org.eclipse.lsp4j.Diagnostic> diags;
            try {
                superseded.checkCanceled();
                diags = DiagnosticsFeature.diagnostics(workspace, state, superseded);
            } catch (CancellationException e) {
                cancelledRuns.incrementAndGet();
                return;
            }
            LanguageClient c = client.get();
            if (c == null) return;
            published.compute(d.uri(), (uri, last) -> {
                if (!current(d) || (last != null && last > d.version())) return last;
                PublishDiagnosticsParams p = new PublishDiagnosticsParams(uri, diags);
                p.setVersion(d.version());
                c.publishDiagnostics(p);
                return d.version();
            });
        });
    }

    private boolean current(Document d) {
        return Integer.valueOf(d.version()).equals(versions.get(d.uri()));
    }

    /** How many diagnostics runs stopped because a newer version superseded them (for tests and benchmarks). */
    public long cancelledRuns() {
        return cancelledRuns.get();
    }

    private <T> CompletableFuture<T> compute(String uri, Function<DocumentState, T> f) {
        // lsp4j's cancellable future: a request the client cancelled ($/cancelRequest) before it ran is not computed
        return CompletableFutures.computeAsync(executor, cancel -> {
            cancel.checkCanceled();
            DocumentState s = workspace.get(uri);
            return s == null ? null : f.apply(s);
        });
    }

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams p) {
        return compute(p.getTextDocument().getUri(), s -> Either.forRight(CompletionFeature.complete(workspace, s, p.getPosition())));
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams p) {
        return compute(p.getTextDocument().getUri(), s -> Hovers.hover(workspace, s, p.getPosition()));
    }

    @Override
    public CompletableFuture<SignatureHelp> signatureHelp(SignatureHelpParams p) {
        return compute(p.getTextDocument().getUri(), s -> SignatureHelpFeature.signatureHelp(workspace, s, p.getPosition()));
    }

    @Override
    public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(DefinitionParams p) {
        return compute(p.getTextDocument().getUri(), s -> Either.forLeft(NavigationFeature.definition(workspace, s, p.getPosition())));
    }

    @Override
    public CompletableFuture<List<? extends Location>> references(ReferenceParams p) {
        return compute(p.getTextDocument().getUri(), s -> NavigationFeature.references(workspace, s, p.getPosition(),
                p.getContext() == null || p.getContext().isIncludeDeclaration()));
    }

    @Override
    public CompletableFuture<List<? extends DocumentHighlight>> documentHighlight(DocumentHighlightParams p) {
        return compute(p.getTextDocument().getUri(), s -> NavigationFeature.highlight(workspace, s, p.getPosition()));
    }

    @Override
    public CompletableFuture<Either3<org.eclipse.lsp4j.Range, PrepareRenameResult, PrepareRenameDefaultBehavior>> prepareRename(
            PrepareRenameParams p) {
        return compute(p.getTextDocument().getUri(), s -> {
            PrepareRenameResult r = NavigationFeature.prepareRename(workspace, s, p.getPosition());
            return r == null ? null : Either3.forSecond(r);
        });
    }

    @Override
    public CompletableFuture<WorkspaceEdit> rename(RenameParams p) {
        return compute(p.getTextDocument().getUri(), s -> NavigationFeature.rename(workspace, s, p.getPosition(), p.getNewName()));
    }

    @Override
    public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(DocumentSymbolParams p) {
        return compute(p.getTextDocument().getUri(), s -> {
            List<Either<SymbolInformation, DocumentSymbol>> out = new java.util.ArrayList<>();
            for (DocumentSymbol d : SymbolsFeature.documentSymbols(s)) out.add(Either.forRight(d));
            return out;
        });
    }

    @Override
    public CompletableFuture<List<FoldingRange>> foldingRange(FoldingRangeRequestParams p) {
        return compute(p.getTextDocument().getUri(), FoldingFeature::folding);
    }

    @Override
    public CompletableFuture<List<SelectionRange>> selectionRange(SelectionRangeParams p) {
        return compute(p.getTextDocument().getUri(), s -> SelectionRangeFeature.selectionRanges(s, p.getPositions()));
    }

    @Override
    public CompletableFuture<List<? extends TextEdit>> formatting(DocumentFormattingParams p) {
        return compute(p.getTextDocument().getUri(), FormattingFeature::format);
    }

    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams p) {
        return compute(p.getTextDocument().getUri(), s -> {
            List<Either<Command, CodeAction>> out = new java.util.ArrayList<>();
            List<org.eclipse.lsp4j.Diagnostic> ctx = p.getContext() == null || p.getContext().getDiagnostics() == null
                    ? List.of() : p.getContext().getDiagnostics();
            for (CodeAction a : CodeActionFeature.actions(workspace, s, p.getRange(), ctx)) out.add(Either.forRight(a));
            return out;
        });
    }

    @Override
    public CompletableFuture<SemanticTokens> semanticTokensFull(SemanticTokensParams p) {
        return compute(p.getTextDocument().getUri(), s -> SemanticTokensFeature.tokens(workspace, s));
    }

    @Override
    public CompletableFuture<List<InlayHint>> inlayHint(InlayHintParams p) {
        return compute(p.getTextDocument().getUri(), s -> InlayHintFeature.hints(s, p.getRange()));
    }

    @Override
    public CompletableFuture<List<? extends org.eclipse.lsp4j.CodeLens>> codeLens(org.eclipse.lsp4j.CodeLensParams p) {
        return compute(p.getTextDocument().getUri(), dev.gkstudio.lsp.features.CodeLensFeature::lenses);
    }
}
