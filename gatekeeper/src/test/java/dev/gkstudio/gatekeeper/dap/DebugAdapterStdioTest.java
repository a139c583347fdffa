package dev.gkstudio.gatekeeper.dap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code gkstudio debug-adapter} in a process of its own, driven over its stdin/stdout with raw DAP messages
 * (Content-Length framed JSON), as VS Code or nvim-dap would.
 */
class DebugAdapterStdioTest {
    static final String POLICY = """
            package k8s

            violation contains msg if {
            	some c in input.containers
            	not allowed(c.image)
            	msg := sprintf("image %v not allowed", [c.image])
            }

            allowed(image) if {
            	prefix := data.repos[_]
            	startswith(image, prefix)
            }

            test_denies_evil if {
            	count(violation) == 1 with input as {"containers": [{"image": "evil/x"}]} with data.repos as ["good/"]
            }
            """;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Process process;
    final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    final List<JsonNode> seen = new ArrayList<>();
    int seq = 1;

    @AfterEach
    void kill() {
        if (process != null) process.destroyForcibly();
    }

    void startAdapter() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "dev.gkstudio.gatekeeper.cli.Main", "debug-adapter")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Thread reader = new Thread(() -> read(process.getInputStream()), "dap-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(InputStream in) {
        try {
            while (true) {
                int length = -1;
                String line;
                while (!(line = header(in)).isEmpty()) {
                    if (line.startsWith("Content-Length:")) length = Integer.parseInt(line.substring(15).trim());
                }
                if (length < 0) return;
                byte[] body = in.readNBytes(length);
                received.add(JSON.readTree(body));
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private static String header(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') if (c != '\r') b.write(c);
        if (c == -1 && b.size() == 0) throw new IOException("eof");
        return b.toString(StandardCharsets.US_ASCII);
    }

    int send(String command, String arguments) throws IOException {
        int id = seq++;
        String msg = "{\"seq\":" + id + ",\"type\":\"request\",\"command\":\"" + command + "\",\"arguments\":"
                + arguments + "}";
        byte[] body = msg.getBytes(StandardCharsets.UTF_8);
        OutputStream out = process.getOutputStream();
        out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return id;
    }

    JsonNode await(String what, Predicate<JsonNode> p) throws InterruptedException {
        for (JsonNode n : seen) {
            if (p.test(n)) {
                seen.remove(n);
                return n;
            }
        }
        while (true) {
            JsonNode n = received.poll(30, TimeUnit.SECONDS);
            assertNotNull(n, "no " + what + " from the adapter; saw " + seen);
            if (p.test(n)) return n;
            seen.add(n);
        }
    }

    JsonNode response(int requestSeq) throws InterruptedException {
        JsonNode r = await("response to " + requestSeq, n -> "response".equals(n.path("type").asText())
                && n.path("request_seq").asInt() == requestSeq);
        assertTrue(r.path("success").asBoolean(), () -> "request failed: " + r);
        return r.path("body");
    }

    JsonNode event(String name) throws InterruptedException {
        return await(name + " event", n -> "event".equals(n.path("type").asText()) && name.equals(n.path("event").asText()))
                .path("body");
    }

    String path(String name) {
        return JSON.valueToTree(dir.resolve(name).toAbsolutePath().toString()).toString();
    }

    @Test
    void breakpointStackVariablesContinueTerminate() throws Exception {
        Files.writeString(dir.resolve("policy.rego"), POLICY);
        Files.writeString(dir.resolve("input.yaml"), "containers:\n- name: a\n  image: good/a\n- name: b\n  image: evil/b\n");
        Files.writeString(dir.resolve("data.json"), "{\"repos\": [\"good/\"]}");
        startAdapter();

        JsonNode caps = response(send("initialize", "{\"adapterID\":\"rego\",\"linesStartAt1\":true,\"columnsStartAt1\":true}"));
        assertTrue(caps.path("supportsConfigurationDoneRequest").asBoolean());
        assertTrue(caps.path("supportsConditionalBreakpoints").asBoolean());

        response(send("launch", "{\"policies\":[" + path("policy.rego") + "],\"input\":" + path("input.yaml")
                + ",\"data\":" + path("data.json") + ",\"query\":\"data.k8s.violation\"}"));
        event("initialized");

        JsonNode bps = response(send("setBreakpoints", "{\"source\":{\"path\":" + path("policy.rego")
                + "},\"breakpoints\":[{\"line\":11}]}"));
        assertTrue(bps.path("breakpoints").get(0).path("verified").asBoolean());
        response(send("configurationDone", "{}"));

        JsonNode stopped = event("stopped");
        assertEquals("breakpoint", stopped.path("reason").asText());
        assertEquals(1, stopped.path("threadId").asInt());

        JsonNode threads = response(send("threads", "{}"));
        assertEquals(1, threads.path("threads").get(0).path("id").asInt());

        JsonNode stack = response(send("stackTrace", "{\"threadId\":1}"));
        JsonNode top = stack.path("stackFrames").get(0);
        assertEquals("function data.k8s.allowed", top.path("name").asText());
        assertEquals(11, top.path("line").asInt());
        assertEquals(dir.resolve("policy.rego").toAbsolutePath().toString(), top.path("source").path("path").asText());
        boolean callerShown = false;
        for (JsonNode f : stack.path("stackFrames")) {
            callerShown |= f.path("name").asText().equals("rule data.k8s.violation") && f.path("line").asInt() == 5;
        }
        assertTrue(callerShown, stack.toString());

        JsonNode scopes = response(send("scopes", "{\"frameId\":" + top.path("id").asInt() + "}"));
        JsonNode locals = scopes.path("scopes").get(0);
        assertEquals("Locals", locals.path("name").asText());
        JsonNode vars = response(send("variables", "{\"variablesReference\":" + locals.path("variablesReference").asInt() + "}"));
        assertEquals("\"good/a\"", value(vars, "image"));
        assertEquals("\"good/\"", value(vars, "prefix"));

        // Input scope, opened one level and paged
        JsonNode input = scopes.path("scopes").get(1);
        JsonNode inputVars = response(send("variables", "{\"variablesReference\":" + input.path("variablesReference").asInt() + "}"));
        JsonNode containers = find(inputVars, "containers");
        assertEquals(2, containers.path("indexedVariables").asInt());
        JsonNode second = response(send("variables", "{\"variablesReference\":"
                + containers.path("variablesReference").asInt() + ",\"start\":1,\"count\":1}"));
        assertEquals(1, second.path("variables").size());
        assertEquals("1", second.path("variables").get(0).path("name").asText());

        JsonNode watch = response(send("evaluate", "{\"expression\":\"upper(image)\",\"frameId\":1,\"context\":\"watch\"}"));
        assertEquals("\"GOOD/A\"", watch.path("result").asText());

        response(send("continue", "{\"threadId\":1}"));
        event("stopped"); // second container, same breakpoint
        response(send("continue", "{\"threadId\":1}"));

        JsonNode output = event("output");
        assertTrue(output.path("output").asText().contains("image evil/b not allowed"), output.toString());
        event("terminated");
        assertEquals(0, event("exited").path("exitCode").asInt());
        response(send("disconnect", "{}"));
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), "adapter did not exit after disconnect");
    }

    @Test
    void unitTestByNameAndLaunchErrors() throws Exception {
        Files.writeString(dir.resolve("policy.rego"), POLICY);
        startAdapter();
        response(send("initialize", "{\"adapterID\":\"rego\"}"));
        int bad = send("launch", "{\"policies\":[" + path("missing.rego") + "],\"query\":\"data.x\"}");
        JsonNode err = await("launch error", n -> n.path("request_seq").asInt() == bad);
        assertFalse(err.path("success").asBoolean());
        assertTrue(err.toString().contains("policy file not found"), err.toString());

        response(send("launch", "{\"policies\":[" + path("policy.rego") + "],\"test\":\"test_denies_evil\",\"stopOnEntry\":true}"));
        response(send("configurationDone", "{}"));
        assertEquals("entry", event("stopped").path("reason").asText());
        response(send("continue", "{\"threadId\":1}"));
        assertTrue(event("output").path("output").asText().contains("test_denies_evil: PASS"));
        event("terminated");
        response(send("disconnect", "{}"));
        assertTrue(process.waitFor(20, TimeUnit.SECONDS));
    }

    private static JsonNode find(JsonNode vars, String name) {
        for (JsonNode v : vars.path("variables")) if (v.path("name").asText().equals(name)) return v;
        throw new AssertionError("no variable " + name + " in " + vars);
    }

    private static String value(JsonNode vars, String name) {
        return find(vars, name).path("value").asText();
    }
}
