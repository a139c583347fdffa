package dev.gkstudio.backend.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gkstudio.backend.eval.Workspace;
import dev.gkstudio.backend.eval.WorkspaceEvaluator;
import dev.gkstudio.backend.export.Fixtures;
import dev.gkstudio.backend.export.LibraryBundle;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;

/** The live-cluster audit against fabric8's mock API server in CRUD mode: read-only, grouped by namespace. */
@EnableKubernetesMockClient(crud = true)
class LiveAuditTest {

    static final LibraryBundle BUNDLES = new LibraryBundle(new WorkspaceEvaluator());

    KubernetesMockServer server;
    KubernetesClient client;

    static Workspace podsNeedOwner() {
        Workspace w = Fixtures.requiredLabels();
        return new Workspace(w.template(), """
                apiVersion: constraints.gatekeeper.sh/v1beta1
                kind: K8sRequiredLabels
                metadata:
                  name: pods-need-owner
                spec:
                  match:
                    kinds:
                      - apiGroups: [""]
                        kinds: ["Pod"]
                    excludedNamespaces: ["kube-system"]
                  parameters:
                    labels: ["owner"]
                """, "", "");
    }

    @BeforeEach
    void cluster() throws Exception {
        for (String ns : List.of("team-a", "team-b", "kube-system")) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                    .createOr(op -> op.update());
        }
        pod("team-a", "web", Map.of("owner", "alice"));
        pod("team-a", "worker", Map.of());
        pod("team-b", "db", Map.of("app", "db"));
        pod("team-b", "cache", Map.of("owner", "bob"));
        pod("kube-system", "dns", Map.of());
        client.apps().deployments().inNamespace("team-a").resource(new DeploymentBuilder().withNewMetadata()
                .withName("web").withNamespace("team-a").endMetadata().build()).createOr(op -> op.update());
        while (server.takeRequest(10, TimeUnit.MILLISECONDS) != null) {
            // only the audit's requests count below
        }
    }

    void pod(String ns, String name, Map<String, String> labels) {
        client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName(name).withNamespace(ns)
                .withLabels(labels).endMetadata().withNewSpec().addNewContainer().withName("c").withImage("nginx")
                .endContainer().endSpec().build()).createOr(op -> op.update());
    }

    @Test
    void violationsPerObjectGroupedByNamespaceWithProgressAndOnlyReads() throws Exception {
        List<String> phases = new ArrayList<>();
        LiveAudit.Report r = new LiveAudit(client, BUNDLES, 2, 10_000, 100).run(podsNeedOwner(),
                (phase, message, done, total) -> phases.add(phase + ": " + message));
        assertEquals(5, r.listed(), r.toString());
        assertEquals(4, r.matched(), "kube-system is excluded");
        assertEquals(2, r.violating());
        assertEquals(Map.of("K8sRequiredLabels/pods-need-owner", 2L), r.perConstraint());
        assertEquals(List.of("team-a", "team-b"), r.namespaces().stream().map(LiveAudit.NamespaceReport::namespace).toList());
        LiveAudit.ObjectReport worker = r.namespaces().get(0).objects().get(0);
        assertEquals("Pod", worker.kind());
        assertEquals("worker", worker.name());
        assertEquals("you must provide labels: {\"owner\"}", worker.violations().get(0).message());
        assertEquals("deny", worker.violations().get(0).enforcementAction());
        assertEquals("db", r.namespaces().get(1).objects().get(0).name());
        assertTrue(phases.stream().anyMatch(p -> p.startsWith("list: listing pods")), phases.toString());
        assertTrue(phases.stream().anyMatch(p -> p.startsWith("evaluate: evaluating 5 of 5")), phases.toString());

        List<String> methods = new ArrayList<>();
        for (RecordedRequest q; (q = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null; ) {
            methods.add(q.getMethod() + " " + q.getPath());
        }
        assertTrue(methods.stream().allMatch(m -> m.startsWith("GET ")), "read-only: " + methods);
        assertTrue(methods.stream().anyMatch(m -> m.startsWith("GET /api/v1/pods?limit=2")), methods.toString());
    }

    @Test
    void listingErrorsAreReportedNotFatal() throws Exception {
        server.expect().get().withPath("/api/v1/pods?limit=500")
                .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden")
                        .withMessage("pods is forbidden: User \"studio\" cannot list resource \"pods\"").build())
                .once();
        LiveAudit.Report r = new LiveAudit(client, BUNDLES, 500, 10_000, 100).run(podsNeedOwner(), Progress.NONE);
        assertEquals(0, r.matched());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("cannot list pods.core: pods is forbidden")), r.warnings().toString());
    }

    @Test
    void aBrokenDraftIsRefusedBeforeListing() {
        Workspace w = podsNeedOwner();
        Workspace broken = new Workspace(new Workspace.Template("package x\nviolation[{\"msg\": m}] { m := }", List.of(),
                "v0", w.template().kind(), w.template().name(), "", Map.of()), w.constraints(), "", "");
        var e = assertThrows(ClusterOperations.NotApplicable.class,
                () -> new LiveAudit(client, BUNDLES, 500, 10_000, 100).run(broken, Progress.NONE));
        assertTrue(e.getMessage().startsWith("the draft has errors"), e.getMessage());
    }

    @Test
    void manyObjectsAreCappedWithAWarning() throws Exception {
        for (int i = 0; i < 12; i++) {
            pod("team-b", "p" + i, Map.of());
        }
        LiveAudit.Report r = new LiveAudit(client, BUNDLES, 500, 10_000, 3).run(podsNeedOwner(), Progress.NONE);
        assertEquals(14, r.violating());
        assertTrue(r.truncated());
        assertEquals(3, r.namespaces().stream().mapToInt(n -> n.objects().size()).sum());
        assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("showing the first 3 of 14")), r.warnings().toString());
    }

    /** A constraint that matches every kind (and one that names Secret) reads no Secret unless configured to. */
    @Test
    void secretsAreNeverListedUnlessConfigured() throws Exception {
        client.secrets().inNamespace("team-a").resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata()
                .withName("db-password").withNamespace("team-a").endMetadata().addToStringData("password", "hunter2").build())
                .createOr(op -> op.update());
        Workspace w = podsNeedOwner();
        for (String kinds : List.of("", "    kinds:\n      - apiGroups: [\"\"]\n        kinds: [\"Secret\", \"Pod\"]\n")) {
            Workspace all = new Workspace(w.template(), "apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sRequiredLabels\n"
                    + "metadata:\n  name: everything\nspec:\n  match:\n" + (kinds.isEmpty() ? "    scope: \"*\"\n" : kinds)
                    + "  parameters:\n    labels: [\"owner\"]\n", "", "");
            while (server.takeRequest(10, TimeUnit.MILLISECONDS) != null) {
                // earlier requests
            }
            LiveAudit.Report r = new LiveAudit(client, BUNDLES, 500, 10_000, 100).run(all, Progress.NONE);
            List<String> paths = new ArrayList<>();
            for (RecordedRequest q; (q = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null; ) {
                paths.add(q.getPath());
            }
            assertTrue(paths.stream().noneMatch(p -> p.contains("secrets")), "no Secret read: " + paths);
            assertTrue(paths.stream().anyMatch(p -> p.contains("/pods")), paths.toString());
            assertTrue(r.warnings().stream().anyMatch(x -> x.contains("gkstudio.cluster.audit-secrets")), r.warnings().toString());
            assertTrue(r.toString().indexOf("hunter2") < 0);
        }
        new LiveAudit(client, BUNDLES, 500, 10_000, 100, true).run(new Workspace(w.template(),
                w.constraints().replace("kinds: [\"Pod\"]", "kinds: [\"Secret\"]"), "", ""), Progress.NONE);
        List<String> opted = new ArrayList<>();
        for (RecordedRequest q; (q = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null; ) {
            opted.add(q.getPath());
        }
        assertTrue(opted.stream().anyMatch(p -> p.contains("/secrets")), "with audit-secrets they are listed: " + opted);
    }
}
