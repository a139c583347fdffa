package dev.gkstudio.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The deployment in {@code deploy/kubernetes}: several Studio replicas on one PostgreSQL. A link shared through
 * one instance opens on the other, as it must behind a Service that sends each request to any replica.
 * Needs the PostgreSQL that {@code .ci/run} starts ({@code GKSTUDIO_TEST_PG_URL}); skipped without it on a
 * developer machine, failed without it in CI.
 */
class TwoStudiosShareTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aLinkSharedOnOneReplicaOpensOnAnother() throws Exception {
        String url = System.getenv("GKSTUDIO_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            String why = "no PostgreSQL: set GKSTUDIO_TEST_PG_URL (.ci/run starts one)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why);
            }
            abort(why);
        }
        Map<String, String> env = Map.of(
                "QUARKUS_PROFILE", "pg",
                "GKSTUDIO_PG_URL", url,
                "GKSTUDIO_PG_USER", System.getenv().getOrDefault("GKSTUDIO_TEST_PG_USER", "gkstudio"),
                "GKSTUDIO_PG_PASSWORD", System.getenv().getOrDefault("GKSTUDIO_TEST_PG_PASSWORD", ""));
        Path app = Path.of(System.getProperty("studio.app"));
        try (StudioProcess a = StudioProcess.start(app, Path.of("target", "studio-replica-a.log"), env);
                StudioProcess b = StudioProcess.start(app, Path.of("target", "studio-replica-b.log"), env)) {
            String samples = "# case: replica test " + UUID.randomUUID() + "\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n";
            String workspace = JSON.writeValueAsString(Map.of(
                    "format", 1,
                    "template", Map.of("rego", "package k8sreplicas\n\nviolation[{\"msg\": \"no\"}] { false }\n",
                            "regoVersion", "v0", "kind", "K8sReplicas", "name", "k8sreplicas"),
                    "constraints", "",
                    "samples", samples,
                    "inventory", ""));
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> shared = http.send(HttpRequest.newBuilder(a.baseUri.resolve("api/share"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(workspace)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, shared.statusCode(), shared.body());
            String id = JSON.readTree(shared.body()).get("id").asText();

            HttpResponse<String> opened = http.send(HttpRequest.newBuilder(b.baseUri.resolve("api/share/" + id)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, opened.statusCode(), opened.body());
            JsonNode body = JSON.readTree(opened.body());
            assertEquals(samples, body.path("workspace").path("samples").asText(), opened.body());
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(b.baseUri + "s/" + id)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), "the share page of replica b");
        }
    }
}
