package dev.gkstudio.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

/**
 * LSP 3.17's lifecycle and JSON-RPC's error codes over stdio, byte for byte as an editor would send them. The
 * same cases run over the websocket in the backend's {@code LspProtocolErrorsTest}.
 */
class ProtocolErrorsTest {

    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}";
    private static final String HOVER = "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"textDocument/hover\",\"params\":"
            + "{\"textDocument\":{\"uri\":\"inmemory://a.rego\"},\"position\":{\"line\":0,\"character\":0}}}";

    private RawStdioClient client;

    @BeforeEach
    void start() throws Exception {
        client = new RawStdioClient();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
    }

    @Test
    void aRequestBeforeInitializeIsRefusedWithServerNotInitialized() throws Exception {
        client.send(HOVER.formatted(7));
        assertError(client.nextResponse(), 7, -32002);

        client.send(INIT);
        JsonObject init = client.nextResponse();
        assertTrue(init.has("result"), init.toString());
    }

    @Test
    void aRequestAfterShutdownIsAnInvalidRequest() throws Exception {
        initialize();
        client.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}");
        assertTrue(client.nextResponse().has("result"));
        client.send(HOVER.formatted(3));
        assertError(client.nextResponse(), 3, -32600);
    }

    @Test
    void malformedJsonIsAnsweredWithAParseError() throws Exception {
        initialize();
        client.send("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"textDocument/hover\",\"params\":{");
        JsonObject reply = client.nextResponse();
        assertTrue(reply.get("id").isJsonNull(), "the id of unreadable JSON is unknown: " + reply);
        assertError(reply, -1, -32700);
        // and the connection still works
        client.send(HOVER.formatted(5));
        assertEquals(5, client.nextResponse().get("id").getAsInt());
    }

    @Test
    void paramsOfTheWrongShapeAreInvalidParamsInOneLine() throws Exception {
        initialize();
        client.send("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"textDocument/completion\",\"params\":"
                + "{\"textDocument\":{\"uri\":\"inmemory://a.rego\"},\"position\":\"here\"}}");
        JsonObject wrongType = client.nextResponse();
        assertError(wrongType, 6, -32602);
        assertTrue(message(wrongType).contains("textDocument/completion"), wrongType.toString());

        client.send("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"textDocument/definition\",\"params\":{}}");
        JsonObject missing = client.nextResponse();
        assertError(missing, 8, -32602);
        assertTrue(message(missing).contains("textDocument"), missing.toString());
    }

    @Test
    void unsupportedMethodsAreMethodNotFound() throws Exception {
        initialize();
        String doc = "{\"textDocument\":{\"uri\":\"inmemory://a.rego\"}}";
        // codeLens is implemented (Run test / Run all tests): it answers instead of "method not found"
        client.send("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"textDocument/codeLens\",\"params\":" + doc + "}");
        assertFalse(client.nextResponse().has("error"));
        client.send("{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"textDocument/documentLink\",\"params\":" + doc + "}");
        assertError(client.nextResponse(), 11, -32601);
        client.send("{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"workspace/executeCommand\",\"params\":{\"command\":\"x\"}}");
        assertError(client.nextResponse(), 12, -32601);
        client.send("{\"jsonrpc\":\"2.0\",\"id\":13,\"method\":\"gatekeeper/noSuchThing\",\"params\":{}}");
        assertError(client.nextResponse(), 13, -32601);
    }

    private void initialize() throws Exception {
        client.send(INIT);
        client.nextResponse();
        client.send("{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
    }

    /** The code, and a message fit to show: one line, no Java stack trace, nothing in {@code data} either. */
    static void assertError(JsonObject reply, int id, int code) {
        assertTrue(reply.has("error"), reply.toString());
        if (id >= 0) assertEquals(id, reply.get("id").getAsInt(), reply.toString());
        JsonObject error = reply.getAsJsonObject("error");
        assertEquals(code, error.get("code").getAsInt(), reply.toString());
        String message = error.get("message").getAsString();
        assertFalse(message.isBlank(), reply.toString());
        assertFalse(message.contains("\n"), "one line: " + message);
        assertFalse(reply.toString().matches("(?s).*\\bat [a-z]+\\.[\\w.$]+\\(.*"), "no stack trace: " + reply);
        assertFalse(error.has("data") && error.get("data").toString().contains("Exception"), "no stack trace: " + reply);
    }

    private static String message(JsonObject reply) {
        return reply.getAsJsonObject("error").get("message").getAsString();
    }
}
