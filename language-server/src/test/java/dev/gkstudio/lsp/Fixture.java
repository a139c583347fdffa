package dev.gkstudio.lsp;

import org.eclipse.lsp4j.Position;

import dev.gkstudio.lsp.text.LineMap;
import dev.gkstudio.lsp.workspace.Document;
import dev.gkstudio.lsp.workspace.DocumentState;
import dev.gkstudio.lsp.workspace.Workspace;

/**
 * A test workspace: documents with an optional cursor marker {@code <|>} (removed from the text; its position is
 * {@link #cursor}).
 */
public final class Fixture {
    public static final String CURSOR = "<|>";

    public final Workspace ws = new Workspace();
    public Position cursor;
    public DocumentState doc;

    public static Fixture rego(String text) {
        return new Fixture().open("file:///w/policy.rego", "rego", text);
    }

    public static Fixture template(String yaml) {
        return new Fixture().open("file:///w/template.yaml", "yaml", yaml);
    }

    /** Opens a document; the cursor marker, if any, sets {@link #cursor} and {@link #doc}. */
    public Fixture open(String uri, String languageId, String text) {
        int at = text.indexOf(CURSOR);
        String clean = text.replace(CURSOR, "");
        DocumentState s = ws.put(new Document(uri, languageId, 1, clean));
        if (at >= 0 || doc == null) {
            doc = s;
            cursor = new LineMap(clean).position(Math.max(0, at));
        }
        return this;
    }
}
