package dev.gkstudio.backend;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A minimal blocking websocket client over a plain socket, for what the JDK's client cannot do: send a whole message
 * as one frame whatever its size (as browsers do), send binary frames, and send the first message the instant the
 * handshake completes.
 */
final class RawWebSocket implements AutoCloseable {

    static final int TEXT = 1;
    static final int BINARY = 2;
    static final int CLOSE = 8;

    /** A received frame (continuations joined). */
    record Frame(int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The close code of a close frame. */
        int closeCode() {
            return payload.length < 2 ? 1005 : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawWebSocket(URI http, String origin) throws IOException {
        socket = new Socket(http.getHost(), http.getPort());
        socket.setSoTimeout(60_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        String request = "GET " + http.getRawPath() + " HTTP/1.1\r\nHost: " + http.getHost() + ":" + http.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(key) + "\r\n" + (origin == null ? "" : "Origin: " + origin + "\r\n") + "\r\n";
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String status = line();
        if (!status.contains(" 101 ")) {
            throw new IOException("handshake refused: " + status);
        }
        while (!line().isEmpty()) {
            // response headers
        }
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) throw new IOException("connection closed during the handshake");
            if (c != '\r') sb.append((char) c);
        }
        return sb.toString();
    }

    /** One frame with FIN set, masked as a client must. */
    void send(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 14);
        f.write(0x80 | opcode);
        if (payload.length < 126) {
            f.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            f.write(0x80 | 126);
            f.write(payload.length >>> 8);
            f.write(payload.length);
        } else {
            f.write(0x80 | 127);
            long n = payload.length;
            for (int i = 7; i >= 0; i--) f.write((int) (n >>> (8 * i)));
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        f.write(mask);
        byte[] masked = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) masked[i] = (byte) (payload[i] ^ mask[i & 3]);
        f.write(masked);
        out.write(f.toByteArray());
        out.flush();
    }

    void sendText(String text) throws IOException {
        send(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The next data or close frame (pings are skipped). */
    Frame next() throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        int opcode = -1;
        for (;;) {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            long len = b1 & 0x7f;
            if (len == 126) len = in.readUnsignedShort();
            else if (len == 127) len = in.readLong();
            byte[] payload = new byte[(int) len];
            in.readFully(payload);
            int op = b0 & 0x0f;
            if (op == 9 || op == 10) continue;
            if (op != 0) opcode = op;
            message.write(payload);
            if ((b0 & 0x80) != 0 || op == CLOSE) return new Frame(opcode, message.toByteArray());
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
