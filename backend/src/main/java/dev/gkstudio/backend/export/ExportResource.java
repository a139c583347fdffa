package dev.gkstudio.backend.export;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.gkstudio.backend.eval.Workspace;
import dev.gkstudio.backend.eval.WorkspaceEvaluator;
import dev.gkstudio.backend.share.SharedWorkspace;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Export of a workspace (the JSON the browser holds, as for {@code /api/share}):
 * <ul>
 * <li>{@code POST /api/export} → {@code {"name","files":{path:text},"warnings":[],"yaml","kubectl"}}
 *     (what the Export menu shows);</li>
 * <li>{@code POST /api/export/zip} → the gatekeeper-library bundle as a zip;</li>
 * <li>{@code POST /api/export/yaml} → template and constraint(s) as one multi-document YAML;</li>
 * <li>{@code POST /api/export/kubectl} → the {@code kubectl apply -f -} commands.</li>
 * </ul>
 */
@Path("/api/export")
public class ExportResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 4 * WorkspaceEvaluator.MAX_TEXT_CHARS;

    private final LibraryBundle bundles;
    private final ExportRateLimit rateLimit;

    ExportResource(WorkspaceEvaluator evaluator, ExportRateLimit rateLimit) {
        this.bundles = new LibraryBundle(evaluator);
        this.rateLimit = rateLimit;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response all(String body, @Context HttpServerRequest request) throws JsonProcessingException {
        Response limited = rateLimit.refuse(request);
        if (limited != null) {
            return limited;
        }
        Object w = read(body);
        if (w instanceof Response r) {
            return r;
        }
        Workspace ws = (Workspace) w;
        LibraryBundle.Bundle b = bundles.build(ws);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", b.name());
        out.put("files", b.files());
        out.put("warnings", b.warnings());
        out.put("yaml", bundles.multiDocument(ws));
        try {
            out.put("kubectl", bundles.kubectl(ws));
        } catch (LibraryBundle.InvalidNames e) {
            out.put("kubectl", null);
            out.put("kubectlError", e.getMessage());
        }
        return Response.ok(JSON.writeValueAsString(out)).build();
    }

    @POST
    @Path("/zip")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces("application/zip")
    public Response zip(String body, @Context HttpServerRequest request) {
        Response limited = rateLimit.refuse(request);
        if (limited != null) {
            return limited;
        }
        Object w = read(body);
        if (w instanceof Response r) {
            return r;
        }
        LibraryBundle.Bundle b = bundles.build((Workspace) w);
        return Response.ok(b.zip(), "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + b.name() + ".zip\"").build();
    }

    @POST
    @Path("/yaml")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces("application/yaml")
    public Response yaml(String body, @Context HttpServerRequest request) {
        Response limited = rateLimit.refuse(request);
        if (limited != null) {
            return limited;
        }
        Object w = read(body);
        if (w instanceof Response r) {
            return r;
        }
        Workspace ws = (Workspace) w;
        return Response.ok(bundles.multiDocument(ws), "application/yaml; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + LibraryBundle.bundleName(ws) + ".yaml\"").build();
    }

    @POST
    @Path("/kubectl")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.TEXT_PLAIN)
    public Response kubectl(String body, @Context HttpServerRequest request) {
        Response limited = rateLimit.refuse(request);
        if (limited != null) {
            return limited;
        }
        Object w = read(body);
        if (w instanceof Response r) {
            return r;
        }
        try {
            return Response.ok(bundles.kubectl((Workspace) w), "text/plain; charset=UTF-8").build();
        } catch (LibraryBundle.InvalidNames e) {
            return error(422, e.getMessage(), e.problems().stream().map(p -> {
                int colon = p.indexOf(": ");
                return new SharedWorkspace.Problem(p.substring(0, colon), p.substring(colon + 2));
            }).toList());
        }
    }

    /** The workspace, or an error response. */
    private static Object read(String body) {
        if (body == null || body.length() > MAX_BODY) {
            return error(413, "the workspace is too large to export", List.of());
        }
        try {
            return SharedWorkspace.parse(body).toWorkspace();
        } catch (SharedWorkspace.InvalidException e) {
            return error(422, "The workspace is not valid: " + e.getMessage(), e.problems());
        }
    }

    private static Response error(int status, String message, List<SharedWorkspace.Problem> problems) {
        try {
            return Response.status(status).type(MediaType.APPLICATION_JSON)
                    .entity(JSON.writeValueAsString(Map.of("error", message, "problems",
                            problems.stream().map(p -> Map.of("path", p.path(), "message", p.message())).toList())))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
