package dev.gkstudio.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How many users one Studio serves: N simulated users, each on its own {@code /ws/eval} socket, edit the
 * allowed-repos gallery policy (8 samples) every 2 s (a typing user's evaluations after debouncing); per step of N,
 * the p50 / p95 time from sending an edit to its result. Two rounds: users editing a sample (the compiled template
 * is reused) and users editing the Rego (every edit is a new template to compile, as while typing a policy). The
 * figure reported per round is the largest N whose p95 stays under 100 ms. Not part of {@code mvn verify}:
 *
 * <pre>mvn -B -pl backend,e2e-tests -am verify -Dtest=EvalLoadBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * Figures go to {@code target/eval-load.txt}. Meaningful only on an otherwise idle machine.
 */
class EvalLoadBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int[] USERS = {1, 10, 50, 100, 200, 300, 400, 500, 600, 800, 1000, 1200, 1600};
    private static final long EDIT_EVERY_MS = 2000;
    private static final int EDITS_PER_USER = 5;

    @Test
    void usersUntilP95PassesOneHundredMilliseconds() throws Exception {
        StringBuilder out = new StringBuilder("eval load (allowed-repos, 8 samples, one edit per user every 2 s, "
                + Runtime.getRuntime().availableProcessors() + " cores, client on the same machine)\n");
        try (StudioProcess studio = StudioProcess.start(Path.of(System.getProperty("studio.app")),
                Path.of("target", "eval-load-studio.log"))) {
            HttpClient http = HttpClient.newHttpClient();
            JsonNode workspace = EvalSocketClient.galleryWorkspace(http, studio.baseUri, "allowed-repos");
            for (Edit edit : Edit.values()) {
                out.append(edit.title).append('\n');
                int lastUnder = 0;
                for (int users : USERS) {
                    List<Long> latencies = run(http, studio.baseUri, workspace, users, edit);
                    Collections.sort(latencies);
                    long p50 = latencies.get(latencies.size() / 2);
                    long p95 = latencies.get((int) Math.ceil(latencies.size() * 0.95) - 1);
                    out.append(String.format("%4d users: p50 %4d ms, p95 %4d ms (%d results)%n", users, p50, p95,
                            latencies.size()));
                    System.out.print(out.substring(out.lastIndexOf("\n", out.length() - 2) + 1));
                    if (p95 >= 100) {
                        break;
                    }
                    lastUnder = users;
                }
                out.append("largest step with p95 < 100 ms: ").append(lastUnder).append(" users\n");
            }
        }
        Files.writeString(Path.of("target", "eval-load.txt"), out);
        System.out.print(out);
    }

    /** What each simulated edit changes. */
    private enum Edit {
        SAMPLE("users editing a sample (compiled template reused)"),
        POLICY("users editing the Rego (a new template to compile per edit)");

        final String title;

        Edit(String title) {
            this.title = title;
        }

        /** The workspace after edit {@code i} of {@code user}: a comment makes it distinct from every other edit. */
        JsonNode apply(JsonNode workspace, int user, int i) {
            ObjectNode copy = workspace.deepCopy();
            String mark = "\n# edit " + user + "." + i + "\n";
            if (this == SAMPLE) {
                copy.put("samples", copy.path("samples").asText() + mark);
            } else {
                ObjectNode template = (ObjectNode) copy.get("template");
                template.put("rego", template.path("rego").asText() + mark);
            }
            return copy;
        }
    }

    private static List<Long> run(HttpClient http, URI base, JsonNode workspace, int users, Edit edit) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(users);
        List<Thread> threads = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            int user = u;
            Thread t = new Thread(() -> {
                try {
                    user(http, base, workspace, user, users, edit, latencies);
                } catch (Exception e) {
                    latencies.add(Long.MAX_VALUE / 2); // a failed user counts as far too slow
                } finally {
                    done.countDown();
                }
            });
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        done.await(5, TimeUnit.MINUTES);
        return new ArrayList<>(latencies);
    }

    private static void user(HttpClient http, URI base, JsonNode workspace, int user, int users, Edit edit,
                             List<Long> latencies) throws Exception {
        AtomicReference<CompletableFuture<String>> reply = new AtomicReference<>();
        WebSocket socket = EvalSocketClient.open(http, base, text -> {
            if (text.contains("\"type\":\"result\"")) {
                reply.get().complete(text);
            }
        }, Duration.ofSeconds(30));
        // users start spread over the edit interval, as real users would
        Thread.sleep(EDIT_EVERY_MS * user / users);
        for (int i = 1; i <= EDITS_PER_USER; i++) {
            reply.set(new CompletableFuture<>());
            String request = JSON.writeValueAsString(Map.of("type", "evaluate", "version", i, "workspace",
                    edit.apply(workspace, user, i),
                    "coverage", false));
            long t0 = System.nanoTime();
            socket.sendText(request, true).join();
            reply.get().get(60, TimeUnit.SECONDS);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (i > 1) {
                latencies.add(ms); // the first edit of each user pays the socket's warm-up
            }
            Thread.sleep(Math.max(0, EDIT_EVERY_MS - ms));
        }
        socket.abort();
    }
}
