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
            long t0 = System.nanoTime();
            other.send(EvalSocketTest.evaluate(1, EvalSocketTest.workspace(EvalSocketTest.REGO, EvalSocketTest.SAMPLES)));
            assertEquals("result", other.next(60).get("type").asText());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            // before: behind the closed sockets' evaluations until their budgets ran out (two in a row); a dropped
            // connection is noticed at the latest when its current sample's own timeout ends
            assertTrue(ms < 2 * WorkspaceEvaluator.BUDGET.toMillis() - 1000, "waited " + ms + " ms");
        }
    }

    @Test
    void aSlowPolicyOverManySamplesEndsWithinTheWorkspaceBudget() throws Exception {
        Workspace w = EvalSocketTest.workspace(SLOW, samples(200));
        try (EvalClient client = new EvalClient(uri)) {
            long t0 = System.nanoTime();
            client.send(EvalSocketTest.evaluate(1, w));
            JsonNode result = client.next(120);
            long s = (System.nanoTime() - t0) / 1_000_000_000;
            assertEquals("result", result.get("type").asText(), result.toString());
            // before: 200 samples x the per-review limit (minutes); generous bound for a loaded machine
            assertTrue(s < 60, "took " + s + " s");
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
            long t0 = System.nanoTime();
            other.send(EvalSocketTest.evaluate(1, EvalSocketTest.workspace(EvalSocketTest.REGO, EvalSocketTest.SAMPLES)));
            JsonNode result = other.next(60);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals("result", result.get("type").asText(), result.toString());
            // before: behind up to 1,000 queued explains of the slow policy (minutes)
            assertTrue(ms < 15_000, "the other session waited " + ms + " ms");
            // the attacker is told to slow down
            boolean tooMany = false;
            for (int i = 0; i < 1001 && !tooMany; i++) {
                JsonNode n = attacker.next(120);
                tooMany = "error".equals(n.get("type").asText()) && n.get("message").asText().startsWith("too many requests");
            }
            assertTrue(tooMany);
        }
    }
}
