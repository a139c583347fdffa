package dev.gkstudio.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LSP 3.17's lifecycle and JSON-RPC's error codes over {@code /lsp}, as a browser would meet them (the same cases
 * run over stdio in the language server's {@code ProtocolErrorsTest}).
 */
@QuarkusTest
class LspProtocolErrorsTest {

    private static final String HOVER = "{\"textDocument\":{\"uri\":\"inmemory://a.rego\"},\"position\":{\"line\":0,\"character\":0}}";

    @TestHTTPResource("/lsp")
    URI lsp;

    private LspSocketClient client;

    @BeforeEach
    void connect() throws Exception {
        client = LspSocketClient.connect(lsp);
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void requestsBeforeInitializeAndAfterShutdownAreRefused() throws Exception {
        assertError(answer("textDocument/hover", HOVER), -32002);
        client.initialized();
        assertTrue(answer("shutdown", null).has("result"));
        assertError(answer("textDocument/hover", HOVER), -32600);
    }

    @Test
    void malformedJsonGetsAParseErrorAndTheSessionGoesOn() throws Exception {
        client.initialized();
        client.sendRaw("{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"textDocument/hover\",\"params\":{");
        JsonObject reply = client.nextUnmatched(60);
        assertNotNull(reply, "no answer to malformed JSON");
        assertTrue(reply.get("id").isJsonNull(), reply.toString());
        assertError(reply, -32700);
        assertTrue(answer("textDocument/hover", HOVER).has("result"));
    }

    @Test
    void badParamsAreInvalidParamsInOneLine() throws Exception {
        client.initialized();
        JsonObject reply = answer("textDocument/completion", "{\"textDocument\":{\"uri\":\"inmemory://a.rego\"},\"position\":[1]}");
        assertError(reply, -32602);
        assertTrue(reply.getAsJsonObject("error").get("message").getAsString().contains("textDocument/completion"), reply.toString());
        assertError(answer("textDocument/references", "{\"position\":{\"line\":0,\"character\":0}}"), -32602);
    }

    @Test
    void unsupportedMethodsAreMethodNotFound() throws Exception {
        client.initialized();
        assertError(answer("textDocument/documentLink", "{\"textDocument\":{\"uri\":\"inmemory://a.rego\"}}"), -32601);
        assertError(answer("workspace/executeCommand", "{\"command\":\"gatekeeper.anything\"}"), -32601);
    }

    private JsonObject answer(String method, String params) throws Exception {
        return client.request(method, params == null ? null : JsonParser.parseString(params)).get(60, TimeUnit.SECONDS);
    }

    /** The code and a message fit to show: one line, no Java stack trace anywhere in the answer. */
    private static void assertError(JsonObject reply, int code) {
        assertTrue(reply.has("error"), reply.toString());
        JsonObject error = reply.getAsJsonObject("error");
        assertEquals(code, error.get("code").getAsInt(), reply.toString());
        String message = error.get("message").getAsString();
        assertFalse(message.isBlank() || message.contains("\n"), "one line: " + reply);
        assertFalse(reply.toString().matches("(?s).*\\bat [a-z]+\\.[\\w.$]+\\(.*"), "no stack trace: " + reply);
        assertFalse(error.has("data") && error.get("data").toString().contains("Exception"), "no stack trace: " + reply);
    }
}
