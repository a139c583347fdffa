package dev.gkstudio.lsp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Bytes-level LSP over stdio (Content-Length framing) against {@link StdioLauncher}'s launcher, so that tests can
 * send what no typed client would: malformed JSON, ill-typed params, requests out of order.
 */
final class RawStdioClient implements AutoCloseable {

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final OutputStream toServer;
    private final LinkedBlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();

    /** A server in this JVM, over pipes. */
    RawStdioClient() throws IOException {
        PipedInputStream serverIn = new PipedInputStream(1 << 20);
        toServer = new PipedOutputStream(serverIn);
        PipedInputStream fromServer = new PipedInputStream(1 << 20);
        PipedOutputStream serverOut = new PipedOutputStream(fromServer);
        StudioLanguageServer server = new StudioLanguageServer(threads, code -> { });
        StdioLauncher.launcher(server, serverIn, serverOut, threads).startListening();
        threads.execute(() -> read(fromServer));
    }

    /** A server in another process: its stdin and stdout. */
    RawStdioClient(OutputStream stdin, InputStream stdout) {
        toServer = stdin;
        threads.execute(() -> read(stdout));
    }

    void send(String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        synchronized (toServer) {
            toServer.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            toServer.write(body);
            toServer.flush();
        }
    }

    /** The next message from the server, notifications included; fails the test after a minute of silence. */
    JsonObject next() throws InterruptedException {
        JsonObject m = received.poll(60, TimeUnit.SECONDS);
        if (m == null) throw new AssertionError("nothing from the server");
        return m;
    }

    /** The next message from the server that is not a notification; fails the test after a minute of silence. */
    JsonObject nextResponse() throws InterruptedException {
        while (true) {
            JsonObject m = received.poll(60, TimeUnit.SECONDS);
            if (m == null) throw new AssertionError("no answer from the server");
            if (!m.has("method")) return m;
        }
    }

    private void read(InputStream in) {
        try {
            while (true) {
                int length = -1;
                String line;
                while (!(line = header(in)).isEmpty()) {
                    if (line.toLowerCase().startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
                }
                byte[] body = in.readNBytes(length);
                if (body.length < length) return;
                received.add(JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject());
            }
        } catch (IOException | RuntimeException e) {
            // the pipe closed: the test is over
        }
    }

    private static String header(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) throw new IOException("end of stream");
            if (c != '\r') line.write(c);
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        toServer.close();
        threads.shutdown();
    }
}
