package dev.gkstudio.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.gkstudio.backend.eval.Workspace;
import dev.gkstudio.backend.eval.WorkspaceEvaluator;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Hostile input on {@code /ws/eval}: clear errors, bounded work, other sessions keep their answers. Runs in an
 * application of its own, so that the attacks' left-over work never delays the other test classes' sessions.
 */
@QuarkusTest
@TestProfile(EvalSocketHardeningTest.Isolated.class)
class EvalSocketHardeningTest {

    /** A separate application instance (no configuration changes). */
    public static class Isolated implements QuarkusTestProfile {
    }

    @TestHTTPResource("/ws/eval")
    URI uri;

    /** Each review runs into the per-review limit (steps or timeout). */
    static final String SLOW = """
            package k8sallowedrepos

            import future.keywords.in

            violation[{"msg": "slow"}] {
              count([1 | some a in numbers.range(1, 5000); some b in numbers.range(1, 5000)]) < 0
            }
            """;

    static String samples(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p").append(i).append("\n---\n");
        }
        return sb.toString();
    }

    @Test
    void malformedAndDeeplyNestedJsonGetAnError() throws Exception {
        try (EvalClient client = new EvalClient(uri)) {
            client.sendRaw("{\"type\": \"evaluate\", ");
            JsonNode reply = client.next();
            assertEquals("error", reply.get("type").asText());
            assertTrue(reply.get("message").asText().startsWith("unreadable message"), reply.toString());
            client.sendRaw("{\"x\":".repeat(100_000) + "1" + "}".repeat(100_000));
            reply = client.next();
            assertEquals("error", reply.get("type").asText());
            assertTrue(reply.get("message").asText().startsWith("unreadable message"), reply.toString());
            // the session still works
            client.send(EvalSocketTest.evaluate(1, EvalSocketTest.workspace(EvalSocketTest.REGO, EvalSocketTest.SAMPLES)));
            assertEquals("result", client.next().get("type").asText());
        }
    }

    @Test
    void anOversizeMessageClosesTheSocketWithTheReason() throws Exception {
        try (EvalClient client = new EvalClient(uri)) {
            client.sendFragmentsUntilClosed("{\"type\": \"evaluate\", \"x\": \"" + "x".repeat(20 << 20) + "\"}", 256 << 10);
            String reason = client.closeReason(30);
            assertTrue(reason.startsWith("1009 "), reason);
            assertTrue(reason.contains("too large"), reason);
        }
        // other sessions are unaffected
        try (EvalClient client = new EvalClient(uri)) {
            client.send(EvalSocketTest.evaluate(1, EvalSocketTest.workspace(EvalSocketTest.REGO, EvalSocketTest.SAMPLES)));
            assertEquals("result", client.next().get("type").asText());
        }
    }

    @Test
    void closingTheSocketCancelsItsEvaluation() throws Exception {
        // twice as many slow workspaces as there are evaluation threads, each good for the whole workspace budget:
        // uncancelled, they would hold every thread for two budgets in a row
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        Workspace slow = EvalSocketTest.workspace(SLOW, samples(200));
        for (int i = 0; i < 2 * threads; i++) {
            EvalClient gone = new EvalClient(uri);
            gone.send(EvalSocketTest.evaluate(1, slow));
            Thread.sleep(200); // let its evaluation start
            if (i % 2 == 0) gone.close(); // a tab closed
            else gone.abort(); // a crashed browser or a lost network: no closing handshake
        }
        try (EvalClient other = new EvalClient(uri)) {
            long cpu0 = ProcessCpu.millis();
            other.send(EvalSocketTest.evaluate(1, EvalSocketTest.workspace(EvalSocketTest.REGO, EvalSocketTest.SAMPLES)));
            assertEquals("result", other.next(60).get("type").asText());
            long cpu = ProcessCpu.millis() - cpu0;
            // before: the closed sockets' evaluations (twice as many as threads) kept every evaluation thread spinning
            // until their budgets ran out, at least 2 x threads x budget of CPU; cancelled, they stop at once. CPU, not
            // wall time: a loaded machine slows the answer down without the server doing more work.
            assertTrue(cpu < 2 * WorkspaceEvaluator.BUDGET.toMillis(), "the server used " + cpu + " ms of CPU meanwhile");
        }
    }

    @Test
    void aSlowPolicyOverManySamplesEndsWithinTheWorkspaceBudget() throws Exception {
        Workspace w = EvalSocketTest.workspace(SLOW, samples(200));
        try (EvalClient client = new EvalClient(uri)) {
            long cpu0 = ProcessCpu.millis();
            client.send(EvalSocketTest.evaluate(1, w));
            JsonNode result = client.next(120);
            long cpu = ProcessCpu.millis() - cpu0;
            assertEquals("result", result.get("type").asText(), result.toString());
            // before: 200 samples x the per-review limit (minutes of CPU); the budget stops the work: one evaluation
            // thread for at most the budget, plus the server's overhead
            assertTrue(cpu < 4 * WorkspaceEvaluator.BUDGET.toMillis(), "the evaluation used " + cpu + " ms of CPU");
            int skipped = 0;
            for (JsonNode sample : result.get("samples")) {
                if (sample.path("error").asText().startsWith("not evaluated: the evaluation of the workspace took longer")) skipped++;
            }
            assertTrue(skipped > 0, "the budget left samples unevaluated");
            JsonNode last = result.get("samples").get(199);
            assertEquals("error", last.get("status").asText(), last.toString());
            assertTrue(last.get("error").asText().contains("took longer than " + WorkspaceEvaluator.BUDGET.toSeconds() + " s"),
                    last.toString());
        }
    }

    @Test
    void aBurstOfExplainsDoesNotStarveOtherSessions() throws Exception {
        Workspace slow = EvalSocketTest.workspace(SLOW, samples(3));
        try (EvalClient attacker = new EvalClient(uri); EvalClient other = new EvalClient(uri)) {
            attacker.send(EvalSocketTest.evaluate(1, slow));
            for (int i = 0; i < 1000; i++) {
                attacker.send(Map.of("type", "explain", "id", i, "sample", 0, "constraint", "K8sAllowedRepos/only-opa"));
            }
            other.send(EvalSocketTest.evaluate(1, EvalSocketTest.workspace(EvalSocketTest.REGO, EvalSocketTest.SAMPLES)));
            JsonNode result = other.next(60);
            assertEquals("result", result.get("type").asText(), result.toString());
            // before: the other session waited behind up to 1,000 queued explains of the slow policy (minutes). Bounded
            // by counts, not time: the attacker is told to slow down, and far fewer than its 1,000 explains are run
            boolean tooMany = false;
            int explained = 0;
            for (int i = 0; i < 1001 && !tooMany; i++) {
                JsonNode n = attacker.next(120);
                tooMany = "error".equals(n.get("type").asText()) && n.get("message").asText().startsWith("too many requests");
                if ("explain".equals(n.get("type").asText())) explained++;
            }
            assertTrue(tooMany);
            assertTrue(explained < 1000, explained + " explains were run");
        }
    }
}
