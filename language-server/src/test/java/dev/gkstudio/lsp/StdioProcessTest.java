package dev.gkstudio.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The language server as a desktop editor runs it ({@code ./gkstudio lsp}): a separate process speaking LSP on
 * stdin/stdout. The workspace folder is read, so go-to-definition and workspace symbols reach a library the editor
 * never opened; shutdown and exit end the process with code 0.
 */
class StdioProcessTest {

    private static final String LIB = "package lib.helpers\n\nimport rego.v1\n\nis_pod(o) if o.kind == \"Pod\"\n";
    private static final String POLICY = "package k8s.policy\n\nimport rego.v1\n\nimport data.lib.helpers\n\n"
            + "violation contains {\"msg\": \"pod\"} if helpers.is_pod(input.review.object)\n";

    @TempDir
    Path folder;

    @Test
    void definitionsAndSymbolsCoverUnopenedFilesOfTheWorkspaceFolder() throws Exception {
        Files.createDirectories(folder.resolve("lib"));
        Files.writeString(folder.resolve("lib/helpers.rego"), LIB);
        Files.writeString(folder.resolve("policy.rego"), POLICY);
        String libUri = folder.resolve("lib/helpers.rego").toUri().toString();
        String policyUri = folder.resolve("policy.rego").toUri().toString();

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process server = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                StdioLauncher.class.getName(), "--stdio").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (RawStdioClient client = new RawStdioClient(server.getOutputStream(), server.getInputStream())) {
            client.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,"
                    + "\"rootUri\":\"" + folder.toUri() + "\",\"capabilities\":{}}}");
            JsonObject init = client.nextResponse();
            assertTrue(init.getAsJsonObject("result").getAsJsonObject("capabilities").get("definitionProvider").getAsBoolean());
            client.send("{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
            JsonObject open = new JsonObject();
            JsonObject item = new JsonObject();
            item.addProperty("uri", policyUri);
            item.addProperty("languageId", "rego");
            item.addProperty("version", 1);
            item.addProperty("text", POLICY);
            open.add("textDocument", item);
            client.send("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":" + open + "}");

            int line = 6;
            int character = POLICY.split("\n")[line].indexOf("is_pod") + 2;
            client.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"textDocument/definition\",\"params\":{\"textDocument\":"
                    + "{\"uri\":\"" + policyUri + "\"},\"position\":{\"line\":" + line + ",\"character\":" + character + "}}}");
            JsonArray definition = client.nextResponse().getAsJsonArray("result");
            assertEquals(1, definition.size(), definition.toString());
            assertEquals(libUri, definition.get(0).getAsJsonObject().get("uri").getAsString());
            assertEquals(4, definition.get(0).getAsJsonObject().getAsJsonObject("range").getAsJsonObject("start").get("line").getAsInt());

            client.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"workspace/symbol\",\"params\":{\"query\":\"is_pod\"}}");
            JsonArray symbols = client.nextResponse().getAsJsonArray("result");
            boolean inLib = false;
            for (JsonElement s : symbols) {
                JsonObject o = s.getAsJsonObject();
                if (o.get("name").getAsString().equals("is_pod")
                        && o.getAsJsonObject("location").get("uri").getAsString().equals(libUri)) inLib = true;
            }
            assertTrue(inLib, symbols.toString());

            client.send("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"shutdown\"}");
            assertTrue(client.nextResponse().has("result"));
            client.send("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
            assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server process did not end after exit");
            assertEquals(0, server.exitValue());
        } finally {
            server.destroyForcibly();
        }
    }
}
