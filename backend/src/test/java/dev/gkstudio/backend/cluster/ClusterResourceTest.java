package dev.gkstudio.backend.cluster;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Cluster access is off by default: the Studio says so and touches no cluster. */
@QuarkusTest
class ClusterResourceTest {

    @Test
    void offByDefault() {
        given().get("/api/cluster").then().statusCode(200).body("enabled", equalTo(false))
                .body("reason", containsString("gkstudio.cluster.enabled=false"));
        given().contentType("application/json").body("{\"workspace\":{}}").post("/api/cluster/dry-run")
                .then().statusCode(403).body("error", containsString("Cluster access is off on this Studio"));
        given().contentType("application/json").body("{\"workspace\":{}}").post("/api/cluster/audit")
                .then().statusCode(403);
        given().get("/api/cluster/jobs/x").then().statusCode(403);
    }
}
