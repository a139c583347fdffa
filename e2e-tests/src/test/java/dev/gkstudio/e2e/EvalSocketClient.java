package dev.gkstudio.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The benchmarks' client of a running Studio: a gallery workspace over REST, and {@code /ws/eval} sockets. */
final class EvalSocketClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EvalSocketClient() {
    }

    /** The workspace of a gallery policy, as the IDE opens it. */
    static JsonNode galleryWorkspace(HttpClient http, URI base, String id) throws Exception {
        String body = http.send(HttpRequest.newBuilder(base.resolve("api/gallery/" + id)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return JSON.readTree(body).get("workspace");
    }

    /**
     * Opens {@code /ws/eval} as the Studio's own page would (its {@code Origin}); each whole text message, however
     * many frames it came in, goes to {@code onMessage}.
     */
    static WebSocket open(HttpClient http, URI base, Consumer<String> onMessage, Duration timeout) throws Exception {
        StringBuilder partial = new StringBuilder();
        return http.newWebSocketBuilder()
                .header("Origin", base.toString().replaceAll("/$", ""))
                .buildAsync(URI.create(base.toString().replaceFirst("^http", "ws") + "ws/eval"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            String text = partial.toString();
                            partial.setLength(0);
                            onMessage.accept(text);
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
