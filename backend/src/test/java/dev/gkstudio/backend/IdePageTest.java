package dev.gkstudio.backend;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IdePageTest {

    @Test
    void pageHasTheEditorsAndTheStatus() {
        given().get("/").then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("Gatekeeper Studio"))
                .body(containsString("data-testid=\"rego-editor\""))
                .body(containsString("data-testid=\"constraint-editor\""))
                .body(containsString("data-testid=\"samples-editor\""))
                .body(containsString("data-testid=\"results\""))
                .body(containsString("data-testid=\"lsp-status\""))
                .body(containsString("/app/main.js"));
    }

    @Test
    void monacoIsServedFromTheWebjar() {
        given().get("/webjars/monaco-editor/0.52.2/min/vs/loader.js").then().statusCode(200);
        // the path the page uses, without the version
        given().get("/webjars/monaco-editor/min/vs/loader.js").then().statusCode(200);
        given().get("/webjars/monaco-editor/min/vs/editor/editor.main.js").then().statusCode(200);
    }

    @Test
    void frontendScriptsAreServedFromTheFrontendJar() {
        for (String asset : new String[] {"main.js", "lsp-client.js", "rego-language.js", "studio.css"}) {
            given().get("/app/" + asset).then().statusCode(200);
        }
    }

    @Test
    void healthIsUp() {
        given().get("/q/health").then()
                .statusCode(200)
                .body("status", is("UP"));
    }
}
