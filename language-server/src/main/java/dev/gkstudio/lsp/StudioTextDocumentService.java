package dev.gkstudio.lsp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.services.TextDocumentService;

/**
 * Keeps the text of every open document, keyed by URI. With full sync each change event carries
 * the whole new text, so the last event of a change is the document.
 */
public class StudioTextDocumentService implements TextDocumentService {

    private final Map<String, String> documents = new ConcurrentHashMap<>();
    /** The current text of an open document, or null if it is not open. */
    public String text(String uri) {
        return documents.get(uri);
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        documents.put(params.getTextDocument().getUri(), params.getTextDocument().getText());
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        var changes = params.getContentChanges();
        if (changes.isEmpty()) {
            return;
        }
        TextDocumentContentChangeEvent last = changes.get(changes.size() - 1);
        documents.put(params.getTextDocument().getUri(), last.getText());
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        documents.remove(params.getTextDocument().getUri());
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        // Nothing to do: the browser has no files, didChange already holds the text.
    }
}
