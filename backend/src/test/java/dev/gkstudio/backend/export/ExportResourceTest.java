package dev.gkstudio.backend.export;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ExportResourceTest {

    static String body() throws Exception {
        return new ObjectMapper().writeValueAsString(Fixtures.requiredLabels());
    }

    @Test
    void zipDownloadVerifies(@TempDir Path tmp) throws Exception {
        byte[] zip = given().contentType("application/json").body(body()).post("/api/export/zip")
                .then().statusCode(200).contentType("application/zip")
                .header("Content-Disposition", containsString("k8srequiredlabels.zip"))
                .extract().asByteArray();
        Path top = LibraryBundleTest.unzip(zip, tmp);
        assertEquals(3, LibraryBundleTest.verify(top.resolve("suite.yaml")).tests().get(0).cases().size());
    }

    @Test
    void menuJsonYamlAndKubectl() throws Exception {
        given().contentType("application/json").body(body()).post("/api/export").then().statusCode(200)
                .body("name", equalTo("k8srequiredlabels"))
                .body("files.'template.yaml'", containsString("kind: ConstraintTemplate"))
                .body("kubectl", containsString("kubectl apply -f - <<'EOF'"))
                .body("yaml", containsString("\n---\n"));
        given().contentType("application/json").body(body()).post("/api/export/yaml").then().statusCode(200)
                .body(containsString("kind: K8sRequiredLabels"));
        given().contentType("application/json").body(body()).post("/api/export/kubectl").then().statusCode(200)
                .contentType(containsString("text/plain")).body(containsString("kubectl wait"));
        String hostile = new ObjectMapper().writeValueAsString(KubectlInjectionTest.named("x$(touch pwned)", "K8sRequiredLabels"));
        given().contentType("application/json").body(hostile).post("/api/export/kubectl").then().statusCode(422)
                .body("problems.path", hasItem("template.name"));
        given().contentType("application/json").body(hostile).post("/api/export").then().statusCode(200)
                .body("kubectl", org.hamcrest.Matchers.nullValue())
                .body("kubectlError", containsString("not a valid Kubernetes name"));
        given().contentType("application/json").body("{\"samples\":1}").post("/api/export/zip").then().statusCode(422)
                .body("problems.path", hasItem("samples"));
    }
}
