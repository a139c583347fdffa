package dev.gkstudio.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonObject;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Many sessions at once, each interleaving edits and completions so that its replies and its diagnostics are
 * sent from different threads at the same moment: every request must be answered and every edit's diagnostics
 * published, in every session (a lost send used to leave a session open but silent).
 */
@QuarkusTest
class LspConcurrencyStressTest {

    private static final int SESSIONS = 50;
    private static final int EDITS = 200;
    /** A hang guard only: the time a silent session is given before the test reports it. */
    private static final long SILENCE_SECONDS = 120;

    @TestHTTPResource("/lsp")
    URI lsp;

    @Test
    void everyRequestIsAnsweredAndEveryVersionPublishedInFiftySessions() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(SESSIONS);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int s = 0; s < SESSIONS; s++) {
                int session = s;
                results.add(clients.submit(() -> runSession(session)));
            }
            for (Future<int[]> r : results) {
                int[] counts = r.get(30, TimeUnit.MINUTES);
                assertEquals(EDITS, counts[0], "completions answered");
                assertEquals(EDITS, counts[1], "diagnostics versions published");
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private int[] runSession(int session) throws Exception {
        String uri = "inmemory://stress/s" + session + ".rego";
        try (LspSocketClient client = LspSocketClient.connect(lsp).initialized()) {
            client.notify("textDocument/didOpen", LspSocketClient.textDocument(uri, 0, module(0)));
            int answered = 0;
            int published = 0;
            for (int v = 1; v <= EDITS; v++) {
                client.notify("textDocument/didChange", LspSocketClient.change(uri, v, module(v)));
                CompletableFuture<JsonObject> completion = client.request("textDocument/completion",
                        LspSocketClient.position(uri, 5, 5));
                // this version's diagnostics; older ones may still arrive before it, never a newer one
                boolean seen = false;
                while (!seen) {
                    JsonObject n = client.nextNotification(SILENCE_SECONDS);
                    assertNotNull(n, "session " + session + " went silent waiting for the diagnostics of version " + v);
                    if (!"textDocument/publishDiagnostics".equals(n.get("method").getAsString())) continue;
                    JsonObject p = n.getAsJsonObject("params");
                    int version = p.get("version").getAsInt();
                    assertFalse(version > v, "diagnostics of a version not yet sent: " + version);
                    if (version == v) {
                        seen = true;
                        published++;
                        assertTrue(p.getAsJsonArray("diagnostics").toString().contains("v" + v),
                                "the diagnostics are those of version " + v + ": " + p);
                    }
                }
                JsonObject reply = completion.get(SILENCE_SECONDS, TimeUnit.SECONDS);
                assertTrue(reply.has("result") && !reply.get("result").isJsonNull(), reply.toString());
                answered++;
            }
            return new int[] {answered, published};
        }
    }

    /** A module whose lint finding names the version (an unused local), so stale diagnostics are told apart. */
    private static String module(int version) {
        return "package stress\n\nimport rego.v1\n\nallow if {\n\tv" + version + " := input.x\n\tinput.y == 1\n}\n";
    }
}
