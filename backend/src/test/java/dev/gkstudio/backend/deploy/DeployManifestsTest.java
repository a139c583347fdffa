package dev.gkstudio.backend.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The manifests under {@code deploy/kubernetes}: each document deserialises into fabric8's typed model of its
 * kind with no field the Kubernetes API would not know (a misspelt field lands in fabric8's
 * {@code additionalProperties}), and the pieces fit together: probes on the health endpoints, resources,
 * Services selecting pods that exist, PostgreSQL wiring, read-only audit RBAC.
 */
class DeployManifestsTest {

    private static final Path DIR = Path.of("..", "deploy", "kubernetes");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static List<HasMetadata> resources;

    @BeforeAll
    static void load() throws IOException {
        resources = new ArrayList<>();
        for (Path file : manifestFiles()) {
            for (String doc : Files.readString(file).split("(?m)^---\\s*$")) {
                if (doc.lines().allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#"))) {
                    continue;
                }
                Object parsed = SERIALIZATION.unmarshal(doc);
                assertTrue(parsed instanceof HasMetadata, file + ": not a Kubernetes resource: " + parsed);
                HasMetadata resource = (HasMetadata) parsed;
                List<String> unknown = new ArrayList<>();
                unknownFields(resource, resource.getKind(), unknown, new IdentityHashMap<>());
                assertEquals(List.of(), unknown, file + ": fields the Kubernetes API does not know");
                resources.add(resource);
            }
        }
    }

    private static List<Path> manifestFiles() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().equals("kustomization.yaml"))
                    .sorted().collect(Collectors.toList());
        }
    }

    @Test
    void kustomizationListsExistingFilesAndEveryManifestButTheOptionalApplyRole() throws IOException {
        String kustomization = Files.readString(DIR.resolve("kustomization.yaml"));
        List<String> listed = kustomization.lines().map(String::strip).filter(l -> l.startsWith("- "))
                .map(l -> l.substring(2).strip()).collect(Collectors.toList());
        for (String file : listed) {
            assertTrue(Files.isRegularFile(DIR.resolve(file)), "kustomization lists missing " + file);
        }
        Set<String> expected = manifestFiles().stream().map(p -> p.getFileName().toString())
                .filter(f -> !f.equals("rbac-apply.yaml")).collect(Collectors.toSet());
        assertEquals(expected, Set.copyOf(listed));
    }

    @Test
    void studioRunsReplicasWithHealthProbesResourcesAndPostgres() {
        Deployment studio = one(Deployment.class, "gatekeeper-studio");
        assertTrue(studio.getSpec().getReplicas() >= 2, "several replicas");
        Container c = studio.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("/q/health/ready", c.getReadinessProbe().getHttpGet().getPath());
        assertEquals("/q/health/live", c.getLivenessProbe().getHttpGet().getPath());
        assertNotNull(c.getResources().getRequests().get("cpu"));
        assertNotNull(c.getResources().getRequests().get("memory"));
        assertNotNull(c.getResources().getLimits().get("memory"));
        assertEquals("pg", env(c, "QUARKUS_PROFILE").getValue());
        assertEquals("0.0.0.0", env(c, "QUARKUS_HTTP_HOST").getValue(), "a pod must listen beyond loopback");
        String url = env(c, "GKSTUDIO_PG_URL").getValue();
        Service db = one(Service.class, "gatekeeper-studio-db");
        assertTrue(url.startsWith("jdbc:postgresql://" + db.getMetadata().getName() + ":"
                + db.getSpec().getPorts().get(0).getPort() + "/"), url);
        String secret = env(c, "GKSTUDIO_PG_PASSWORD").getValueFrom().getSecretKeyRef().getName();
        StatefulSet postgres = one(StatefulSet.class, "gatekeeper-studio-db");
        Container pg = postgres.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(secret, env(pg, "POSTGRES_PASSWORD").getValueFrom().getSecretKeyRef().getName());
        assertEquals(url.substring(url.lastIndexOf('/') + 1), env(pg, "POSTGRES_DB").getValue());
        assertFalse(c.getSecurityContext().getAllowPrivilegeEscalation());
    }

    @Test
    void everyServiceSelectsPodsThatExistOnANamedPort() {
        for (Service service : all(Service.class)) {
            Map<String, String> selector = service.getSpec().getSelector();
            List<Map<String, String>> podLabels = new ArrayList<>();
            all(Deployment.class).forEach(d -> podLabels.add(d.getSpec().getTemplate().getMetadata().getLabels()));
            all(StatefulSet.class).forEach(s -> podLabels.add(s.getSpec().getTemplate().getMetadata().getLabels()));
            assertTrue(podLabels.stream().anyMatch(l -> l.entrySet().containsAll(selector.entrySet())),
                    service.getMetadata().getName() + " selects no pod");
        }
        Deployment studio = one(Deployment.class, "gatekeeper-studio");
        String sa = studio.getSpec().getTemplate().getSpec().getServiceAccountName();
        assertNotNull(one(ServiceAccount.class, sa));
    }

    @Test
    void auditRoleIsReadOnlyAndBoundToTheStudiosServiceAccount() throws IOException {
        ClusterRole audit = one(ClusterRole.class, "gatekeeper-studio-audit");
        for (PolicyRule rule : audit.getRules()) {
            assertEquals(Set.of("get", "list", "watch"), Set.copyOf(rule.getVerbs()));
        }
        ClusterRoleBinding binding = one(ClusterRoleBinding.class, "gatekeeper-studio-audit");
        assertEquals(audit.getMetadata().getName(), binding.getRoleRef().getName());
        assertEquals("gatekeeper-studio", binding.getSubjects().get(0).getName());
        assertEquals("gatekeeper-studio", binding.getSubjects().get(0).getNamespace());
        ClusterRole apply = one(ClusterRole.class, "gatekeeper-studio-apply");
        assertTrue(apply.getRules().stream().flatMap(r -> r.getVerbs().stream()).anyMatch("create"::equals));
        assertTrue(apply.getRules().stream().allMatch(r -> !r.getApiGroups().contains("*")),
                "the apply role names Gatekeeper's groups only");
    }

    private static EnvVar env(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(c.getName() + " has no env " + name));
    }

    private static <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    private static <T extends HasMetadata> T one(Class<T> type, String name) {
        List<T> found = all(type).stream().filter(r -> r.getMetadata().getName().equals(name)).collect(Collectors.toList());
        assertEquals(1, found.size(), type.getSimpleName() + " " + name);
        return found.get(0);
    }

    /** Walks fabric8's model getters; any non-empty additionalProperties is a field the schema does not define. */
    private static void unknownFields(Object node, String path, List<String> out, Map<Object, Boolean> seen) {
        if (node == null || seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", out, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, out, seen));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            try {
                Object value = getter.invoke(node);
                if (getter.getName().equals("getAdditionalProperties")) {
                    ((Map<?, ?>) value).keySet().forEach(k -> out.add(path + "." + k));
                } else {
                    unknownFields(value, path + "." + getter.getName().substring(3), out, seen);
                }
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
    }
}
