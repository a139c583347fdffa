package dev.gkstudio.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What browsers do that the JDK's client does not: a first message the instant the socket opens (200 sockets, every
 * one answered), whole messages of 1 MiB in a single frame (both sockets), binary frames (closed with 1003); and
 * protocol errors worded in the protocol's terms.
 */
@QuarkusTest
class EvalSocketBurstTest {

    @TestHTTPResource("/ws/eval")
    URI eval;

    @TestHTTPResource("/lsp")
    URI lsp;

    static String json(Object o) throws Exception {
        return EvalProtocol.JSON.writeValueAsString(o);
    }

    @Test
    void everyFirstMessageOf200FreshSocketsIsAnswered() throws Exception {
        String first = json(Map.of("type", "evaluate", "version", 1, "workspace", Map.of()));
        List<RawWebSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                RawWebSocket s = new RawWebSocket(eval, null);
                sockets.add(s);
                s.sendText(first); // right after the handshake, as the browser does on open
            }
            int answered = 0;
            for (RawWebSocket s : sockets) {
                RawWebSocket.Frame f = s.next();
                assertEquals(RawWebSocket.TEXT, f.opcode(), "socket " + answered + " closed: " + f.closeCode());
                JsonNode reply = EvalProtocol.JSON.readTree(f.text());
                assertEquals("result", reply.get("type").asText(), reply.toString());
                assertEquals(1, reply.get("version").asInt());
                answered++;
            }
            assertEquals(200, answered);
        } finally {
            for (RawWebSocket s : sockets) s.close();
        }
    }

    @Test
    void aOneMebibyteEditorFitsInOneFrameOnBothSockets() throws Exception {
        String pad = "# a comment line of the samples editor\n".repeat((1 << 20) / 40); // just under 1 MiB
        String message = json(Map.of("type", "evaluate", "version", 3, "workspace",
                EvalSocketTest.workspace(EvalSocketTest.REGO, pad + EvalSocketTest.SAMPLES)));
        assertTrue(message.length() > 1_000_000);
        try (RawWebSocket s = new RawWebSocket(eval, null)) {
            s.sendText(message);
            RawWebSocket.Frame f = s.next();
            assertEquals(RawWebSocket.TEXT, f.opcode(), "closed with " + f.closeCode());
            assertEquals("result", EvalProtocol.JSON.readTree(f.text()).get("type").asText());
        }
        String rpc = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{},"
                + "\"initializationOptions\":{\"pad\":\"" + "x".repeat(1 << 20) + "\"}}}";
        try (RawWebSocket s = new RawWebSocket(lsp, null)) {
            s.sendText(rpc);
            RawWebSocket.Frame f = s.next();
            assertEquals(RawWebSocket.TEXT, f.opcode(), "closed with " + f.closeCode());
            assertTrue(f.text().contains("\"id\":1") && f.text().contains("\"result\""), f.text());
        }
    }

    @Test
    void binaryFramesAreClosedWith1003OnBothSockets() throws Exception {
        for (URI uri : List.of(eval, lsp)) {
            try (RawWebSocket s = new RawWebSocket(uri, null)) {
                s.send(RawWebSocket.BINARY, new byte[] {1, 2, 3});
                RawWebSocket.Frame f = s.next();
                assertEquals(RawWebSocket.CLOSE, f.opcode(), uri.toString());
                assertEquals(1003, f.closeCode(), uri + ": " + f.text());
            }
        }
    }

    @Test
    void protocolErrorsNameFieldsAndJsonTypesNotJavaClasses() throws Exception {
        try (EvalClient client = new EvalClient(eval)) {
            client.sendRaw("{\"type\":\"evaluate\",\"version\":\"seven\",\"workspace\":{}}");
            String m = client.next().get("message").asText();
            assertEquals("unreadable message: \"version\" must be a whole number", m);
            client.sendRaw("{\"type\":\"evaluate\",\"version\":1,\"workspace\":{\"template\":{\"libs\":\"x\"}}}");
            m = client.next().get("message").asText();
            assertTrue(m.startsWith("unreadable message: \"workspace.template.libs\" must be"), m);
            client.sendRaw("[1,2]");
            m = client.next().get("message").asText();
            client.sendRaw("{\"type\": ");
            String syntax = client.next().get("message").asText();
            for (String text : List.of(m, syntax)) {
                assertTrue(text.startsWith("unreadable message"), text);
                assertFalse(text.matches("(?s).*(java\\.|\\$|EvalProtocol|Request|Workspace|Long|Integer|`).*"), text);
            }
        }
    }
}
