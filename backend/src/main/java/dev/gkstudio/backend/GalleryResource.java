package dev.gkstudio.backend;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.gkstudio.backend.gallery.Gallery;
import dev.gkstudio.gatekeeper.yaml.YamlException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/gallery}: the example policies, and one of them as a workspace. */
@Path("/api/gallery")
@Produces(MediaType.APPLICATION_JSON)
public class GalleryResource {

    private final Gallery gallery;

    GalleryResource(Gallery gallery) {
        this.gallery = gallery;
    }

    @GET
    public String list() throws JsonProcessingException {
        return EvalProtocol.JSON.writeValueAsString(gallery.catalog());
    }

    @GET
    @Path("{id}")
    public String open(@PathParam("id") String id) throws JsonProcessingException, YamlException {
        Gallery.Policy policy = gallery.open(id);
        if (policy == null) {
            throw new NotFoundException("no policy " + id);
        }
        return EvalProtocol.JSON.writeValueAsString(policy);
    }
}
