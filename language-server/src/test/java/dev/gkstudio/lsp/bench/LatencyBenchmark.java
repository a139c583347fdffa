package dev.gkstudio.lsp.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.services.LanguageClient;

import dev.gkstudio.lsp.StudioLanguageServer;
import dev.gkstudio.lsp.StudioTextDocumentService;
import dev.gkstudio.lsp.text.LineMap;

/**
 * Latency of the two interactive paths after an edit of a 2,000-line Rego module, measured through the server as an
 * editor meets it (the text document service on a 2-thread executor, as {@code ./gkstudio lsp} runs it): from
 * {@code didChange} to the {@code publishDiagnostics} of that version, and from {@code didChange} to the answer of a
 * completion request sent right after it. Edits alternate between a module that parses and one whose last line is
 * being typed ({@code input.review.object.spec.}). Two runs: quiet, then with two CPU-bound processes
 * ({@code yes > /dev/null}) competing for the cores. Not a test: {@code mvn verify} does not run it; the command is in
 * the language-server README ("Latency benchmark").
 */
public final class LatencyBenchmark {

    private static final String URI = "file:///bench/policy.rego";
    private static final int WARMUP = 40;
    private static final int EDITS = 200;

    private LatencyBenchmark() {}

    public static String document(int lines) {
        StringBuilder sb = new StringBuilder("package k8s.bench\n\nimport rego.v1\n\n");
        int i = 0;
        while (sb.chars().filter(c -> c == '\n').count() < lines - 3) {
            sb.append("# METADATA\n# title: Rule ").append(i).append('\n');
            sb.append("violation contains {\"msg\": msg, \"details\": {\"rule\": ").append(i).append("}} if {\n");
            sb.append("\tsome container in input.review.object.spec.containers\n");
            sb.append("\tnot startswith(container.image, input.parameters.repos[_])\n");
            sb.append("\tlimits := object.get(container, [\"resources\", \"limits\"], {})\n");
            sb.append("\tcount(limits) > ").append(i % 7).append('\n');
            sb.append("\tmsg := sprintf(\"container %v violates rule ").append(i).append("\", [container.name])\n");
            sb.append("}\n\n");
            sb.append("helper_").append(i).append("(x) := y if {\n\ty := x * ").append(i).append("\n}\n\n");
            i++;
        }
        sb.append("last if {\n\tc := input.review.object.spec.\n}\n");
        return sb.toString();
    }

    public static void main(String[] args) throws Exception {
        String typing = document(2000);
        String valid = typing.replace("c := input.review.object.spec.\n", "c := input.review.object.spec\n");
        Position afterDot = new LineMap(typing).position(typing.lastIndexOf("spec.") + 5);
        Position inWord = new LineMap(valid).position(valid.indexOf("\tcount(limits)", valid.length() / 2) + 4);
        System.out.printf("document: %d lines, %d chars; %d cores; %d edits per run (after %d warm-up edits)%n",
                new LineMap(typing).lineCount(), typing.length(), Runtime.getRuntime().availableProcessors(), EDITS, WARMUP);

        run("quiet", typing, valid, afterDot, inWord);
        List<Process> load = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                load.add(new ProcessBuilder("yes").redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            }
            run("2 x yes>/dev/null", typing, valid, afterDot, inWord);
        } finally {
            for (Process p : load) p.destroyForcibly();
        }
    }

    private static void run(String label, String typing, String valid, Position afterDot, Position inWord) throws Exception {
        System.out.printf("%-18s load average before the run: %s%n", label, loadAverage());
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            Client client = new Client();
            StudioLanguageServer server = new StudioLanguageServer(workers, code -> { });
            server.connect(client);
            StudioTextDocumentService docs = server.getTextDocumentService();
            docs.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(URI, "rego", 0, valid)));
            client.version(0).get(60, TimeUnit.SECONDS);
            long[] diagnostics = new long[EDITS];
            long[] completion = new long[EDITS];
            for (int v = 1; v <= WARMUP + EDITS; v++) {
                boolean dot = v % 2 == 1;
                CompletableFuture<Long> published = client.version(v);
                long t0 = System.nanoTime();
                docs.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(URI, v),
                        List.of(new TextDocumentContentChangeEvent(dot ? typing : valid))));
                CompletableFuture<Long> completed = docs.completion(new CompletionParams(new TextDocumentIdentifier(URI),
                        dot ? afterDot : inWord)).thenApply(r -> System.nanoTime());
                long c = completed.get(60, TimeUnit.SECONDS) - t0;
                long d = published.get(60, TimeUnit.SECONDS) - t0;
                if (v > WARMUP) {
                    completion[v - WARMUP - 1] = c;
                    diagnostics[v - WARMUP - 1] = d;
                }
            }
            report(label, "diagnostics after an edit", diagnostics);
            report(label, "completion after an edit", completion);
        } finally {
            workers.shutdownNow();
        }
    }

    /** The machine's 1-minute load average, so a "quiet" run on a shared machine can be read for what it is. */
    private static String loadAverage() {
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "unknown" : String.format("%.2f", load);
    }

    private static void report(String label, String name, long[] ns) {
        long[] s = ns.clone();
        Arrays.sort(s);
        System.out.printf("%-18s %-27s p50 %7.2f ms  p95 %7.2f ms  max %7.2f ms%n", label, name,
                s[s.length / 2] / 1e6, s[(int) (s.length * 0.95)] / 1e6, s[s.length - 1] / 1e6);
    }

    /** Completes a future with the arrival time of each version's diagnostics. */
    private static final class Client implements LanguageClient {
        private final Map<Integer, CompletableFuture<Long>> versions = new ConcurrentHashMap<>();

        CompletableFuture<Long> version(int v) {
            return versions.computeIfAbsent(v, k -> new CompletableFuture<>());
        }

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams p) {
            version(p.getVersion()).complete(System.nanoTime());
        }

        @Override
        public void telemetryEvent(Object object) {
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
