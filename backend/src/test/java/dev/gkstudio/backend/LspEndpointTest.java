package dev.gkstudio.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Speaks raw JSON-RPC to /lsp the way the browser does: one message per text frame. */
@QuarkusTest
class LspEndpointTest {

    @TestHTTPResource("/lsp")
    URI lsp;

    private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closedWith = new CompletableFuture<>();
    private WebSocket socket;

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
    void initializeAnswersWithServerInfo() throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}");

        JsonObject reply = next();
        assertEquals(1, reply.get("id").getAsInt());
        JsonObject result = reply.getAsJsonObject("result");
        assertEquals("gatekeeper-studio", result.getAsJsonObject("serverInfo").get("name").getAsString());
        assertEquals(1, result.getAsJsonObject("capabilities").get("textDocumentSync").getAsInt(),
                "full text sync");
    }

    @Test
    void aLargeDocumentFitsInOneFrame() throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}");
        next();
        send("{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
        String text = "# padding\\n".repeat(200_000);
        send("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":"
                + "{\"uri\":\"inmemory://studio/big.rego\",\"languageId\":\"rego\",\"version\":1,\"text\":\""
                + text + "\"}}}");
        send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}");

        JsonObject reply = next();
        while (reply.has("method")) {
            reply = next(); // the server publishes the document's diagnostics meanwhile
        }
        assertEquals(2, reply.get("id").getAsInt());
        assertTrue(reply.has("result") && !reply.has("error"), reply.toString());
    }

    @Test
    void anOversizeMessageClosesTheSessionWithCode1009() throws Exception {
        String text = "x".repeat(LspEndpoint.MAX_MESSAGE_CHARS + 1);
        String message = "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":"
                + "{\"uri\":\"inmemory://studio/huge.rego\",\"languageId\":\"rego\",\"version\":1,\"text\":\""
                + text + "\"}}}";
        // in fragments, stopping once the server has closed: its close frame is read rather than lost behind a
        // write failing on the closed connection
        int step = 256 << 10;
        for (int at = 0; at < message.length() && !closedWith.isDone(); at += step) {
            int end = Math.min(message.length(), at + step);
            try {
                socket.sendText(message.substring(at, end), end == message.length()).get(10, TimeUnit.SECONDS);
                Thread.sleep(10); // time for the server's close frame to arrive before the next write
            } catch (java.util.concurrent.ExecutionException e) {
                break; // the server closed meanwhile
            }
        }
        assertEquals(1009, closedWith.get(30, TimeUnit.SECONDS));
    }

    @Test
    void exitAfterShutdownClosesTheSessionNormally() throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}");
        next();
        send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}");
        next();
        send("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");

        assertEquals(WebSocket.NORMAL_CLOSURE, closedWith.get(10, TimeUnit.SECONDS));
    }

    private void send(String message) throws Exception {
        socket.sendText(message, true).get(10, TimeUnit.SECONDS);
    }

    private JsonObject next() throws InterruptedException {
        JsonObject message = received.poll(10, TimeUnit.SECONDS);
        assertTrue(message != null, "no reply from /lsp within 10 s");
        return message;
    }

    /** Joins the frames of each text message and queues it parsed. */
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
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedWith.complete(statusCode);
            return null;
        }
    }
}
