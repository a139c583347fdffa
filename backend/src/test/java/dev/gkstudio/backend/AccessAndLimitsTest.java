package dev.gkstudio.backend;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.gkstudio.backend.export.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A Studio deployed behind a proxy with cluster access on: cluster calls need the access token, a client cannot
 * escape the per-client rate limits by naming another address in {@code Forwarded}/{@code X-Forwarded-For}
 * (the test client is not a trusted proxy), and compile-heavy REST calls are rate-limited per client.
 */
@QuarkusTest
@TestProfile(AccessAndLimitsTest.Deployed.class)
class AccessAndLimitsTest {

    public static final class Deployed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "gkstudio.cluster.enabled", "true",
                    "gkstudio.cluster.token", "s3cret-token",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-forwarded", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "203.0.113.7",
                    "gkstudio.share.rate-limit.requests", "3",
                    "gkstudio.export.rate-limit.requests", "3");
        }
    }

    @Test
    void clusterCallsNeedTheAccessToken() {
        given().get("/api/cluster").then().statusCode(200).body("enabled", equalTo(true));
        given().get("/api/cluster/jobs/nope").then().statusCode(401)
                .body("error", containsString("access token"));
        given().contentType("application/json").body("{\"workspace\":{}}").post("/api/cluster/apply").then().statusCode(401);
        given().header("X-Studio-Token", "wrong").get("/api/cluster/jobs/nope").then().statusCode(401)
                .body("error", containsString("wrong"));
        given().header("X-Studio-Token", "s3cret-token").get("/api/cluster/jobs/nope").then().statusCode(404);
        given().header("Authorization", "Bearer s3cret-token").get("/api/cluster/jobs/nope").then().statusCode(404);
    }

    @Test
    void forwardedHeadersFromAnUntrustedPeerDoNotEscapeTheShareLimit() {
        int limitedAt = -1;
        for (int i = 1; i <= 6 && limitedAt < 0; i++) {
            int status = given().contentType("application/json")
                    .header("Forwarded", "for=198.51.100." + i)
                    .header("X-Forwarded-For", "198.51.100." + i)
                    .body("{}").post("/api/share").then().extract().statusCode();
            if (status == 429) {
                limitedAt = i;
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(4, limitedAt,
                "each spoofed address would get its own bucket; the 4th share from this client is refused");
    }

    @Test
    void bundleAndExportAreRateLimitedPerClient() throws Exception {
        String body = new ObjectMapper().writeValueAsString(Fixtures.requiredLabels());
        given().contentType("application/json").body(body).post("/api/bundle").then().statusCode(200);
        given().contentType("application/json").body(body).post("/api/export/yaml").then().statusCode(200);
        given().contentType("application/json").body(body).post("/api/export/zip").then().statusCode(200);
        given().contentType("application/json").body(body).post("/api/export").then().statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("error", containsString("Too many exports from your address"));
        given().contentType("application/json").body(body).post("/api/bundle").then().statusCode(429);
    }
}
