package dev.gkstudio.backend;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * DNS rebinding: a loopback Studio answers only to loopback host names and the configured ones — pages, API and
 * websocket handshakes alike; a Studio bound to all interfaces answers to any name unless a list is configured.
 */
@QuarkusTest
class HostAllowListTest {

    @TestHTTPResource("/")
    URI root;

    @Test
    void aLoopbackStudioAnswersToLoopbackNamesAndTheListedOnes() {
        HostAllowList hosts = new HostAllowList("127.0.0.1", Optional.empty());
        for (String ok : List.of("localhost", "localhost:8080", "LOCALHOST:8080", "127.0.0.1:8080", "127.1.2.3",
                "[::1]:8080", "studio.localhost:8080")) {
            assertTrue(hosts.allows(ok), ok);
        }
        for (String bad : List.of("evil.example", "evil.example:8080", "localhost.evil.example:8080", "127.0.0.1.nip.io",
                "10.0.0.5:8080", "[::2]:8080", "")) {
            assertFalse(hosts.allows(bad), bad);
        }
        HostAllowList listed = new HostAllowList("localhost", Optional.of(List.of("studio.internal", "Box:9000")));
        assertTrue(listed.allows("studio.internal:8080"));
        assertTrue(listed.allows("box"));
        assertTrue(listed.allows("localhost:8080"));
        assertFalse(listed.allows("evil.example"));
        assertTrue(new HostAllowList("127.0.0.1", Optional.of(List.of("*"))).allows("evil.example"));
    }

    @Test
    void aStudioOnAllInterfacesAnswersToAnyNameUnlessAListIsConfigured() {
        assertTrue(new HostAllowList("0.0.0.0", Optional.empty()).allows("studio.example.com"));
        assertTrue(new HostAllowList("::", Optional.empty()).allows("studio.example.com"));
        HostAllowList listed = new HostAllowList("0.0.0.0", Optional.of(List.of("studio.example.com")));
        assertTrue(listed.allows("studio.example.com:443"));
        assertFalse(listed.allows("evil.example"));
    }

    /** The status line of a raw HTTP/1.1 request with this Host header (HttpClient refuses to set Host). */
    private int status(String path, String host, String extraHeaders) throws Exception {
        try (Socket s = new Socket(root.getHost(), root.getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + extraHeaders + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int c; (c = in.read()) != -1 && c != '\n'; ) {
                line.write(c);
            }
            String[] parts = line.toString(StandardCharsets.US_ASCII).split(" ");
            return Integer.parseInt(parts[1]);
        }
    }

    @Test
    void aRebindingPageGetsNeitherPagesNorApiNorSockets() throws Exception {
        String evil = "evil.example:" + root.getPort();
        String upgrade = "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: http://" + evil + "\r\n";
        for (String path : List.of("/", "/api/gallery", "/q/health")) {
            assertTrue(status(path, evil, "") == 403, path);
        }
        assertTrue(status("/ws/eval", evil, upgrade) == 403, "websocket");
        assertTrue(status("/", "localhost:" + root.getPort(), "") == 200);
        assertTrue(status("/api/gallery", "127.0.0.1:" + root.getPort(), "") == 200);
    }
}
