package dev.gkstudio.backend.share;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/** The share API with the Studio configured for PostgreSQL (profile "pg", Flyway at start). */
@QuarkusTest
@TestProfile(ShareResourcePostgresTest.Pg.class)
class ShareResourcePostgresTest {

    public static class Pg implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "pg";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.sharepg.jdbc.url", TestPostgres.configured() ? TestPostgres.URL : "jdbc:postgresql://127.0.0.1:1/none",
                    "quarkus.datasource.sharepg.username", TestPostgres.USER,
                    "quarkus.datasource.sharepg.password", TestPostgres.PASSWORD);
        }
    }

    @Inject
    ShareService service;

    @BeforeAll
    static void requirePostgres() {
        TestPostgres.require();
    }

    @Test
    void roundTripOnPostgres() throws Exception {
        assertEquals("PostgreSQL", service.store().describe());
        String body = Workspaces.unique();
        String id = given().contentType("application/json").body(body).post("/api/share")
                .then().statusCode(201).extract().path("id");
        given().contentType("application/json").body(body).post("/api/share")
                .then().statusCode(200).body("id", equalTo(id));
        String fetched = given().get("/api/share/" + id).then().statusCode(200).extract().asString();
        assertEquals(SharedWorkspace.parse(body).tree(), SharedWorkspace.JSON.readTree(fetched).get("workspace"));
    }
}
