package dev.gkstudio.backend.share;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** The share API on the default store (H2 file under target/gkstudio-test-data). */
@QuarkusTest
class ShareResourceTest {

    @Inject
    ShareService service;

    @AfterEach
    void resetLimits() {
        service.resetRateLimits();
    }

    static Response share(String body) {
        return given().contentType("application/json").body(body).post("/api/share");
    }

    @Test
    void createFetchIdenticalAndSameContentSameId() throws Exception {
        String body = Workspaces.unique();
        Response first = share(body);
        first.then().statusCode(201).body("created", equalTo(true));
        String id = first.path("id");
        assertEquals(ShareIds.LENGTH, id.length());
        assertTrue(first.<String>path("url").endsWith("/s/" + id), first.asString());
        assertEquals("/s/" + id, first.path("path"));

        share(body).then().statusCode(200).body("id", equalTo(id)).body("created", equalTo(false));

        String fetched = given().get("/api/share/" + id).then().statusCode(200)
                .header("Cache-Control", containsString("immutable"))
                .extract().asString();
        var tree = SharedWorkspace.JSON.readTree(fetched);
        assertEquals(id, tree.get("id").textValue());
        SharedWorkspace expected = SharedWorkspace.parse(body);
        assertEquals(expected.tree(), tree.get("workspace"));
        assertEquals(expected.canonicalJson(), SharedWorkspace.of(tree.get("workspace")).canonicalJson());
        assertEquals(id, SharedWorkspace.of(tree.get("workspace")).id(), "the fetched workspace hashes to its id");
    }

    @Test
    void pageRouteServesTheIdeWithAStrictCsp() {
        String id = share(Workspaces.unique()).then().statusCode(201).extract().path("id");
        String csp = given().get("/s/" + id).then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("/app/main.js"))
                .extract().header("Content-Security-Policy");
        String scriptSrc = java.util.Arrays.stream(csp.split(";")).map(String::strip)
                .filter(d -> d.startsWith("script-src ")).findFirst().orElseThrow();
        assertEquals("script-src 'self'", scriptSrc, "no inline script, no eval");
        assertTrue(csp.contains("object-src 'none'") && csp.contains("base-uri 'none'"), csp);
        given().get("/").then().statusCode(200).header("Content-Security-Policy", containsString("object-src 'none'"));
    }

    @Test
    void unknownAndMalformedIds() {
        given().get("/api/share/00000000000000").then().statusCode(404)
                .body("error", containsString("No shared workspace has the id 00000000000000"));
        given().get("/api/share/<script>").then().statusCode(404)
                .body("error", containsString("a link id is 14 letters and digits"));
    }

    @Test
    void invalidWorkspacesSayWhatIsWrong() {
        share("{\"template\":{\"rego\":1},\"samples\":[]}").then().statusCode(422)
                .body("error", containsString("The workspace is not valid"))
                .body("problems.path", hasItem("template.rego"))
                .body("problems.message", hasItem("must be a string, not array"));
        share("not json").then().statusCode(422).body("problems[0].message", containsString("not valid JSON"));
        given().contentType("application/json").body("{\"samples\":7}").post("/api/share/check").then().statusCode(422)
                .body("problems[0].path", equalTo("samples"));
        given().contentType("application/json").body(Workspaces.json(null)).post("/api/share/check").then().statusCode(200)
                .body("workspace.template.kind", equalTo("K8sRequiredLabels"));
    }

    @Test
    void sizeCapIsEnforcedWithAClearError() {
        String big = "x".repeat(service.maxBytes() + 10);
        share(ShareResource.json(Map.of("samples", big))).then().statusCode(413)
                .body("error", containsString("too large to share"))
                .body("error", containsString("the limit is 512.0 KiB"));
        share(ShareResource.json(Map.of("samples", "y".repeat(3 * service.maxBytes())))).then().statusCode(413);
    }

    @Test
    void rateLimitPerClientAddress() {
        String body = Workspaces.unique();
        int status = 0;
        int n = 0;
        Response r = null;
        while (n < 200) {
            r = share(body);
            status = r.statusCode();
            n++;
            if (status == 429) {
                break;
            }
        }
        assertEquals(429, status, "no 429 after " + n + " shares");
        assertTrue(n > 1);
        r.then().body("error", containsString("Too many shares from your address"))
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        // reading links is not limited
        given().get("/api/share/00000000000000").then().statusCode(404);
    }
}
