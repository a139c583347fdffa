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

import dev.gkstudio.backend.eval.Workspace;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class EvalSocketTest {

    @TestHTTPResource("/ws/eval")
    URI uri;

    static final String REGO = """
            package k8sallowedrepos

            violation[{"msg": msg, "details": {"image": container.image}}] {
              container := input.review.object.spec.containers[_]
              not allowed(container.image)
              msg := sprintf("container <%v> has an invalid image repo <%v>", [container.name, container.image])
            }

            allowed(image) {
              startswith(image, input.parameters.repos[_])
            }
            """;

    static final String SCHEMA = """
            type: object
            properties:
              repos:
                type: array
                items:
                  type: string
            """;

    static final String CONSTRAINT = """
            apiVersion: constraints.gatekeeper.sh/v1beta1
            kind: K8sAllowedRepos
            metadata:
              name: only-opa
            spec:
              match:
                kinds:
                  - apiGroups: [""]
                    kinds: ["Pod"]
              parameters:
                repos: ["openpolicyagent/"]
            """;

    static final String SAMPLES = """
            # expect: allowed
            apiVersion: v1
            kind: Pod
            metadata:
              name: good
            spec:
              containers:
                - name: opa
                  image: openpolicyagent/opa:0.9.2
            ---
            # expect: 1 violation /invalid image repo/
            apiVersion: v1
            kind: Pod
            metadata:
              name: bad
            spec:
              containers:
                - name: nginx
                  image: nginx:1.27
            """;

    static Workspace workspace(String rego, String samples) {
        return new Workspace(new Workspace.Template(rego, List.of(), "v0", "K8sAllowedRepos", "k8sallowedrepos", SCHEMA,
                null), CONSTRAINT, samples, "");
    }

    static Map<String, Object> evaluate(long version, Workspace w) {
        return Map.of("type", "evaluate", "version", version, "workspace", w);
    }

    @Test
    void aSampleNoConstraintMatchesIsNotMatchedWithTheReason() throws Exception {
        String samples = SAMPLES + """
                ---
                # expect: allowed
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                """;
        try (EvalClient client = new EvalClient(uri)) {
            client.send(evaluate(1, workspace(REGO, samples)));
            JsonNode sample = client.next().get("samples").get(2);
            assertEquals("not-matched", sample.get("status").asText(), sample.toString());
            assertEquals("K8sAllowedRepos/only-opa", sample.get("notMatched").get(0).get("constraint").asText());
            assertEquals("kind ConfigMap is not in spec.match.kinds", sample.get("notMatched").get(0).get("reason").asText());
            assertEquals(0, sample.get("matched").size());
            // Gatekeeper admits it: an "allowed" expectation holds
            assertTrue(sample.get("expectationsMet").asBoolean(), sample.toString());
        }
    }

    @Test
    void aViolationComesBackWithItsVersion() throws Exception {
        try (EvalClient client = new EvalClient(uri)) {
            client.send(evaluate(1, workspace(REGO, SAMPLES)));
            JsonNode result = client.next();
            assertEquals("result", result.get("type").asText(), result.toString());
            assertEquals(1, result.get("version").asLong());
            assertTrue(result.get("templateOk").asBoolean(), result.toString());
            JsonNode samples = result.get("samples");
            assertEquals(2, samples.size());
            assertEquals("allowed", samples.get(0).get("status").asText());
            assertEquals("violated", samples.get(1).get("status").asText(), samples.get(1).toString());
            JsonNode violation = samples.get(1).get("violations").get(0);
            assertEquals("container <nginx> has an invalid image repo <nginx:1.27>", violation.get("message").asText());
            assertEquals("K8sAllowedRepos/only-opa", violation.get("constraint").asText());
            assertEquals("deny", violation.get("enforcementAction").asText());
            assertEquals("nginx:1.27", violation.get("details").get("image").asText());
            // the image line of the second document: "image: nginx:1.27" is line 19 of the samples
            assertEquals(19, violation.get("sampleRange").get("startLine").asInt(), violation.toString());
            assertEquals(3, violation.get("rule").get("startLine").asInt());
            assertTrue(samples.get(0).get("expectationsMet").asBoolean());
            assertTrue(samples.get(1).get("expectationsMet").asBoolean());
            assertTrue(result.get("generated").get("suite").asText().contains("violations: 1"));
            assertTrue(result.get("generated").get("crd").asText().contains("k8sallowedrepos.constraints.gatekeeper.sh"));
        }
    }

    @Test
    void editsDuringAnEvaluationAreCoalescedAndNeverReturnedOutOfOrder() throws Exception {
        try (EvalClient client = new EvalClient(uri)) {
            int edits = 40;
            for (int v = 1; v <= edits; v++) {
                // every other version has no violation rule body match: results differ per version
                String rego = v % 2 == 0 ? REGO : REGO.replace("not allowed(", "allowed(");
                client.send(evaluate(v, workspace(rego, SAMPLES)));
            }
            List<Long> versions = new ArrayList<>();
            JsonNode last;
            do {
                last = client.next();
                assertEquals("result", last.get("type").asText(), last.toString());
                versions.add(last.get("version").asLong());
            } while (last.get("version").asLong() < edits);
            for (int i = 1; i < versions.size(); i++) {
                assertTrue(versions.get(i) > versions.get(i - 1), "versions out of order: " + versions);
            }
            assertTrue(versions.size() < edits, "nothing was coalesced: " + versions);
            // the newest version's result reflects the newest text (v=40: the original rule)
            assertEquals("violated", last.get("samples").get(1).get("status").asText());
        }
    }

    @Test
    void regoSyntaxErrorsComeBackWithTheirPosition() throws Exception {
        String broken = REGO.replace("  container := input", "  container := := input");
        try (EvalClient client = new EvalClient(uri)) {
            client.send(evaluate(5, workspace(broken, SAMPLES)));
            JsonNode result = client.next();
            assertFalse(result.get("templateOk").asBoolean());
            JsonNode problem = result.get("problems").get(0);
            assertEquals("rego", problem.get("source").asText(), problem.toString());
            assertEquals(4, problem.get("startLine").asInt(), problem.toString());
            assertEquals("error", result.get("samples").get(0).get("status").asText());
            assertFalse(problem.get("message").asText().contains("Exception"), problem.toString());
        }
    }

    @Test
    void constraintSchemaErrorsPointIntoTheConstraint() throws Exception {
        Workspace w = workspace(REGO, SAMPLES);
        w = new Workspace(w.template(), CONSTRAINT.replace("repos: [\"openpolicyagent/\"]", "repos: 7"), w.samples(), "");
        try (EvalClient client = new EvalClient(uri)) {
            client.send(evaluate(1, w));
            JsonNode result = client.next();
            JsonNode problem = result.get("problems").get(0);
            assertEquals("constraint", problem.get("source").asText(), result.toString());
            assertTrue(problem.get("message").asText().contains("repos"), problem.toString());
            assertTrue(problem.get("startLine").asInt() > 0, problem.toString());
        }
    }

    @Test
    void updateAdmissionReviewsAreEvaluated() throws Exception {
        String review = """
                apiVersion: admission.k8s.io/v1
                kind: AdmissionReview
                request:
                  uid: "1"
                  kind: {group: "", version: v1, kind: Pod}
                  operation: UPDATE
                  userInfo: {username: alice}
                  object:
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: changed, namespace: default}
                    spec:
                      containers:
                        - {name: app, image: evil.io/app:2}
                  oldObject:
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: changed, namespace: default}
                    spec:
                      containers:
                        - {name: app, image: openpolicyagent/app:1}
                """;
        try (EvalClient client = new EvalClient(uri)) {
            client.send(evaluate(1, workspace(REGO, review)));
            JsonNode sample = client.next().get("samples").get(0);
            assertEquals("violated", sample.get("status").asText(), sample.toString());
            assertEquals("UPDATE", sample.get("operation").asText());
        }
    }

    @Test
    void explainTracesOneSample() throws Exception {
        try (EvalClient client = new EvalClient(uri)) {
            client.send(evaluate(1, workspace(REGO.replace("  msg :=", "  print(\"checking\", container.name)\n  msg :="),
                    SAMPLES)));
            client.next();
            client.send(Map.of("type", "explain", "id", 9, "sample", 1, "constraint", "K8sAllowedRepos/only-opa",
                    "message", "container <nginx> has an invalid image repo <nginx:1.27>"));
            JsonNode reply = client.next();
            assertEquals("explain", reply.get("type").asText(), reply.toString());
            assertEquals(9, reply.get("id").asInt());
            JsonNode explanation = reply.get("explanation");
            assertTrue(explanation.get("events").size() > 5, explanation.toString());
            assertEquals("Enter", explanation.get("events").get(0).get("op").asText());
            assertEquals("checking nginx", explanation.get("prints").get(0).get("text").asText());
            assertEquals(3, explanation.get("rule").get("startLine").asInt());
        }
    }

    @Test
    void explainWithValuesListsWhatRulesAndVariablesEvaluatedTo() throws Exception {
        try (EvalClient client = new EvalClient(uri)) {
            client.send(evaluate(1, workspace(REGO + "\nrepo_count := count(input.parameters.repos)\n", SAMPLES)));
            JsonNode result = client.next();
            // the reviewed object comes back with each sample (the language server's sample context)
            assertEquals("nginx:1.27", result.get("samples").get(1).get("object").get("spec").get("containers").get(0)
                    .get("image").asText(), result.toString());
            client.send(Map.of("type", "explain", "id", 4, "sample", 1, "constraint", "K8sAllowedRepos/only-opa",
                    "values", true));
            JsonNode values = client.next().get("explanation").get("values");
            JsonNode violation = find(values, "violation");
            assertEquals(3, violation.get("startLine").asInt(), values.toString());
            assertEquals("rego", violation.get("module").asText());
            assertTrue(violation.get("vars").get("msg").get(0).asText().contains("invalid image repo <nginx:1.27>"),
                    violation.toString());
            assertTrue(violation.get("vars").get("container").get(0).asText().contains("\"name\":\"nginx\""),
                    violation.toString());
            assertTrue(violation.get("value").asText().contains("invalid image repo"), violation.toString());
            assertEquals("1", find(values, "repo_count").get("value").asText());
            assertEquals("\"nginx:1.27\"", find(values, "allowed").get("vars").get("image").get(0).asText());
            // without the flag the trace view's replies stay lean
            client.send(Map.of("type", "explain", "id", 5, "sample", 1, "constraint", "K8sAllowedRepos/only-opa"));
            assertEquals(0, client.next().get("explanation").get("values").size());
        }
    }

    private static JsonNode find(JsonNode values, String name) {
        for (JsonNode v : values) {
            if (name.equals(v.get("name").asText())) {
                return v;
            }
        }
        throw new AssertionError("no " + name + " in " + values);
    }

    @Test
    void splitsAWholeTemplate() throws Exception {
        String template = """
                apiVersion: templates.gatekeeper.sh/v1
                kind: ConstraintTemplate
                metadata:
                  name: k8sdemo
                spec:
                  crd:
                    spec:
                      names:
                        kind: K8sDemo
                  targets:
                    - target: admission.k8s.gatekeeper.sh
                      code:
                        - engine: Rego
                          source:
                            version: v1
                            rego: |
                              package demo
                              violation contains {"msg": "no"} if false
                """;
        try (EvalClient client = new EvalClient(uri)) {
            client.send(Map.of("type", "split", "id", 2, "text", template));
            JsonNode reply = client.next();
            assertEquals("K8sDemo", reply.get("template").get("kind").asText(), reply.toString());
            assertEquals("v1", reply.get("template").get("regoVersion").asText());
            assertTrue(reply.get("template").get("rego").asText().startsWith("package demo"));
        }
    }
}
