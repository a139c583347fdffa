package dev.gkstudio.backend.cluster;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.gkstudio.backend.eval.Workspace;
import dev.gkstudio.backend.share.SharedWorkspace;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Cluster access (only when the Studio runs with {@code gkstudio.cluster.enabled=true}; else every
 * call but the first answers 403):
 * <ul>
 * <li>{@code GET /api/cluster} → {@code {"enabled":bool,"server":"https://..."}};</li>
 * <li>{@code POST /api/cluster/dry-run} {@code {"workspace":{...}}} → the API server's answer per
 *     object and a {@code confirm} token;</li>
 * <li>{@code POST /api/cluster/apply} {@code {"workspace":{...},"confirm":"..."}} → a job;</li>
 * <li>{@code POST /api/cluster/audit} {@code {"workspace":{...}}} → a job (read-only);</li>
 * <li>{@code GET /api/cluster/jobs/{id}} → progress and, when done, the result.</li>
 * </ul>
 */
@Path("/api/cluster")
@Produces(MediaType.APPLICATION_JSON)
public class ClusterResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClusterService cluster;

    ClusterResource(ClusterService cluster) {
        this.cluster = cluster;
    }

    @GET
    public Response status() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", cluster.enabled());
        if (cluster.enabled()) {
            try {
                m.put("server", cluster.server());
            } catch (RuntimeException e) {
                m.put("error", "the cluster configuration cannot be read: " + e.getMessage());
            }
        } else {
            m.put("reason", "cluster access is off on this Studio (gkstudio.cluster.enabled=false)");
        }
        return json(200, m);
    }

    @POST
    @Path("/dry-run")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response dryRun(String body) {
        Object w = workspace(body);
        if (w instanceof Response r) {
            return r;
        }
        try {
            return json(200, cluster.operations().dryRun((Workspace) w));
        } catch (ClusterOperations.NotApplicable e) {
            return error(422, e.getMessage());
        } catch (RuntimeException e) {
            return error(502, "the cluster could not be reached: " + e.getMessage());
        }
    }

    @POST
    @Path("/apply")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response apply(String body) {
        Object w = workspace(body);
        if (w instanceof Response r) {
            return r;
        }
        String confirm = field(body, "confirm");
        ClusterOperations ops = cluster.operations();
        try {
            ops.objects((Workspace) w);
        } catch (ClusterOperations.NotApplicable e) {
            return error(422, e.getMessage());
        }
        ClusterJobs.Job job = cluster.jobs().start("apply", p -> ops.apply((Workspace) w, confirm, p));
        return json(202, job.view());
    }

    @POST
    @Path("/audit")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response audit(String body) {
        Object w = workspace(body);
        if (w instanceof Response r) {
            return r;
        }
        LiveAudit audit = cluster.audit();
        ClusterJobs.Job job = cluster.jobs().start("audit", p -> audit.run((Workspace) w, p));
        return json(202, job.view());
    }

    @GET
    @Path("/jobs/{id}")
    public Response job(@PathParam("id") String id) {
        if (!cluster.enabled()) {
            return disabled();
        }
        ClusterJobs.Job job = cluster.jobs().get(id);
        return job == null ? error(404, "no such job (finished jobs are kept for ten minutes)") : json(200, job.view());
    }

    @POST
    @Path("/jobs/{id}/cancel")
    public Response cancel(@PathParam("id") String id) {
        if (!cluster.enabled()) {
            return disabled();
        }
        ClusterJobs.Job job = cluster.jobs().get(id);
        if (job == null) {
            return error(404, "no such job");
        }
        job.cancel = true;
        return json(200, job.view());
    }

    /** The workspace of a request body {@code {"workspace":{...}}}, or an error response. */
    private Object workspace(String body) {
        if (!cluster.enabled()) {
            return disabled();
        }
        if (body == null || body.length() > 8 << 20) {
            return error(413, "the request is too large");
        }
        try {
            JsonNode root = JSON.readTree(body);
            return SharedWorkspace.of(root == null ? null : root.get("workspace")).toWorkspace();
        } catch (SharedWorkspace.InvalidException e) {
            return error(422, "The workspace is not valid: " + e.getMessage());
        } catch (java.io.IOException e) {
            return error(400, "not valid JSON");
        }
    }

    private static String field(String body, String name) {
        try {
            JsonNode v = JSON.readTree(body).get(name);
            return v == null || !v.isTextual() ? null : v.textValue();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static Response disabled() {
        return error(403, "Cluster access is off on this Studio: start it with gkstudio.cluster.enabled=true "
                + "and a kubeconfig or in-cluster service account (see the README).");
    }

    static Response error(int status, String message) {
        return json(status, Map.of("error", message));
    }

    static Response json(int status, Object o) {
        try {
            return Response.status(status).type(MediaType.APPLICATION_JSON).entity(JSON.writeValueAsString(o)).build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
