package dev.gkstudio.backend;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The single page of the Studio; its scripts and styles come from the frontend jar under /app. */
@Path("/")
public class IdePage {

    private final Template ide;

    IdePage(Template ide) {
        this.ide = ide;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance get() {
        return ide.instance();
    }
}
