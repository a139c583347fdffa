package dev.gkstudio.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.services.LanguageClient;
import org.junit.jupiter.api.Test;

import dev.gkstudio.lsp.bench.LatencyBenchmark;
import dev.gkstudio.lsp.features.DiagnosticsFeature;

/**
 * Diagnostics are superseded by newer versions: the newest edit's diagnostics are published, older runs stop
 * (lemminx's CancelChecker pattern). Bounded by operation counts: how many runs and steps happen, never time.
 */
class DiagnosticsSupersessionTest {

    private static final String URI = "file:///w/policy.rego";

    @Test
    void aBurstOfEditsPublishesOnlyTheNewestVersion() {
        Queue<Runnable> queued = new ArrayDeque<>();
        Executor manual = queued::add;
        StudioLanguageServer server = new StudioLanguageServer(manual, code -> { });
        List<PublishDiagnosticsParams> published = new CopyOnWriteArrayList<>();
        server.connect(new Recorder(published));
        StudioTextDocumentService docs = server.getTextDocumentService();

        docs.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(URI, "rego", 1, module(1))));
        for (int v = 2; v <= 20; v++) {
            docs.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(URI, v),
                    List.of(new TextDocumentContentChangeEvent(module(v)))));
        }
        while (!queued.isEmpty()) queued.poll().run();

        assertEquals(1, published.size(), published.toString());
        assertEquals(20, published.get(0).getVersion());
        assertTrue(published.get(0).getDiagnostics().toString().contains("v20"), published.toString());
        assertEquals(19, docs.cancelledRuns(), "every superseded run stops");
    }

    @Test
    void aRunStopsAtTheNextStepOnceSuperseded() {
        // the benchmark's 2,000-line module, with its completion point (a trailing dot) made valid
        Fixture f = Fixture.rego(LatencyBenchmark.document(2000).replace("spec.\n}", "spec\n}"));
        AtomicInteger steps = new AtomicInteger();
        DiagnosticsFeature.diagnostics(f.ws, f.doc, steps::incrementAndGet);
        int allSteps = steps.get();
        assertTrue(allSteps > 10, "a full run asks at every step: " + allSteps);

        // a newer version arrives after the second step: nothing more is computed
        AtomicInteger asked = new AtomicInteger();
        assertThrows(CancellationException.class, () -> DiagnosticsFeature.diagnostics(f.ws, f.doc, () -> {
            if (asked.incrementAndGet() >= 2) throw new CancellationException("superseded");
        }));
        assertEquals(2, asked.get());
    }

    /** An unused local named after the version, so the published diagnostics say which version they are of. */
    private static String module(int version) {
        return "package a\n\nimport rego.v1\n\np if {\n\tv" + version + " := input.x\n\tinput.y == 1\n}\n";
    }

    private record Recorder(List<PublishDiagnosticsParams> published) implements LanguageClient {
        @Override
        public void publishDiagnostics(PublishDiagnosticsParams p) {
            published.add(p);
        }

        @Override
        public void telemetryEvent(Object object) {
        }

        @Override
        public void showMessage(MessageParams messageParams) {
        }

        @Override
        public java.util.concurrent.CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams p) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }

        @Override
        public void logMessage(MessageParams message) {
        }
    }
}
