package dev.gkstudio.backend.share;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Share links.
 * <ul>
 * <li>{@code POST /api/share} with a workspace → {@code 201 {"id","url","path","created":true}} (or
 *     200 when the same workspace was shared before: same id). Errors: 400/422 invalid workspace
 *     (with {@code problems}), 413 too large, 429 rate limited (with {@code Retry-After}).</li>
 * <li>{@code GET /api/share/{id}} → {@code {"id","workspace"}}; 404 unknown id; 422 the stored
 *     content fails validation or does not match its id ({@code problems} say what is wrong).</li>
 * <li>{@code POST /api/share/check} with a workspace → {@code {"workspace"}} normalised, or 422:
 *     the validation of {@code /#w=} links, which never reach the store.</li>
 * </ul>
 * Error bodies are {@code {"error": "...", "problems": [{"path","message"}]}}.
 */
@Path("/api/share")
@Produces(MediaType.APPLICATION_JSON)
public class ShareResource {

    private final ShareService service;

    ShareResource(ShareService service) {
        this.service = service;
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public Response share(String body, @Context HttpServerRequest request, @Context UriInfo uri) {
        String client = clientAddress(request);
        try {
            ShareService.Created c = service.share(client, body == null ? "" : body);
            String path = "/s/" + c.id();
            URI url = uri.getBaseUri().resolve(path.substring(1));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", c.id());
            out.put("url", url.toString());
            out.put("path", path);
            out.put("created", c.created());
            out.put("sizeBytes", c.sizeBytes());
            return Response.status(c.created() ? 201 : 200).location(url).entity(json(out)).build();
        } catch (ShareService.Refused e) {
            return error(e);
        }
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id) {
        try {
            SharedWorkspace w = service.get(id);
            return Response.ok(json(Map.of("id", id, "workspace", w.tree())))
                    .header("Cache-Control", "public, max-age=31536000, immutable").build();
        } catch (ShareService.Refused e) {
            return error(e);
        }
    }

    @POST
    @Path("/check")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public Response check(String body) {
        try {
            if (body != null && body.length() > ShareBodyLimit.maxBodyChars(service.maxBytes())) {
                return error(413, service.tooLarge(body.length()).getMessage(), List.of(), 0);
            }
            SharedWorkspace w = service.validate(body == null ? "" : body);
            return Response.ok(json(Map.of("workspace", w.tree(), "id", w.id()))).build();
        } catch (ShareService.Refused e) {
            return error(e);
        }
    }

    static String clientAddress(HttpServerRequest request) {
        if (request == null || request.remoteAddress() == null) {
            return "unknown";
        }
        String host = request.remoteAddress().hostAddress();
        return host == null ? request.remoteAddress().toString() : host;
    }

    static Response error(ShareService.Refused e) {
        int status = switch (e.reason()) {
            case TOO_LARGE -> 413;
            case RATE_LIMITED -> 429;
            case INVALID, CORRUPT -> 422;
            case NOT_FOUND -> 404;
            case COLLISION -> 409;
        };
        return error(status, e.getMessage(), e.problems(), e.retryAfterSeconds());
    }

    static Response error(int status, String message, List<SharedWorkspace.Problem> problems, long retryAfter) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("error", message);
        out.put("problems", problems.stream().map(p -> Map.of("path", p.path(), "message", p.message())).toList());
        Response.ResponseBuilder b = Response.status(status).type(MediaType.APPLICATION_JSON).entity(json(out));
        if (retryAfter > 0) {
            b.header("Retry-After", Long.toString(retryAfter));
        }
        return b.build();
    }

    static String json(Object o) {
        try {
            return SharedWorkspace.JSON.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
