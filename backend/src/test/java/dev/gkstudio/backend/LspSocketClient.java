package dev.gkstudio.backend;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A small LSP client over {@code /lsp} as a browser speaks it (raw JSON-RPC, one message per text frame): requests
 * are matched to their answers by id, everything the server sends on its own (notifications) is queued.
 */
final class LspSocketClient implements AutoCloseable {

    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
    private final BlockingQueue<JsonObject> notifications = new LinkedBlockingQueue<>();
    private final BlockingQueue<JsonObject> unmatched = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final AtomicInteger nextId = new AtomicInteger(1);

    private LspSocketClient(URI http) throws Exception {
        URI ws = URI.create(http.toString().replaceFirst("^http", "ws"));
        socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(ws, new Listener()).get(30, TimeUnit.SECONDS);
    }

    static LspSocketClient connect(URI lsp) throws Exception {
        return new LspSocketClient(lsp);
    }

    /** initialize + initialized, as every client starts. */
    LspSocketClient initialized() throws Exception {
        request("initialize", JsonParser.parseString("{\"capabilities\":{}}")).get(60, TimeUnit.SECONDS);
        notify("initialized", new JsonObject());
        return this;
    }

    CompletableFuture<JsonObject> request(String method, JsonElement params) {
        int id = nextId.getAndIncrement();
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        pending.put(id, answer);
        JsonObject m = new JsonObject();
        m.addProperty("jsonrpc", "2.0");
        m.addProperty("id", id);
        m.addProperty("method", method);
        if (params != null) m.add("params", params);
        sendRaw(m.toString());
        return answer;
    }

    void notify(String method, JsonElement params) {
        JsonObject m = new JsonObject();
        m.addProperty("jsonrpc", "2.0");
        m.addProperty("method", method);
        if (params != null) m.add("params", params);
        sendRaw(m.toString());
    }

    /** Sends any text as one frame; the JDK allows one send in flight, so sends are serialised here. */
    synchronized void sendRaw(String text) {
        socket.sendText(text, true).join();
    }

    /** The next answer no request of this client is waiting for (e.g. to malformed input), or null. */
    JsonObject nextUnmatched(long seconds) throws InterruptedException {
        return unmatched.poll(seconds, TimeUnit.SECONDS);
    }

    /** The next notification from the server, or null when none came within the time (a hang guard). */
    JsonObject nextNotification(long seconds) throws InterruptedException {
        return notifications.poll(seconds, TimeUnit.SECONDS);
    }

    CompletableFuture<Integer> closed() {
        return closed;
    }

    static JsonObject textDocument(String uri, int version, String text) {
        JsonObject td = new JsonObject();
        td.addProperty("uri", uri);
        td.addProperty("languageId", uri.endsWith(".rego") ? "rego" : "yaml");
        td.addProperty("version", version);
        td.addProperty("text", text);
        JsonObject p = new JsonObject();
        p.add("textDocument", td);
        return p;
    }

    static JsonObject change(String uri, int version, String text) {
        return JsonParser.parseString("{\"textDocument\":{\"uri\":\"" + uri + "\",\"version\":" + version
                + "},\"contentChanges\":[" + jsonText(text) + "]}").getAsJsonObject();
    }

    static JsonObject position(String uri, int line, int character) {
        return JsonParser.parseString("{\"textDocument\":{\"uri\":\"" + uri + "\"},\"position\":{\"line\":" + line
                + ",\"character\":" + character + "}}").getAsJsonObject();
    }

    private static String jsonText(String text) {
        JsonObject o = new JsonObject();
        o.addProperty("text", text);
        return o.toString();
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonObject m = JsonParser.parseString(partial.toString()).getAsJsonObject();
                partial.setLength(0);
                if (m.has("method")) {
                    notifications.add(m);
                } else {
                    CompletableFuture<JsonObject> f = m.has("id") && m.get("id").isJsonPrimitive()
                            && m.get("id").getAsJsonPrimitive().isNumber() ? pending.remove(m.get("id").getAsInt()) : null;
                    if (f != null) f.complete(m);
                    else unmatched.add(m);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
