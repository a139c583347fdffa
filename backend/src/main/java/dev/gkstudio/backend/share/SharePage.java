package dev.gkstudio.backend.share;

import io.quarkus.qute.Template;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /s/{id}}: the IDE page itself; {@code share.js} sees the path, fetches
 * {@code /api/share/{id}} and opens the workspace read-only until the visitor edits it. An
 * unknown or invalid id still gets the page, which then says what is wrong.
 */
@Path("/s")
public class SharePage {

    private final Template ide;

    SharePage(Template ide) {
        this.ide = ide;
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.TEXT_HTML)
    public Response page(@PathParam("id") String id) {
        return Response.ok(ide.instance().render()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-cache").build();
    }
}
