package dev.gkstudio.backend.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gkstudio.backend.eval.Workspace;
import dev.gkstudio.backend.eval.WorkspaceEvaluator;
import dev.gkstudio.backend.export.LibraryBundle;
import dev.gkstudio.backend.export.Fixtures;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * Dry run, apply and the template-status wait against fabric8's mock API server in CRUD mode
 * (server-side apply answers 415 there, so the create-or-update path runs; the dry-run requests,
 * which the CRUD store would otherwise execute, are scripted as a real API server answers them).
 */
@EnableKubernetesMockClient(crud = true)
class ClusterOperationsTest {

    static final LibraryBundle BUNDLES = new LibraryBundle(new WorkspaceEvaluator());
    static final ResourceDefinitionContext TEMPLATES = new ResourceDefinitionContext.Builder()
            .withGroup("templates.gatekeeper.sh").withVersion("v1").withKind("ConstraintTemplate")
            .withPlural("constrainttemplates").withNamespaced(false).build();
    static final ResourceDefinitionContext CONSTRAINTS = new ResourceDefinitionContext.Builder()
            .withGroup("constraints.gatekeeper.sh").withVersion("v1beta1").withKind("K8sRequiredLabels")
            .withPlural("k8srequiredlabels").withNamespaced(false).build();

    KubernetesMockServer server;
    KubernetesClient client;

    ClusterOperations ops(Duration timeout) {
        return new ClusterOperations(client, BUNDLES, timeout, Duration.ofMillis(50));
    }

    @BeforeEach
    void drainRequests() throws Exception {
        while (server.getRequestCount() > 0 && server.takeRequest(10, TimeUnit.MILLISECONDS) != null) {
            // forget requests of earlier tests
        }
    }

    List<RecordedRequest> requests() throws Exception {
        List<RecordedRequest> out = new ArrayList<>();
        for (RecordedRequest r; (r = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null; ) {
            out.add(r);
        }
        return out;
    }

    void scriptDryRuns() {
        // what an API server with Gatekeeper answers to a dry run of a new template and its constraint
        server.expect().post().withPath("/apis/templates.gatekeeper.sh/v1/constrainttemplates?dryRun=All")
                .andReturn(201, Map.of("apiVersion", "templates.gatekeeper.sh/v1", "kind", "ConstraintTemplate",
                        "metadata", Map.of("name", "k8srequiredlabels", "uid", "dry-run-uid")))
                .always();
        server.expect().post().withPath("/apis/constraints.gatekeeper.sh/v1beta1/k8srequiredlabels?dryRun=All")
                .andReturn(404, new StatusBuilder().withCode(404).withReason("NotFound")
                        .withMessage("the server could not find the requested resource").build())
                .always();
    }

    /** Plays Gatekeeper: once the template exists (without a status: applied or re-applied), writes its status. */
    CompletableFuture<Void> gatekeeper(Map<String, Object> status) {
        return CompletableFuture.runAsync(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                GenericKubernetesResource t = client.genericKubernetesResources(TEMPLATES).withName("k8srequiredlabels").get();
                if (t != null && t.getAdditionalProperties().get("status") == null) {
                    t.getAdditionalProperties().put("status", status);
                    client.genericKubernetesResources(TEMPLATES).resource(t).updateStatus();
                    return;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    @Test
    void dryRunChangesNothingThenApplyWaitsForTheTemplate() throws Exception {
        scriptDryRuns();
        Workspace w = Fixtures.requiredLabels();
        ClusterOperations.ApplyReport dry = ops(Duration.ofSeconds(10)).dryRun(w);
        assertTrue(dry.ok(), dry.toString());
        assertTrue(dry.dryRun());
        assertNotNull(dry.confirm());
        assertEquals(2, dry.objects().size());
        assertEquals("would be created", dry.objects().get(0).action());
        assertEquals("pending", dry.objects().get(1).action(), "the constraint's kind does not exist before the template");
        assertTrue(dry.objects().get(1).message().contains("Gatekeeper creates it from the template"));
        assertNull(client.genericKubernetesResources(TEMPLATES).withName("k8srequiredlabels").get(), "a dry run changes nothing");
        List<RecordedRequest> sent = requests();
        assertTrue(sent.stream().anyMatch(r -> r.getMethod().equals("PATCH")
                && "application/apply-patch+yaml".equals(r.getHeader("Content-Type"))
                && r.getPath().contains("dryRun=All")), "server-side apply is tried first: " + paths(sent));
        assertTrue(sent.stream().filter(r -> r.getMethod().equals("POST") || r.getMethod().equals("PUT"))
                .allMatch(r -> r.getPath().contains("dryRun=All")), paths(sent));

        assertThrows(ClusterOperations.NotApplicable.class, () -> ops(Duration.ofSeconds(5)).apply(w, null, Progress.NONE),
                "no apply without the dry run's confirmation");
        Workspace edited = new Workspace(w.template(), w.constraints().replace("owner", "team"), w.samples(), "");
        assertThrows(ClusterOperations.NotApplicable.class,
                () -> ops(Duration.ofSeconds(5)).apply(edited, dry.confirm(), Progress.NONE),
                "a workspace edited after the dry run must be dry-run again");

        CompletableFuture<Void> gk = gatekeeper(Map.of("created", true,
                "byPod", List.of(Map.of("id", "gatekeeper-audit", "observedGeneration", 1, "operations", List.of("audit")))));
        List<String> phases = new ArrayList<>();
        ClusterOperations.ApplyReport applied = ops(Duration.ofSeconds(10)).apply(w, dry.confirm(),
                (phase, message, done, total) -> phases.add(phase));
        gk.get(10, TimeUnit.SECONDS);
        assertTrue(applied.ok(), applied.toString());
        assertEquals(List.of("created", "created"), applied.objects().stream().map(ClusterOperations.ObjectResult::action).toList());
        assertTrue(phases.contains("apply"));
        GenericKubernetesResource constraint = client.genericKubernetesResources(CONSTRAINTS).withName("ns-must-have-owner").get();
        assertNotNull(constraint, "the constraint is applied after the template is established");
        assertEquals(List.of("owner"), ((Map<?, ?>) constraint.getAdditionalProperties().get("spec")).entrySet().stream()
                .filter(e -> e.getKey().equals("parameters")).map(e -> ((Map<?, ?>) e.getValue()).get("labels")).findFirst().orElseThrow());

        // applying again updates in place (Gatekeeper reports the new generation again)
        CompletableFuture<Void> gk2 = gatekeeper(Map.of("created", true));
        ClusterOperations.ApplyReport again = ops(Duration.ofSeconds(5)).apply(w, dry.confirm(), Progress.NONE);
        gk2.get(10, TimeUnit.SECONDS);
        assertTrue(again.ok(), again.toString());
        assertEquals("configured", again.objects().get(0).action());
    }

    @Test
    void gatekeeperRejectionShowsByPodErrorsAndStopsBeforeTheConstraint() throws Exception {
        scriptDryRuns();
        Workspace w = Fixtures.requiredLabels();
        String confirm = ops(Duration.ofSeconds(5)).dryRun(w).confirm();
        client.genericKubernetesResources(TEMPLATES).withName("k8srequiredlabels").delete();
        CompletableFuture<Void> gk = gatekeeper(Map.of("created", false, "byPod", List.of(
                Map.of("id", "gatekeeper-controller-manager-0", "errors", List.of(Map.of("code", "ingest_error",
                        "message", "Could not ingest Rego: 1 error occurred: template:3: rego_parse_error", "location", "x"))))));
        ClusterOperations.ApplyReport r = ops(Duration.ofSeconds(10)).apply(w, confirm, Progress.NONE);
        gk.get(10, TimeUnit.SECONDS);
        assertFalse(r.ok());
        assertEquals(1, r.templateErrors().size());
        assertEquals("ingest_error", r.templateErrors().get(0).code());
        assertEquals("gatekeeper-controller-manager-0", r.templateErrors().get(0).pod());
        assertTrue(r.summary().startsWith("Gatekeeper rejected the template: Could not ingest Rego"), r.summary());
        assertEquals(1, r.objects().size(), "the constraint is not applied");
    }

    @Test
    void noGatekeeperTimesOutWithAHint() throws Exception {
        scriptDryRuns();
        Workspace w = Fixtures.requiredLabels();
        String confirm = ops(Duration.ofSeconds(5)).dryRun(w).confirm();
        client.genericKubernetesResources(TEMPLATES).withName("k8srequiredlabels").delete();
        ClusterOperations.ApplyReport r = ops(Duration.ofSeconds(1)).apply(w, confirm, Progress.NONE);
        assertFalse(r.ok());
        assertTrue(r.summary().contains("not reported created within 1 s: is Gatekeeper running"), r.summary());
    }

    @Test
    void theApiServersRefusalIsShown() throws Exception {
        server.expect().post().withPath("/apis/templates.gatekeeper.sh/v1/constrainttemplates?dryRun=All")
                .andReturn(422, new StatusBuilder().withCode(422).withReason("Invalid").withStatus("Failure")
                        .withMessage("ConstraintTemplate.templates.gatekeeper.sh \"k8srequiredlabels\" is invalid: "
                                + "spec.crd.spec.names.kind: Invalid value")
                        .withNewDetails().addNewCause().withField("spec.crd.spec.names.kind").withMessage("Invalid value")
                        .endCause().endDetails().build())
                .once();
        ClusterOperations.ApplyReport r = ops(Duration.ofSeconds(5)).dryRun(Fixtures.requiredLabels());
        assertFalse(r.ok());
        assertNull(r.confirm(), "nothing to confirm");
        ClusterOperations.ObjectResult t = r.objects().get(0);
        assertEquals("refused", t.action());
        assertTrue(t.message().contains("is invalid: spec.crd.spec.names.kind: Invalid value (HTTP 422)"), t.message());
        assertEquals(422, t.answer().get("code"));
        assertTrue(t.answer().get("causes").toString().contains("spec.crd.spec.names.kind"));
    }

    @Test
    void workspacesThatCannotBeApplied() {
        Workspace w = Fixtures.requiredLabels();
        Workspace noKind = new Workspace(new Workspace.Template(w.template().rego(), List.of(), "v0", "", "", "", Map.of()),
                w.constraints(), "", "");
        assertThrows(ClusterOperations.NotApplicable.class, () -> ops(Duration.ofSeconds(1)).dryRun(noKind));
        Workspace wrongGroup = new Workspace(w.template(), w.constraints().replace("constraints.gatekeeper.sh", "example.com"), "", "");
        var e = assertThrows(ClusterOperations.NotApplicable.class, () -> ops(Duration.ofSeconds(1)).dryRun(wrongGroup));
        assertTrue(e.getMessage().contains("apiVersion must be constraints.gatekeeper.sh"), e.getMessage());
    }

    static String paths(List<RecordedRequest> rs) {
        return rs.stream().map(r -> r.getMethod() + " " + r.getPath()).toList().toString();
    }
}
