package dev.gkstudio.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The language server over the real /lsp websocket, as the browser speaks to it (raw JSON-RPC, one message per
 * frame): diagnostics of a ConstraintTemplate at the exact YAML range, and completion of Kubernetes fields.
 */
@QuarkusTest
class LanguageServerWebSocketTest {

    private static final String URI_TEMPLATE = "inmemory://studio/template.yaml";

    /** A template whose Rego has no violation rule: Gatekeeper's error sits on the package clause (line 12). */
    private static final String TEMPLATE = """
            apiVersion: templates.gatekeeper.sh/v1
            kind: ConstraintTemplate
            metadata:
              name: k8sdemo
            spec:
              crd:
                spec:
                  names:
                    kind: K8sDemo
              targets:
                - target: admission.k8s.gatekeeper.sh
                  rego: |
                    package k8sdemo

                    deny[msg] {
                      c := input.review.object.spec
                      msg := "x"
                    }
            """;

    @TestHTTPResource("/lsp")
    URI lsp;

    private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    private WebSocket socket;
    private int nextId = 1;

    @BeforeEach
    void connect() throws Exception {
        URI ws = URI.create(lsp.toString().replaceFirst("^http", "ws"));
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(ws, new Collector()).get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() {
        socket.abort();
    }

    @Test
    void templateDiagnosticsAtTheExactRangeAndKubernetesCompletion() throws Exception {
        JsonObject init = request("initialize", JsonParser.parseString("{\"capabilities\":{}}"));
        assertTrue(init.getAsJsonObject("result").getAsJsonObject("capabilities").has("completionProvider"));
        notify("initialized", new JsonObject());
        JsonObject item = new JsonObject();
        item.addProperty("uri", URI_TEMPLATE);
        item.addProperty("languageId", "yaml");
        item.addProperty("version", 1);
        item.addProperty("text", TEMPLATE);
        JsonObject open = new JsonObject();
        open.add("textDocument", item);
        notify("textDocument/didOpen", open);

        JsonObject gk = null;
        JsonObject published = diagnosticsFor(URI_TEMPLATE);
        gk = find(published.getAsJsonArray("diagnostics"), "gatekeeper");
        assertNotNull(gk, published.toString());
        assertNotNull(gk);
        assertEquals("invalid ConstraintTemplate: invalid rego: invalid module: missing required rules: [violation]",
                gk.get("message").getAsString());
        assertEquals(JsonParser.parseString("{\"start\":{\"line\":12,\"character\":8},\"end\":{\"line\":12,\"character\":23}}"),
                gk.get("range"));

        // completion after input.review.object.spec. (line 15, after the dot)
        String line = TEMPLATE.split("\n")[15] + ".";
        JsonObject params = JsonParser.parseString("{\"textDocument\":{\"uri\":\"" + URI_TEMPLATE + "\"},"
                + "\"position\":{\"line\":15,\"character\":" + line.length() + "}}").getAsJsonObject();
        // type the dot
        JsonObject change = new JsonObject();
        JsonObject id = new JsonObject();
        id.addProperty("uri", URI_TEMPLATE);
        id.addProperty("version", 2);
        change.add("textDocument", id);
        JsonArray changes = new JsonArray();
        JsonObject full = new JsonObject();
        full.addProperty("text", TEMPLATE.replace("spec\n", "spec.\n"));
        changes.add(full);
        change.add("contentChanges", changes);
        notify("textDocument/didChange", change);
        JsonObject completion = request("textDocument/completion", params);
        List<String> labels = new ArrayList<>();
        for (JsonElement e : completion.getAsJsonObject("result").getAsJsonArray("items")) {
            labels.add(e.getAsJsonObject().get("label").getAsString());
        }
        assertTrue(labels.contains("containers"), labels.toString());
    }

    private static JsonObject find(JsonArray diags, String source) {
        for (JsonElement e : diags) {
            if (source.equals(e.getAsJsonObject().get("source").getAsString())) return e.getAsJsonObject();
        }
        return null;
    }

    private JsonObject request(String method, JsonElement params) throws Exception {
        int id = nextId++;
        JsonObject m = new JsonObject();
        m.addProperty("jsonrpc", "2.0");
        m.addProperty("id", id);
        m.addProperty("method", method);
        m.add("params", params);
        socket.sendText(m.toString(), true).get(5, TimeUnit.SECONDS);
        while (true) {
            JsonObject reply = next();
            if (reply.has("id") && !reply.has("method") && reply.get("id").getAsInt() == id) return reply;
        }
    }

    private void notify(String method, JsonElement params) throws Exception {
        JsonObject m = new JsonObject();
        m.addProperty("jsonrpc", "2.0");
        m.addProperty("method", method);
        m.add("params", params);
        socket.sendText(m.toString(), true).get(5, TimeUnit.SECONDS);
    }

    private JsonObject diagnosticsFor(String uri) throws Exception {
        while (true) {
            JsonObject m = next();
            if ("textDocument/publishDiagnostics".equals(m.has("method") ? m.get("method").getAsString() : null)
                    && uri.equals(m.getAsJsonObject("params").get("uri").getAsString())) {
                return m.getAsJsonObject("params");
            }
        }
    }

    private JsonObject next() throws InterruptedException {
        JsonObject m = received.poll(15, TimeUnit.SECONDS);
        assertNotNull(m, "no message from the server");
        return m;
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(JsonParser.parseString(partial.toString()).getAsJsonObject());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
