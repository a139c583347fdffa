package dev.gkstudio.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The first evaluation after start-up, with the engine warm-up off ({@code GKSTUDIO_WARMUP_ROUNDS=0}) and on
 * (the default): a fresh Studio process, ready, then the allowed-repos gallery policy over {@code /ws/eval};
 * the server's evaluation time and the round trip, per start. Not part of {@code mvn verify}:
 *
 * <pre>mvn -B -pl backend,e2e-tests -am verify -Dtest=FirstEvaluationBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * Figures go to {@code target/first-evaluation.txt}.
 */
class FirstEvaluationBenchmark {

    private static final int STARTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void firstEvaluationAfterStart() throws Exception {
        StringBuilder out = new StringBuilder("first evaluation after start (allowed-repos, 8 samples)\n");
        for (String rounds : List.of("0", "4")) {
            List<String> runs = new ArrayList<>();
            for (int i = 0; i < STARTS; i++) {
                try (StudioProcess studio = StudioProcess.start(Path.of(System.getProperty("studio.app")),
                        Path.of("target", "first-evaluation-studio.log"), Map.of("GKSTUDIO_WARMUP_ROUNDS", rounds))) {
                    runs.add(firstEvaluation(studio.baseUri));
                }
            }
            out.append("warm-up rounds ").append(rounds).append(": ").append(String.join("; ", runs)).append('\n');
        }
        Files.writeString(Path.of("target", "first-evaluation.txt"), out);
        System.out.print(out);
    }

    private static String firstEvaluation(URI base) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        JsonNode workspace = EvalSocketClient.galleryWorkspace(http, base, "allowed-repos");
        CompletableFuture<String> reply = new CompletableFuture<>();
        WebSocket socket = EvalSocketClient.open(http, base, reply::complete, Duration.ofSeconds(10));
        String request = JSON.writeValueAsString(Map.of("type", "evaluate", "version", 1, "workspace", workspace, "coverage", false));
        long t0 = System.nanoTime();
        socket.sendText(request, true);
        JsonNode result = JSON.readTree(reply.get(60, TimeUnit.SECONDS));
        long roundTrip = (System.nanoTime() - t0) / 1_000_000;
        socket.abort();
        return String.format("server %.1f ms, round trip %d ms", result.get("elapsedMs").asDouble(), roundTrip);
    }
}
