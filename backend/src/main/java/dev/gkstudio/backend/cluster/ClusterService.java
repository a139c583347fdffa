package dev.gkstudio.backend.cluster;

import java.time.Duration;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.gkstudio.backend.eval.WorkspaceEvaluator;
import dev.gkstudio.backend.export.LibraryBundle;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Cluster access: off unless {@code gkstudio.cluster.enabled=true}. The client is configured as
 * kubectl would be (fabric8's auto-configuration: {@code KUBECONFIG} / {@code ~/.kube/config}
 * with {@code gkstudio.cluster.context}, or the in-cluster service account), and created on
 * first use.
 */
@ApplicationScoped
public class ClusterService {

    private static final Logger LOG = Logger.getLogger(ClusterService.class);

    private final boolean enabled;
    private final Optional<String> context;
    private final Duration templateTimeout;
    private final int pageSize;
    private final long maxObjects;
    private final boolean auditSecrets;
    private final LibraryBundle bundles;
    private final ClusterJobs jobs = new ClusterJobs();
    private volatile KubernetesClient client;

    ClusterService(WorkspaceEvaluator evaluator,
                   @ConfigProperty(name = "gkstudio.cluster.enabled", defaultValue = "false") boolean enabled,
                   @ConfigProperty(name = "gkstudio.cluster.context") Optional<String> context,
                   @ConfigProperty(name = "gkstudio.cluster.template-timeout", defaultValue = "PT60S") Duration templateTimeout,
                   @ConfigProperty(name = "gkstudio.cluster.page-size", defaultValue = "500") int pageSize,
                   @ConfigProperty(name = "gkstudio.cluster.max-objects", defaultValue = "100000") long maxObjects,
                   @ConfigProperty(name = "gkstudio.cluster.audit-secrets", defaultValue = "false") boolean auditSecrets) {
        this.auditSecrets = auditSecrets;
        this.enabled = enabled;
        this.context = context;
        this.templateTimeout = templateTimeout;
        this.pageSize = pageSize;
        this.maxObjects = maxObjects;
        this.bundles = new LibraryBundle(evaluator);
    }

    public boolean enabled() {
        return enabled;
    }

    /** Used by tests to point the Studio at a mock API server. */
    void useClient(KubernetesClient client) {
        this.client = client;
    }

    KubernetesClient client() {
        KubernetesClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    Config config = Config.autoConfigure(context.orElse(null));
                    client = new KubernetesClientBuilder().withConfig(config).build();
                    LOG.infof("Cluster access: %s", config.getMasterUrl());
                }
                c = client;
            }
        }
        return c;
    }

    /** Where the Studio would apply to (for the UI), without contacting the cluster. */
    public String server() {
        return client().getMasterUrl().toString();
    }

    public ClusterOperations operations() {
        return new ClusterOperations(client(), bundles, templateTimeout, Duration.ofMillis(500));
    }

    public LiveAudit audit() {
        return new LiveAudit(client(), bundles, pageSize, maxObjects, 1000, auditSecrets);
    }

    public ClusterJobs jobs() {
        return jobs;
    }

    @PreDestroy
    void close() {
        jobs.close();
        if (client != null) {
            client.close();
        }
    }
}
