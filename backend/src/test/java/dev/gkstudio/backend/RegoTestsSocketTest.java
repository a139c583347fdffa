package dev.gkstudio.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gkstudio.backend.eval.Workspace;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rego unit tests of a workspace (the Tests tab) and free queries (the Query box) over {@code /ws/eval}. */
@QuarkusTest
class RegoTestsSocketTest {

    @TestHTTPResource("/ws/eval")
    URI uri;

    static final String TESTS = """
            package k8sallowedrepos_test

            import rego.v1

            import data.k8sallowedrepos

            pod(image) := {"review": {"object": {"spec": {"containers": [{"name": "c", "image": image}]}}}, "parameters": {"repos": ["openpolicyagent/"]}}

            test_opa_image_is_allowed if {
            	count(k8sallowedrepos.violation) == 0 with input as pod("openpolicyagent/opa:1")
            }

            test_nginx_is_allowed_by_mistake if {
            	print("checking nginx")
            	count(k8sallowedrepos.violation) == 0 with input as pod("nginx:1")
            }
            """;

    static Workspace workspace(List<String> tests) {
        Workspace w = EvalSocketTest.workspace(EvalSocketTest.REGO, EvalSocketTest.SAMPLES);
        return new Workspace(w.template(), w.constraints(), w.samples(), w.inventory(), tests);
    }

    static JsonNode nextOfType(EvalClient client, String type) throws Exception {
        for (int i = 0; i < 10; i++) {
            JsonNode m = client.next();
            if (type.equals(m.get("type").asText())) return m;
        }
        throw new AssertionError("no " + type + " message");
    }

    @Test
    void testsRunWithEveryEvaluationAndReportPassFailWithPositions() throws Exception {
        try (EvalClient client = new EvalClient(uri)) {
            client.send(Map.of("type", "evaluate", "version", 3, "workspace", workspace(List.of(TESTS))));
            assertEquals("result", client.next().get("type").asText());
            JsonNode tests = client.next();
            assertEquals("tests", tests.get("type").asText(), tests.toString());
            assertEquals(3, tests.get("version").asLong());
            assertEquals(1, tests.get("passed").asInt());
            assertEquals(1, tests.get("failed").asInt());
            JsonNode pass = tests.get("tests").get(0);
            assertEquals("data.k8sallowedrepos_test.test_opa_image_is_allowed", pass.get("name").asText());
            assertEquals("pass", pass.get("status").asText());
            assertEquals("test:0", pass.get("rule").get("module").asText());
            assertEquals(9, pass.get("rule").get("line").asInt());
            JsonNode fail = tests.get("tests").get(1);
            assertEquals("fail", fail.get("status").asText());
            assertEquals(13, fail.get("rule").get("line").asInt());
            assertEquals("test:0", fail.get("failedAt").get("module").asText(), fail.toString());
            assertEquals(15, fail.get("failedAt").get("line").asInt(), fail.toString());
            assertEquals("checking nginx", fail.get("prints").get(0).asText());
            assertTrue(fail.get("trace").asText().contains("Fail "), fail.toString());

            // fixed: both pass
            client.send(Map.of("type", "evaluate", "version", 4,
                    "workspace", workspace(List.of(TESTS.replace("== 0 with input as pod(\"nginx:1\")", "== 1 with input as pod(\"nginx:1\")")))));
            JsonNode fixed = nextOfType(client, "tests");
            assertEquals(4, fixed.get("version").asLong());
            assertEquals(2, fixed.get("passed").asInt());
            assertEquals(0, fixed.get("failed").asInt());
        }
    }

    @Test
    void aWorkspaceWithoutTestsGetsNoTestsMessageAndBrokenTestsGetProblems() throws Exception {
        try (EvalClient client = new EvalClient(uri)) {
            client.send(Map.of("type", "evaluate", "version", 1, "workspace", workspace(List.of("package t\n\nimport rego.v1\n\ntest_x if {\n\tundefined_thing\n}\n"))));
            assertEquals("result", client.next().get("type").asText());
            JsonNode tests = client.next();
            assertEquals("tests", tests.get("type").asText());
            assertEquals(0, tests.get("tests").size());
            JsonNode problem = tests.get("problems").get(0);
            assertEquals("test:0", problem.get("source").asText(), problem.toString());
            assertEquals(6, problem.get("startLine").asInt(), problem.toString());
            assertTrue(problem.get("message").asText().contains("undefined_thing"), problem.toString());

            client.send(Map.of("type", "evaluate", "version", 2, "workspace", workspace(List.of())));
            assertEquals("result", client.next().get("type").asText());
            client.send(Map.of("type", "query", "id", 9, "text", "1 + 1"));
            // the next message answers the query: no tests message came in between
            assertEquals("query", client.next().get("type").asText());
        }
    }

    @Test
    void queryEvaluatesAgainstModulesAndTheSelectedSample() throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (EvalClient client = new EvalClient(uri)) {
            client.send(Map.of("type", "evaluate", "version", 1, "workspace", workspace(List.of(TESTS))));
            nextOfType(client, "tests");
            client.send(Map.of("type", "query", "id", 5, "sample", 1, "text",
                    "v := data.k8sallowedrepos.violation[_]; input.review.object.metadata.name"));
            JsonNode reply = nextOfType(client, "query");
            assertEquals(5, reply.get("id").asLong());
            assertTrue(reply.get("defined").asBoolean());
            JsonNode result = json.readTree(reply.get("result").asText()).get("result").get(0);
            assertEquals("bad", result.get("expressions").get(1).get("value").asText());
            assertEquals("container <nginx> has an invalid image repo <nginx:1.27>", result.get("bindings").get("v").get("msg").asText());

            client.send(Map.of("type", "query", "id", 6, "sample", 0, "text", "data.k8sallowedrepos.violation"));
            JsonNode empty = nextOfType(client, "query");
            JsonNode value = json.readTree(empty.get("result").asText()).get("result").get(0).get("expressions").get(0).get("value");
            assertEquals(0, value.size());

            client.send(Map.of("type", "query", "id", 7, "text", "x := 1; y"));
            JsonNode err = nextOfType(client, "query");
            assertNull(err.get("result").textValue());
            assertFalse(err.get("defined").asBoolean());
            JsonNode e = err.get("errors").get(0);
            assertEquals("rego_unsafe_var_error", e.get("code").asText());
            assertEquals("query", e.get("at").get("module").asText());
            assertEquals(9, e.get("at").get("column").asInt());
        }
    }
}
