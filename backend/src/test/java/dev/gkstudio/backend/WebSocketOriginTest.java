package dev.gkstudio.backend;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Another web page cannot drive the Studio: a websocket handshake with a foreign {@code Origin} is refused with 403 on
 * both sockets; the Studio's own origin and clients without an {@code Origin} are served; the CSP lets pages connect
 * to the Studio's own host only.
 */
@QuarkusTest
class WebSocketOriginTest {

    @TestHTTPResource("/ws/eval")
    URI eval;

    @TestHTTPResource("/lsp")
    URI lsp;

    /** The handshake's HTTP status: 101 when the socket opened. */
    static int handshake(URI uri, String origin) {
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (origin != null) {
            b.header("Origin", origin);
        }
        try {
            WebSocket ws = b.buildAsync(URI.create(uri.toString().replaceFirst("^http", "ws")), new WebSocket.Listener() {
            }).join();
            ws.abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }

    @Test
    void foreignOriginsAreRefusedOnBothSockets() {
        for (URI uri : List.of(eval, lsp)) {
            for (String origin : List.of("http://evil.example", "https://evil.example:" + uri.getPort(),
                    "http://localhost.evil.example:" + uri.getPort(), "null", "file://", "http://localhost:1")) {
                assertEquals(403, handshake(uri, origin), uri + " with Origin " + origin);
            }
        }
    }

    @Test
    void theStudiosOwnOriginAndNonBrowserClientsAreServed() {
        for (URI uri : List.of(eval, lsp)) {
            assertEquals(101, handshake(uri, "http://localhost:" + uri.getPort()), uri.toString());
            assertEquals(101, handshake(uri, null), uri.toString());
        }
    }

    @Test
    void contentSecurityPolicyConnectsToTheStudioOnly() {
        String csp = given().get("/").then().statusCode(200).extract().header("Content-Security-Policy");
        assertTrue(csp.contains("connect-src 'self';"), csp);
        assertFalse(csp.matches("(?s).*connect-src[^;]*(ws:|wss:|\\*).*"), csp);
    }

    @Test
    void allowListNormalisesOrigins() {
        WebSocketOrigins o = new WebSocketOrigins(Optional.of(List.of("https://studio.example.com:443", "http://10.0.0.5:8080")));
        assertTrue(o.allows("https://studio.example.com", "proxy.internal:8080"));
        assertTrue(o.allows("http://10.0.0.5:8080", "other"));
        assertFalse(o.allows("http://studio.example.com", "proxy.internal:8080"), "scheme is part of the origin");
        assertTrue(o.allows("http://studio.example.com", "studio.example.com:80"), "same origin, default port");
        assertFalse(o.allows("http://studio.example.com/evil", "studio.example.com"));
    }
}
