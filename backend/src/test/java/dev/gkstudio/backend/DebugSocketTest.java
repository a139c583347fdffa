package dev.gkstudio.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** {@code /ws/debug}: a breakpoint in a helper function, stepping, variables, watches and the end of a session. */
@QuarkusTest
class DebugSocketTest {

    @TestHTTPResource("/ws/debug")
    URI uri;

    static Map<String, Object> start(int sample, List<Map<String, Object>> bps) {
        return Map.of("type", "start", "workspace", EvalSocketTest.workspace(EvalSocketTest.REGO, EvalSocketTest.SAMPLES),
                "sample", sample, "breakpoints", bps);
    }

    static JsonNode next(EvalClient c, String type) throws InterruptedException {
        JsonNode n = c.next();
        assertEquals(type, n.path("type").asText(), n.toString());
        return n;
    }

    @Test
    void breakpointInHelperThenStepOutWatchAndContinueToTheViolation() throws Exception {
        try (EvalClient c = new EvalClient(uri)) {
            // line 10 of REGO: startswith(image, input.parameters.repos[_]) in allowed(image)
            c.send(start(1, List.of(Map.of("module", "rego", "line", 10))));
            JsonNode stopped = next(c, "stopped");
            assertEquals("breakpoint", stopped.path("reason").asText());
            JsonNode top = stopped.path("frames").get(0);
            assertEquals("function data.k8sallowedrepos.allowed", top.path("name").asText());
            assertEquals("rego", top.path("module").asText());
            assertEquals(10, top.path("line").asInt());
            // the local bound in the helper, by the author's name
            c.send(Map.of("type", "variables", "id", 1, "ref", top.path("localsRef").asInt()));
            JsonNode vars = next(c, "variables");
            assertEquals("image", vars.path("children").get(0).path("name").asText(), vars.toString());
            assertEquals("\"nginx:1.27\"", vars.path("children").get(0).path("value").asText());
            // the sample line the bindings point at: "image: nginx:1.27" is line 19 of the samples
            assertEquals(19, stopped.path("sampleRange").path("startLine").asInt(), stopped.toString());

            c.send(Map.of("type", "watch", "id", 2, "expression", "input.parameters.repos[0]", "frame", 0));
            JsonNode watch = next(c, "watch");
            assertEquals("\"openpolicyagent/\"", watch.path("value").asText(), watch.toString());

            c.send(Map.of("type", "stepOut"));
            JsonNode out = next(c, "stopped");
            assertEquals("step", out.path("reason").asText());
            assertTrue(out.path("frames").get(0).path("name").asText().startsWith("rule data.k8sallowedrepos.violation"),
                    out.toString());

            c.send(Map.of("type", "continue"));
            JsonNode end = next(c, "terminated");
            assertEquals("container <nginx> has an invalid image repo <nginx:1.27>",
                    end.path("violations").get(0).asText(), end.toString());
            assertTrue(end.path("message").isNull());
        }
    }

    @Test
    void stopEndsTheSessionAndBadStartsAreExplained() throws Exception {
        try (EvalClient c = new EvalClient(uri)) {
            c.send(Map.of("type", "start", "workspace", EvalSocketTest.workspace("package x\nbroken {", EvalSocketTest.SAMPLES),
                    "sample", 0));
            JsonNode err = next(c, "error");
            assertTrue(err.path("message").asText().startsWith("cannot debug: the template has errors"), err.toString());

            c.send(start(1, List.of(Map.of("module", "rego", "line", 4))));
            next(c, "stopped");
            c.send(Map.of("type", "stop"));
            JsonNode end = next(c, "terminated");
            assertEquals("debug session stopped", end.path("message").asText());
        }
    }
}
