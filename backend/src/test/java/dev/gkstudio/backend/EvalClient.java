package dev.gkstudio.backend;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/** A raw JSON client of {@code /ws/eval} (the JDK's websocket), for tests. */
final class EvalClient implements AutoCloseable {

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final java.util.concurrent.CompletableFuture<String> closed = new java.util.concurrent.CompletableFuture<>();

    EvalClient(URI uri) {
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(uri.toString().replaceFirst("^http", "ws")), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            try {
                                received.add(EvalProtocol.JSON.readTree(partial.toString()));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            partial.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                        closed.complete(statusCode + " " + reason);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket ws, Throwable error) {
                        closed.complete("error " + error);
                    }
                }).join();
    }

    void send(Object message) throws Exception {
        socket.sendText(EvalProtocol.JSON.writeValueAsString(message), true).join();
    }

    JsonNode next() throws InterruptedException {
        return next(20);
    }

    JsonNode next(int seconds) throws InterruptedException {
        JsonNode n = received.poll(seconds, TimeUnit.SECONDS);
        if (n == null) {
            throw new AssertionError("no message within " + seconds + " s");
        }
        return n;
    }

    void sendRaw(String text) {
        socket.sendText(text, true).join();
    }

    /**
     * Sends one message in fragments and stops as soon as the server has closed the socket, so that its close frame
     * is read rather than lost behind a write failing on the closed connection.
     */
    void sendFragmentsUntilClosed(String text, int fragmentChars) {
        for (int at = 0; at < text.length() && !closed.isDone(); at += fragmentChars) {
            int end = Math.min(text.length(), at + fragmentChars);
            try {
                socket.sendText(text.substring(at, end), end == text.length()).join();
                Thread.sleep(10); // time for the server's close frame to arrive before the next write
                if (end > EvalSocket.MAX_MESSAGE_CHARS) {
                    // past the limit the server must close: on a loaded machine its close frame can take longer than
                    // the pause above, and a write racing it ends in a broken pipe instead of the close code
                    try {
                        closed.get(10, TimeUnit.SECONDS);
                    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                        // not closed: keep sending, the test then fails on the missing close code
                    }
                }
            } catch (java.util.concurrent.CompletionException e) {
                return; // the server closed meanwhile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The close code and reason the server closed with. */
    String closeReason(int seconds) throws Exception {
        return closed.get(seconds, TimeUnit.SECONDS);
    }

    /** Drops the connection without a closing handshake, as a crashed browser or a lost network does. */
    void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!closed.isDone() && !socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
            } catch (RuntimeException e) {
                // already closed by the server
            }
        }
        // wait for the server's side of the closing handshake (so it has run its close handler), then release the
        // connection rather than leave the server writing to a client that no longer reads
        try {
            closed.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // no answer: abort anyway
        }
        socket.abort();
    }
}
