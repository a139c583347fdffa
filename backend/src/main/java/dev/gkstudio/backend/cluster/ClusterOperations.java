package dev.gkstudio.backend.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.gkstudio.backend.eval.Workspace;
import dev.gkstudio.backend.export.LibraryBundle;
import dev.gkstudio.backend.share.ShareIds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.WritableOperation;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * Applies a workspace's ConstraintTemplate and constraint(s) to a cluster: a server-side dry run
 * first (the API server's answer for each object), then, on confirmation, the real apply: the
 * template, a wait until Gatekeeper reports it {@code status.created} (or its
 * {@code status.byPod[].errors}), then the constraints.
 *
 * <p>Objects go out with server-side apply (field manager {@value #FIELD_MANAGER}); an API server
 * that answers 415 or 404 to the apply patch (old servers, fabric8's CRUD mock) gets
 * create-or-update instead, with the same dry-run flag.
 */
public final class ClusterOperations {

    static final String FIELD_MANAGER = "gatekeeper-studio";
    static final String TEMPLATE_GROUP = "templates.gatekeeper.sh";
    static final String CONSTRAINT_GROUP = "constraints.gatekeeper.sh";

    /** The outcome for one object. */
    public record ObjectResult(String apiVersion, String kind, String name, boolean ok, String action, String message,
                               Map<String, Object> answer) {
    }

    /** A template error reported by Gatekeeper (status.byPod[].errors[]). */
    public record TemplateError(String pod, String code, String message, String location) {
    }

    /** What a dry run or an apply did. */
    public record ApplyReport(boolean dryRun, boolean ok, String confirm, List<ObjectResult> objects,
                              List<TemplateError> templateErrors, String summary) {
    }

    /** Thrown for workspaces that cannot be applied at all (no template kind, bad YAML...). */
    public static final class NotApplicable extends Exception {
        public NotApplicable(String message) {
            super(message);
        }
    }

    private final KubernetesClient client;
    private final LibraryBundle bundles;
    private final Duration templateTimeout;
    private final Duration pollInterval;

    public ClusterOperations(KubernetesClient client, LibraryBundle bundles, Duration templateTimeout, Duration pollInterval) {
        this.client = client;
        this.bundles = bundles;
        this.templateTimeout = templateTimeout;
        this.pollInterval = pollInterval;
    }

    /** The objects to apply: the template first, then each constraint. */
    List<GenericKubernetesResource> objects(Workspace w) throws NotApplicable {
        if (w.template().kind().isEmpty()) {
            throw new NotApplicable("the template has no kind (spec.crd.spec.names.kind): nothing to apply");
        }
        List<GenericKubernetesResource> out = new ArrayList<>();
        out.add(parse(bundles.templateYaml(w), "the template"));
        int i = 1;
        for (String c : LibraryBundle.constraintDocuments(w)) {
            GenericKubernetesResource r = parse(c, "constraint " + i++);
            if (!r.getApiVersion().startsWith(CONSTRAINT_GROUP + "/")) {
                throw new NotApplicable("constraint " + (i - 1) + ": apiVersion must be " + CONSTRAINT_GROUP
                        + "/v1beta1 (or v1), not \"" + r.getApiVersion() + "\"");
            }
            out.add(r);
        }
        return out;
    }

    private GenericKubernetesResource parse(String yaml, String what) throws NotApplicable {
        GenericKubernetesResource r;
        try {
            r = client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);
        } catch (RuntimeException e) {
            throw new NotApplicable(what + " is not valid YAML: " + e.getMessage());
        }
        if (r == null || r.getKind() == null || r.getApiVersion() == null || r.getMetadata() == null
                || r.getMetadata().getName() == null || r.getMetadata().getName().isEmpty()) {
            throw new NotApplicable(what + " needs apiVersion, kind and metadata.name");
        }
        return r;
    }

    /** Identifies exactly what a dry run was shown, so that the apply that follows applies that. */
    String confirmation(List<GenericKubernetesResource> objects) {
        StringBuilder sb = new StringBuilder();
        for (GenericKubernetesResource r : objects) {
            sb.append(client.getKubernetesSerialization().asJson(r)).append('\n');
        }
        return ShareIds.hex(ShareIds.sha256(sb.toString())).substring(0, 32);
    }

    static ResourceDefinitionContext context(GenericKubernetesResource r) {
        String[] gv = r.getApiVersion().split("/", 2);
        String group = gv.length == 2 ? gv[0] : "";
        String version = gv.length == 2 ? gv[1] : gv[0];
        String plural = r.getKind().toLowerCase(Locale.ROOT) + (group.equals(TEMPLATE_GROUP) ? "s" : "");
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(r.getKind())
                .withPlural(plural).withNamespaced(false).build();
    }

    private Resource<GenericKubernetesResource> resource(GenericKubernetesResource r) {
        return client.genericKubernetesResources(context(r)).resource(r);
    }

    /** Server-side dry run of every object; nothing is changed in the cluster. */
    public ApplyReport dryRun(Workspace w) throws NotApplicable {
        List<GenericKubernetesResource> objects = objects(w);
        List<ObjectResult> results = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < objects.size(); i++) {
            GenericKubernetesResource r = objects.get(i);
            ObjectResult res = send(r, true);
            if (!res.ok() && i > 0 && isUnknownKind(res) && objects.get(0).getMetadata() != null) {
                // the constraint's kind exists once Gatekeeper has processed the (new) template
                res = new ObjectResult(res.apiVersion(), res.kind(), res.name(), true, "pending",
                        "the kind " + r.getKind() + " is not served yet: Gatekeeper creates it from the template; "
                                + "the constraint is applied once the template is established", res.answer());
            }
            ok &= res.ok();
            results.add(res);
        }
        String summary = ok ? "Dry run accepted by the API server: nothing was changed. Apply to create or update "
                + objects.size() + " object" + (objects.size() == 1 ? "" : "s") + "."
                : "The API server refused the dry run: nothing was changed.";
        return new ApplyReport(true, ok, ok ? confirmation(objects) : null, results, List.of(), summary);
    }

    /**
     * Applies the template, waits for Gatekeeper to report it, then applies the constraints.
     *
     * @param confirm the {@code confirm} value of the dry run the user saw (the objects must be the same)
     */
    public ApplyReport apply(Workspace w, String confirm, Progress progress) throws NotApplicable {
        List<GenericKubernetesResource> objects = objects(w);
        if (confirm == null || !confirm.equals(confirmation(objects))) {
            throw new NotApplicable("the workspace changed since the dry run (or none was made): run the dry run again");
        }
        List<ObjectResult> results = new ArrayList<>();
        GenericKubernetesResource template = objects.get(0);
        progress.report("apply", "applying ConstraintTemplate " + template.getMetadata().getName(), 0, objects.size());
        ObjectResult t = send(template, false);
        results.add(t);
        if (!t.ok()) {
            return new ApplyReport(false, false, null, results, List.of(), "The API server refused the template: "
                    + t.message());
        }
        List<TemplateError> errors = new ArrayList<>();
        String wait = awaitTemplate(template, errors, progress);
        if (wait != null) {
            return new ApplyReport(false, false, null, results, errors, wait);
        }
        boolean ok = true;
        for (int i = 1; i < objects.size(); i++) {
            GenericKubernetesResource c = objects.get(i);
            progress.report("apply", "applying " + c.getKind() + " " + c.getMetadata().getName(), i, objects.size());
            ObjectResult res = send(c, false);
            long deadline = System.nanoTime() + templateTimeout.toNanos();
            while (!res.ok() && isUnknownKind(res) && System.nanoTime() < deadline && !progress.cancelled()) {
                sleep(); // the CRD is being established
                res = send(c, false);
            }
            ok &= res.ok();
            results.add(res);
        }
        progress.report("apply", "done", objects.size(), objects.size());
        String summary = ok ? "Applied: the template is established and " + (objects.size() - 1) + " constraint"
                + (objects.size() == 2 ? " was" : "s were") + " applied."
                : "The template is established, but the API server refused a constraint (see below).";
        return new ApplyReport(false, ok, null, results, List.of(), summary);
    }

    /** Polls the template's status; null when created, else why not (errors filled in). */
    String awaitTemplate(GenericKubernetesResource template, List<TemplateError> errors, Progress progress) {
        String name = template.getMetadata().getName();
        long start = System.nanoTime();
        long deadline = start + templateTimeout.toNanos();
        while (true) {
            GenericKubernetesResource current;
            try {
                current = client.genericKubernetesResources(context(template)).withName(name).get();
            } catch (KubernetesClientException e) {
                return "cannot read the template's status: " + message(e);
            }
            if (current != null) {
                Map<String, Object> status = map(current.getAdditionalProperties().get("status"));
                Long generation = current.getMetadata().getGeneration();
                List<TemplateError> found = templateErrors(status, generation);
                if (!found.isEmpty()) {
                    errors.addAll(found);
                    return "Gatekeeper rejected the template: " + found.get(0).message()
                            + (found.size() > 1 ? " (and " + (found.size() - 1) + " more)" : "");
                }
                if (Boolean.TRUE.equals(status.get("created"))) {
                    return null;
                }
            }
            if (System.nanoTime() > deadline || progress.cancelled()) {
                return "the template was not reported created within " + templateTimeout.toSeconds()
                        + " s: is Gatekeeper running in the cluster? (kubectl get constrainttemplate " + name + " -o yaml)";
            }
            progress.report("wait", "waiting for Gatekeeper to create the template's CRD ("
                    + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s)", 1, -1);
            sleep();
        }
    }

    static List<TemplateError> templateErrors(Map<String, Object> status, Long generation) {
        List<TemplateError> out = new ArrayList<>();
        Object byPod = status.get("byPod");
        if (!(byPod instanceof List<?> pods)) {
            return out;
        }
        for (Object p : pods) {
            Map<String, Object> pod = map(p);
            Object observed = pod.get("observedGeneration");
            if (generation != null && observed instanceof Number n && n.longValue() != generation) {
                continue; // about an older version of the template
            }
            if (pod.get("errors") instanceof List<?> errs) {
                for (Object e : errs) {
                    Map<String, Object> err = map(e);
                    out.add(new TemplateError(str(pod.get("id")), str(err.get("code")), str(err.get("message")),
                            str(err.get("location"))));
                }
            }
        }
        return out;
    }

    private ObjectResult send(GenericKubernetesResource r, boolean dryRun) {
        String what = r.getKind() + " " + r.getMetadata().getName();
        Resource<GenericKubernetesResource> res = resource(r);
        try {
            GenericKubernetesResource answer;
            String action;
            try {
                WritableOperation<GenericKubernetesResource> op = dryRun ? res.dryRun() : res;
                answer = op.fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
                action = "applied";
            } catch (KubernetesClientException e) {
                // 415: no server-side apply (old servers, fabric8's CRUD mock on existing objects);
                // 404: the mock's answer for a new object (a real server creates it, or the kind is not served)
                if (e.getCode() != 415 && e.getCode() != 404) {
                    throw e;
                }
                boolean existed = res.get() != null;
                WritableOperation<GenericKubernetesResource> op = dryRun ? res.dryRun() : res;
                answer = op.createOr(NonDeletingOperation::update);
                action = existed ? "configured" : "created";
            }
            return new ObjectResult(r.getApiVersion(), r.getKind(), r.getMetadata().getName(), true, dryRun ? "would be " + action : action,
                    what + (dryRun ? ": accepted (server dry run)" : ": applied"), answerOf(answer));
        } catch (KubernetesClientException e) {
            return new ObjectResult(r.getApiVersion(), r.getKind(), r.getMetadata().getName(), false, "refused",
                    what + ": " + message(e), statusOf(e));
        }
    }

    private static boolean isUnknownKind(ObjectResult r) {
        return r.answer() != null && Integer.valueOf(404).equals(r.answer().get("code"));
    }

    static String message(KubernetesClientException e) {
        Status s = e.getStatus();
        if (s != null && s.getMessage() != null && !s.getMessage().isEmpty()) {
            return s.getMessage() + (s.getCode() != null ? " (HTTP " + s.getCode() + ")" : "");
        }
        return e.getMessage();
    }

    private static Map<String, Object> statusOf(KubernetesClientException e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", e.getCode());
        Status s = e.getStatus();
        if (s != null) {
            m.put("reason", s.getReason());
            m.put("message", s.getMessage());
            if (s.getDetails() != null && s.getDetails().getCauses() != null) {
                m.put("causes", s.getDetails().getCauses().stream()
                        .map(c -> Map.of("field", str(c.getField()), "message", str(c.getMessage()))).toList());
            }
        } else {
            m.put("message", e.getMessage());
        }
        return m;
    }

    private Map<String, Object> answerOf(GenericKubernetesResource answer) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", 200);
        if (answer != null && answer.getMetadata() != null) {
            m.put("uid", answer.getMetadata().getUid());
            m.put("resourceVersion", answer.getMetadata().getResourceVersion());
            m.put("generation", answer.getMetadata().getGeneration());
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private void sleep() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
