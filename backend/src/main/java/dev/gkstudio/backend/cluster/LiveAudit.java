package dev.gkstudio.backend.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.gkstudio.backend.eval.Workspace;
import dev.gkstudio.backend.export.LibraryBundle;
import dev.gkstudio.gatekeeper.client.GatekeeperClient;
import dev.gkstudio.gatekeeper.client.GatekeeperException;
import dev.gkstudio.gatekeeper.client.Result;
import dev.gkstudio.gatekeeper.client.TemplateCompiler;
import dev.gkstudio.gatekeeper.engine.EngineOptions;
import dev.gkstudio.gatekeeper.engine.EvalOptions;
import dev.gkstudio.gatekeeper.engine.GatekeeperRegoEngine;
import dev.gkstudio.gatekeeper.match.MatchException;
import dev.gkstudio.gatekeeper.review.Review;
import dev.gkstudio.gatekeeper.review.ReviewBuilder;
import dev.gkstudio.gatekeeper.template.TemplateReader;
import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.gatekeeper.yaml.YamlDocument;
import dev.gkstudio.gatekeeper.yaml.YamlException;
import dev.gkstudio.gatekeeper.yaml.YamlLoader;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.Value;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * Audits the live cluster with the draft policy, read-only: lists the objects of the kinds the
 * constraints match ({@code spec.match.kinds}; discovery maps kinds to resources), page by page
 * with progress, and evaluates the draft template and constraints against each, as Gatekeeper's
 * audit would. Nothing is written to the cluster. The listed objects (and the cluster's
 * namespaces) are the inventory ({@code data.inventory}) and the namespace data of the match.
 */
public final class LiveAudit {

    /** One violation of one object. */
    public record Violation(String constraint, String message, String enforcementAction) {
    }

    /** An object with violations (or an evaluation error). */
    public record ObjectReport(String apiVersion, String kind, String name, String namespace, List<Violation> violations,
                               String error) {
    }

    /** The objects with violations of one namespace ("" for cluster-scoped objects). */
    public record NamespaceReport(String namespace, List<ObjectReport> objects) {
    }

    /** The result of an audit. */
    public record Report(long listed, long matched, long violating, long violations, boolean truncated,
                         List<String> resources, List<String> warnings, Map<String, Long> perConstraint,
                         List<NamespaceReport> namespaces) {
    }

    /** A resource to list. */
    record Target(String group, String version, String kind, String plural, boolean namespaced) {
        String apiVersion() {
            return group.isEmpty() ? version : group + "/" + version;
        }

        ResourceDefinitionContext context() {
            return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                    .withPlural(plural).withNamespaced(namespaced).build();
        }
    }

    /** Well-known kinds, used when the API server's discovery is unavailable. */
    static final List<Target> WELL_KNOWN = List.of(
            new Target("", "v1", "Namespace", "namespaces", false),
            new Target("", "v1", "Pod", "pods", true),
            new Target("", "v1", "Service", "services", true),
            new Target("", "v1", "ConfigMap", "configmaps", true),
            new Target("", "v1", "Secret", "secrets", true),
            new Target("", "v1", "ServiceAccount", "serviceaccounts", true),
            new Target("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true),
            new Target("", "v1", "PersistentVolume", "persistentvolumes", false),
            new Target("", "v1", "ReplicationController", "replicationcontrollers", true),
            new Target("", "v1", "Node", "nodes", false),
            new Target("apps", "v1", "Deployment", "deployments", true),
            new Target("apps", "v1", "StatefulSet", "statefulsets", true),
            new Target("apps", "v1", "DaemonSet", "daemonsets", true),
            new Target("apps", "v1", "ReplicaSet", "replicasets", true),
            new Target("batch", "v1", "Job", "jobs", true),
            new Target("batch", "v1", "CronJob", "cronjobs", true),
            new Target("networking.k8s.io", "v1", "Ingress", "ingresses", true),
            new Target("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true),
            new Target("rbac.authorization.k8s.io", "v1", "Role", "roles", true),
            new Target("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true),
            new Target("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false),
            new Target("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false),
            new Target("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true),
            new Target("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true));

    private final KubernetesClient client;
    private final boolean listSecrets;
    private final LibraryBundle bundles;
    private final int pageSize;
    private final long maxObjects;
    private final int maxReported;
    private final YamlLoader yaml = new YamlLoader();

    public LiveAudit(KubernetesClient client, LibraryBundle bundles, int pageSize, long maxObjects, int maxReported) {
        this(client, bundles, pageSize, maxObjects, maxReported, false);
    }

    /** @param listSecrets whether Secrets are listed when a constraint matches them ({@code gkstudio.cluster.audit-secrets}) */
    public LiveAudit(KubernetesClient client, LibraryBundle bundles, int pageSize, long maxObjects, int maxReported,
                     boolean listSecrets) {
        this.listSecrets = listSecrets;
        this.client = client;
        this.bundles = bundles;
        this.pageSize = pageSize;
        this.maxObjects = maxObjects;
        this.maxReported = maxReported;
    }

    public Report run(Workspace w, Progress progress) throws ClusterOperations.NotApplicable {
        List<String> warnings = new ArrayList<>();
        // the draft, loaded as Gatekeeper would
        GatekeeperClient gk = new GatekeeperClient(new TemplateCompiler(new GatekeeperRegoEngine(EngineOptions.STUDIO)),
                "audit.gatekeeper.sh");
        List<ObjectValue> constraints = new ArrayList<>();
        try {
            YamlDocument t = yaml.loadOne(bundles.templateYaml(w));
            gk.addTemplate(TemplateReader.read((ObjectValue) t.value(), t.positions()));
            for (String c : LibraryBundle.constraintDocuments(w)) {
                YamlDocument d = yaml.loadOne(c);
                if (!(d.value() instanceof ObjectValue o)) {
                    throw new ClusterOperations.NotApplicable("a constraint must be an object");
                }
                gk.addConstraint(o, d.positions());
                constraints.add(o);
            }
        } catch (YamlException | GatekeeperException | ClassCastException e) {
            throw new ClusterOperations.NotApplicable("the draft has errors, fix them first: " + e.getMessage());
        }
        if (constraints.isEmpty()) {
            throw new ClusterOperations.NotApplicable("no constraint: nothing selects objects to audit");
        }

        // what to list
        progress.report("discover", "finding the resources the constraints match", 0, -1);
        List<Target> available = discover(warnings);
        Set<Target> targets = new LinkedHashSet<>();
        for (ObjectValue c : constraints) {
            targets.addAll(select(c, available, warnings));
        }
        // Secret data would reach the browser in the report: never read unless the operator opted in
        if (!listSecrets && targets.removeIf(t -> t.group().isEmpty() && t.kind().equals("Secret"))) {
            warnings.add("Secrets are not listed (their data would be shown here); set gkstudio.cluster.audit-secrets=true"
                    + " to audit them");
        }
        Target namespaces = WELL_KNOWN.get(0);

        // list (read-only), page by page
        Map<String, Value> namespaceObjects = new LinkedHashMap<>();
        List<Value> objects = new ArrayList<>();
        long listed = 0;
        boolean truncated = false;
        List<Target> order = new ArrayList<>();
        order.add(namespaces);
        targets.stream().filter(t -> !t.equals(namespaces)).forEach(order::add);
        for (Target t : order) {
            String cont = null;
            do {
                if (progress.cancelled()) {
                    throw new ClusterOperations.NotApplicable("cancelled");
                }
                GenericKubernetesResourceList page;
                try {
                    var op = client.genericKubernetesResources(t.context());
                    var opts = new ListOptionsBuilder().withLimit((long) pageSize).withContinue(cont).build();
                    page = t.namespaced() ? op.inAnyNamespace().list(opts) : op.list(opts);
                } catch (KubernetesClientException e) {
                    warnings.add("cannot list " + t.plural() + "." + (t.group().isEmpty() ? "core" : t.group()) + ": "
                            + ClusterOperations.message(e));
                    break;
                }
                for (GenericKubernetesResource r : page.getItems()) {
                    if (r.getApiVersion() == null) {
                        r.setApiVersion(t.apiVersion());
                    }
                    if (r.getKind() == null) {
                        r.setKind(t.kind());
                    }
                    Value v = toValue(r);
                    if (v == null) {
                        continue;
                    }
                    if (t.equals(namespaces)) {
                        namespaceObjects.put(Obj.name(v), v);
                    }
                    if (t.equals(namespaces) && !targets.contains(namespaces)) {
                        continue;
                    }
                    objects.add(v);
                    listed++;
                }
                cont = page.getMetadata() == null ? null : page.getMetadata().getContinue();
                if (cont != null && cont.isEmpty()) {
                    cont = null;
                }
                progress.report("list", "listing " + t.plural() + ": " + listed + " objects so far", listed, -1);
                if (listed >= maxObjects) {
                    truncated = true;
                    warnings.add("stopped listing after " + maxObjects + " objects (gkstudio.cluster.max-objects)");
                    break;
                }
            } while (cont != null);
            if (truncated) {
                break;
            }
        }

        // inventory = what was listed (the cluster state, as synced data would be)
        for (Value ns : namespaceObjects.values()) {
            gk.addData(ns);
        }
        for (Value o : objects) {
            if (!"Namespace".equals(Obj.kind(o)) || !Obj.groupVersion(o)[0].isEmpty()) {
                gk.addData(o);
            }
        }

        // evaluate
        long matched = 0;
        long violating = 0;
        long violations = 0;
        long reported = 0;
        Map<String, Long> perConstraint = new TreeMap<>();
        Map<String, List<ObjectReport>> byNamespace = new TreeMap<>();
        long n = 0;
        for (Value o : objects) {
            n++;
            if (n % 200 == 0 || n == objects.size()) {
                progress.report("evaluate", "evaluating " + n + " of " + objects.size(), n, objects.size());
            }
            String ns = Obj.namespace(o);
            Value nsObj = ns.isEmpty() ? null : namespaceObjects.get(ns);
            Review review = ReviewBuilder.fromObject(o, nsObj, "Original");
            boolean isMatched = false;
            for (var entry : gk.constraints().values()) {
                try {
                    if (entry.matcher().matches(review.object(), review.oldObject(), nsObj, review.source())) {
                        isMatched = true;
                        break;
                    }
                } catch (MatchException e) {
                    isMatched = true;
                    break;
                }
            }
            if (!isMatched) {
                continue;
            }
            matched++;
            List<Violation> vs = new ArrayList<>();
            String error = null;
            try {
                for (Result r : gk.review(review, EvalOptions.DEFAULT).results()) {
                    String key = Obj.kind(r.constraint()) + "/" + Obj.name(r.constraint());
                    vs.add(new Violation(key, r.msg(), r.enforcementAction()));
                    perConstraint.merge(key, 1L, Long::sum);
                }
            } catch (GatekeeperException | RuntimeException e) {
                error = e.getMessage();
            }
            if (vs.isEmpty() && error == null) {
                continue;
            }
            violating++;
            violations += vs.size();
            if (reported < maxReported) {
                reported++;
                byNamespace.computeIfAbsent(ns, k -> new ArrayList<>()).add(new ObjectReport(
                        Obj.str(o, "apiVersion"), Obj.kind(o), Obj.name(o), ns, vs, error));
            } else {
                truncated = true;
            }
        }
        if (reported >= maxReported && violating > reported) {
            warnings.add("showing the first " + maxReported + " of " + violating + " objects with violations");
        }
        List<NamespaceReport> groups = byNamespace.entrySet().stream()
                .map(e -> new NamespaceReport(e.getKey(), e.getValue())).toList();
        progress.report("done", "audited " + matched + " matched objects of " + listed + " listed", objects.size(), objects.size());
        return new Report(listed, matched, violating, violations, truncated,
                order.stream().map(t -> t.plural() + (t.group().isEmpty() ? "" : "." + t.group())).toList(),
                warnings, perConstraint, groups);
    }

    private Value toValue(GenericKubernetesResource r) {
        try {
            return yaml.loadOne(client.getKubernetesSerialization().asJson(r)).value();
        } catch (YamlException e) {
            return null;
        }
    }

    /** Every listable resource the API server offers, or the well-known kinds when discovery fails. */
    List<Target> discover(List<String> warnings) {
        List<Target> out = new ArrayList<>();
        try {
            List<String> groupVersions = new ArrayList<>();
            groupVersions.add("v1");
            APIGroupList groups = client.getApiGroups();
            if (groups != null && groups.getGroups() != null) {
                for (APIGroup g : groups.getGroups()) {
                    if (g.getPreferredVersion() != null) {
                        groupVersions.add(g.getPreferredVersion().getGroupVersion());
                    }
                }
            }
            for (String gv : groupVersions) {
                APIResourceList list = client.getApiResources(gv);
                if (list == null || list.getResources() == null) {
                    continue;
                }
                String[] parts = gv.split("/", 2);
                String group = parts.length == 2 ? parts[0] : "";
                String version = parts.length == 2 ? parts[1] : parts[0];
                for (APIResource r : list.getResources()) {
                    if (r.getName().contains("/") || r.getVerbs() == null || !r.getVerbs().contains("list")) {
                        continue;
                    }
                    out.add(new Target(group, version, r.getKind(), r.getName(), Boolean.TRUE.equals(r.getNamespaced())));
                }
            }
        } catch (KubernetesClientException | NullPointerException e) {
            out.clear();
        }
        if (out.isEmpty()) {
            warnings.add("API discovery unavailable: only well-known kinds are listed");
            return WELL_KNOWN;
        }
        return out;
    }

    /** The targets a constraint's spec.match.kinds selects (all of them when kinds is absent or empty). */
    static List<Target> select(ObjectValue constraint, List<Target> available, List<String> warnings) {
        var kinds = Obj.arr(constraint, "spec", "match", "kinds");
        List<Target> out = new ArrayList<>();
        if (kinds == null || kinds.size() == 0) {
            warnings.add(Obj.name(constraint) + ": no spec.match.kinds, every listable kind is audited");
            return available;
        }
        for (Value k : kinds.list()) {
            List<String> groups = Obj.strings(Obj.get(k, "apiGroups"));
            List<String> names = Obj.strings(Obj.get(k, "kinds"));
            for (Target t : available) {
                boolean g = groups.contains("*") || groups.contains(t.group());
                boolean n = names.contains("*") || names.stream().anyMatch(x -> x.equals(t.kind()));
                if (g && n && !out.contains(t)) {
                    out.add(t);
                }
            }
            for (String name : names) {
                if (!name.equals("*") && out.stream().noneMatch(t -> t.kind().equals(name))) {
                    warnings.add("kind " + name + " (apiGroups " + groups + ") is not served by the cluster"
                            + " or unknown without discovery: not audited");
                }
            }
        }
        return out;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
