package dev.gkstudio.backend;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dev.gkstudio.backend.eval.Workspace;
import dev.gkstudio.backend.eval.WorkspaceEvaluator;
import dev.gkstudio.backend.export.ExportRateLimit;
import dev.gkstudio.backend.export.LibraryBundle;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /api/bundle}: the workspace as a zip of gator files (template, constraint(s),
 * samples, inventory, Constraint CRD and {@code suite.yaml}), ready for {@code verify suite.yaml}.
 */
@Path("/api/bundle")
public class BundleResource {

    private final WorkspaceEvaluator evaluator;
    private final ExportRateLimit rateLimit;

    BundleResource(WorkspaceEvaluator evaluator, ExportRateLimit rateLimit) {
        this.evaluator = evaluator;
        this.rateLimit = rateLimit;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces("application/zip")
    public Response bundle(String body, @Context HttpServerRequest request) throws IOException {
        Response limited = rateLimit.refuse(request);
        if (limited != null) {
            return limited;
        }
        if (body.length() > 4 * WorkspaceEvaluator.MAX_TEXT_CHARS) {
            throw new BadRequestException("the workspace is too large");
        }
        Workspace w;
        try {
            w = EvalProtocol.JSON.readValue(body, Workspace.class);
        } catch (IOException e) {
            throw new BadRequestException("unreadable workspace");
        }
        Map<String, String> files = evaluator.bundle(w);
        // the same slug as /api/export/zip: a template named ".." must not put entries outside the top directory
        String name = LibraryBundle.bundleName(w);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(name + "/" + f.getKey()));
                zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return Response.ok(bytes.toByteArray())
                .header("Content-Disposition", "attachment; filename=\"" + name + "-bundle.zip\"")
                .build();
    }
}
