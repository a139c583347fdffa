package dev.gkstudio.backend.share;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * Hostile input on the share API: every bad request gets a clear 4xx with a JSON error (and a
 * source position for JSON syntax), never a 500, a hang or a stored row that cannot be read back.
 */
@QuarkusTest
class ShareHostileInputTest {

    @Inject
    ShareService service;

    @TestHTTPResource("/api/share")
    URI shareUri;

    @AfterEach
    void resetLimits() {
        service.resetRateLimits();
    }

    Response share(String body) {
        service.resetRateLimits();
        return given().contentType("application/json").body(body).post("/api/share");
    }

    @Test
    void malformedJsonSaysWhereItBroke() {
        for (String bad : new String[] {"{", "{\"samples\":", "{\"samples\":\"a\",}", "[1,2", "{'samples':'x'}", "\u0000"}) {
            share(bad).then().statusCode(422)
                    .body("error", containsString("not valid JSON"))
                    .body("problems[0].message", containsString("line 1, column"));
        }
        share("{\"samples\":\"x\"}\n\n  {\"samples\":\"y\"}").then().statusCode(422)
                .body("problems[0].message", containsString("line 3, column 3"));
    }

    @Test
    void trailingContentIsRefused() {
        share("{\"samples\":\"x\"} {\"x\":1}").then().statusCode(422).body("problems[0].message", containsString("not valid JSON"));
        share("{\"samples\":\"x\"} garbage").then().statusCode(422).body("problems[0].message", containsString("not valid JSON"));
    }

    /** Plain HTTP (RestAssured pretty-prints a failing request body, which for deep nesting runs out of memory). */
    HttpResponse<String> post(String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(shareUri.resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void deepNestingIsRefusedQuickly() throws Exception {
        int depth = 100_000;
        String arrays = "{\"settings\":{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}}";
        String objects = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        for (String path : new String[] {"/api/share", "/api/share/check"}) {
            for (String deep : new String[] {arrays, objects}) {
                long cpu0 = dev.gkstudio.backend.ProcessCpu.millis();
                HttpResponse<String> r = post(path, deep);
                long cpu = dev.gkstudio.backend.ProcessCpu.millis() - cpu0;
                System.out.println("deep nesting " + path + ": " + r.statusCode() + " using " + cpu + " ms of CPU: " + r.body());
                assertEquals(422, r.statusCode(), r.body());
                assertTrue(r.body().contains("nesting depth exceeds the maximum of 32 levels"), r.body());
                assertTrue(r.body().contains("line 1, column"), r.body());
                // CPU of client and server together, not wall time (a loaded machine stretches that)
                assertTrue(cpu < 10_000, cpu + " ms of CPU");
            }
        }
    }

    @Test
    void hugeAndOddNumbersGetA4xxNotA500() {
        for (String n : new String[] {"1e999999999", "-1e999999999", "1e-999999999", "1" + "0".repeat(900),
                "123456789012345678901234567890.5e300", "0.1", "-0.0"}) {
            Response r = share("{\"settings\":{\"n\":" + n + "}}");
            int status = r.statusCode();
            assertTrue(status == 201 || status == 200 || status == 422, n + " -> " + status + " " + r.asString());
            if (status != 422) {
                String id = r.path("id");
                given().get("/api/share/" + id).then().statusCode(200);
            } else {
                r.then().body("error", containsString("not valid"));
            }
        }
        share("{\"settings\":{\"n\":1e999999999}}").then().statusCode(422)
                .body("problems.path", hasItem("settings.n"));
        share("{\"settings\":{\"n\":1" + "0".repeat(900) + "}}").then().statusCode(422)
                .body("problems.message", hasItem(containsString("out of range")));
        share("{\"settings\":{\"n\":1" + "0".repeat(5000) + "}}").then().statusCode(422);
        share("{\"settings\":{\"n\":NaN}}").then().statusCode(422);
    }

    @Test
    void duplicateKeysAreRefusedWithTheirName() {
        share("{\"samples\":\"a\",\"samples\":\"b\"}").then().statusCode(422)
                .body("problems[0].message", containsString("Duplicate field 'samples'"));
        share("{\"template\":{\"rego\":\"a\",\"rego\":\"b\"}}").then().statusCode(422);
        share("{\"settings\":{\"c\":1,\"c\":2}}").then().statusCode(422);
    }

    @Test
    void wrongTypesForEveryField() {
        String[] values = {"1", "true", "[]", "{}", "\"s\"", "1.5"};
        for (String field : new String[] {"constraints", "samples", "inventory"}) {
            for (String v : values) {
                Response r = share("{\"" + field + "\":" + v + "}");
                if (v.startsWith("\"")) {
                    assertTrue(r.statusCode() < 300, field + "=" + v + " " + r.asString());
                } else {
                    r.then().statusCode(422).body("problems.path", hasItem(field));
                }
            }
        }
        for (String field : new String[] {"rego", "kind", "name", "schema", "regoVersion", "libs", "annotations"}) {
            share("{\"template\":{\"" + field + "\":7}}").then().statusCode(422)
                    .body("problems.path", hasItem("template." + field));
        }
        share("{\"template\":{\"libs\":[1]}}").then().statusCode(422).body("problems.path", hasItem("template.libs[0]"));
        share("{\"template\":{\"annotations\":{\"a\":[]}}}").then().statusCode(422);
        share("{\"template\":[]}").then().statusCode(422).body("problems.path", hasItem("template"));
        share("{\"settings\":[]}").then().statusCode(422).body("problems.path", hasItem("settings"));
        share("{\"settings\":{\"x\":{}}}").then().statusCode(422).body("problems.path", hasItem("settings.x"));
        share("{\"format\":\"1\"}").then().statusCode(422).body("problems.path", hasItem("format"));
        share("{\"format\":2}").then().statusCode(422).body("problems.path", hasItem("format"));
        for (String top : new String[] {"[]", "\"x\"", "1", "null", "true", ""}) {
            share(top).then().statusCode(422).body("error", not(containsString("Exception")));
        }
    }

    @Test
    void unknownFieldsAreNamed() {
        share("{\"samples\":\"\",\"evil\":1}").then().statusCode(422).body("problems.path", hasItem("evil"));
        share("{\"template\":{\"x\":1}}").then().statusCode(422).body("problems.path", hasItem("template.x"));
        // a field name is echoed back as data in JSON only; the page renders it as text
        share("{\"<img src=x onerror=alert(1)>\":1}").then().statusCode(422)
                .contentType(containsString("application/json"))
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void nulBytesAndHtmlRoundTripAsData() throws Exception {
        String text = "a\u0000b\u0001</script><script>alert(1)</script><!--\u2028\u2029" + java.util.UUID.randomUUID();
        String body = ShareResource.json(Map.of("samples", text, "template", Map.of("annotations", Map.of("k\u0000", text)),
                "settings", Map.of("s", text)));
        Response r = share(body);
        r.then().statusCode(201);
        String id = r.path("id");
        String fetched = given().get("/api/share/" + id).then().statusCode(200)
                .contentType(containsString("application/json"))
                .header("X-Content-Type-Options", "nosniff")
                .extract().asString();
        assertEquals(text, SharedWorkspace.JSON.readTree(fetched).get("workspace").get("samples").textValue());
        assertFalse(fetched.contains("\u0000"), "NUL is escaped in the JSON text");
        String stored = service.store().get(id).orElseThrow().content();
        assertFalse(stored.contains("\u0000"), "no raw NUL reaches the database (PostgreSQL text refuses it)");
        // the page for that id does not contain the shared text at all
        given().get("/s/" + id).then().statusCode(200).body(not(containsString("alert(1)")));
    }

    @Test
    void loneSurrogatesAreNormalisedSoTheRowReadsBack() throws Exception {
        String lone = "{\"samples\":\"x\\ud800y\\udc00z " + java.util.UUID.randomUUID() + "\"}";
        Response r = share(lone);
        r.then().statusCode(201);
        String id = r.path("id");
        String samples = given().get("/api/share/" + id).then().statusCode(200).extract().path("workspace.samples");
        assertTrue(samples.startsWith("x\ufffdy\ufffdz "), samples);
        // the same workspace with U+FFFD written out is the same workspace: same id
        share(lone.replace("\\ud800", "\ufffd").replace("\\udc00", "\ufffd")).then().statusCode(200)
                .body("id", equalTo(id));
        SharedWorkspace w = SharedWorkspace.parse(lone);
        assertFalse(w.canonicalJson().chars().anyMatch(c -> Character.isSurrogate((char) c)));
        // a valid pair stays
        SharedWorkspace pair = SharedWorkspace.parse("{\"samples\":\"\\ud83d\\ude00\"}");
        assertEquals("\ud83d\ude00", pair.tree().get("samples").textValue());
    }

    @Test
    void hostileIdsAreRefusedWithoutTouchingTheStore() {
        for (String id : new String[] {"..%2F..%2Fetc%2Fpasswd", "%2e%2e", "%27%20OR%20%271%27%3D%271", "1%3BDROP%20TABLE%20x--", "00000000000000%27--",
                "0000000000000%00", "%F0%9F%98%80", "a".repeat(5000), "%3Cscript%3E"}) {
            Response r = given().urlEncodingEnabled(false).get("/api/share/" + id);
            assertTrue(r.statusCode() == 404 || r.statusCode() == 400 || r.statusCode() == 414, id + " -> " + r.statusCode() + " " + r.asString());
            assertFalse(r.asString().contains("Exception"), r.asString());
            if (r.statusCode() == 404 && r.contentType().contains("json")) {
                r.then().body("error", containsString("No shared workspace"));
            }
            Response page = given().urlEncodingEnabled(false).get("/s/" + id);
            assertTrue(page.statusCode() == 200 || page.statusCode() == 404 || page.statusCode() == 400 || page.statusCode() == 414,
                    id + " page -> " + page.statusCode());
            assertFalse(page.asString().contains("<script>") || page.asString().contains("OR '1'"), page.asString());
        }
    }

    @Test
    void forwardedForIsNotTrustedByTheRateLimiter() {
        String body = Workspaces.unique();
        int n = 0;
        int status = 0;
        while (n < 200 && status != 429) {
            status = given().contentType("application/json").header("X-Forwarded-For", "10.0.0." + n)
                    .header("Forwarded", "for=10.1.0." + n).header("X-Real-IP", "10.2.0." + n)
                    .body(body).post("/api/share").statusCode();
            n++;
        }
        assertEquals(429, status, "a fresh X-Forwarded-For per request escaped the limit for " + n + " requests");
    }

    /**
     * Sends a body of {@code size} declared bytes at about 0.5 MB/s; returns the status, or -1 if the server closed
     * first. {@code sent[0]} is how many body bytes the client produced before the answer: an operation count that
     * shows whether the server read the body, whatever the machine's load.
     */
    int slowPost(long size, long[] sent) throws Exception {
        SlowZeros body = new SlowZeros(size);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(shareUri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> body), size))
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } finally {
            sent[0] = size - body.left;
        }
    }

    @Test
    void oversizedBodyIsRefusedBeforeItIsRead() throws Exception {
        long[] sent = new long[1];
        // 50 MB: over Quarkus' global body limit (10 MiB); sending it all would take 100 s
        long size = 50L * 1024 * 1024;
        int status = slowPost(size, sent);
        System.out.println("50 MB slow body: status " + status + " after " + sent[0] + " bytes sent");
        assertTrue(status == 413 || status == -1, "status " + status);
        assertTrue(sent[0] < size / 2, "refused after " + sent[0] + " of " + size + " bytes");
        // 3 MB: under the global limit, over the share limit: refused from its length, the body is discarded unread
        status = slowPost(3L * 1024 * 1024, sent);
        System.out.println("3 MB slow body: status " + status + " after " + sent[0] + " bytes sent");
        assertEquals(413, status);
        // a body a little over the share limit is refused with the share error
        String big = "{\"samples\":\"" + "x".repeat(3 * service.maxBytes()) + "\"}";
        for (String path : new String[] {"/api/share", "/api/share/check"}) {
            HttpResponse<String> r = post(path, big);
            assertEquals(413, r.statusCode(), path);
            assertTrue(r.body().contains("too large"), r.body());
        }
    }

    /** Spaces at about 0.5 MB/s. */
    static final class SlowZeros extends InputStream {
        private volatile long left;

        SlowZeros(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
            int n = (int) Math.min(Math.min(len, 512), left);
            java.util.Arrays.fill(b, off, off + n, (byte) ' ');
            left -= n;
            return n;
        }
    }
}
