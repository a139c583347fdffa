package dev.gkstudio.backend;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.gkstudio.backend.eval.Workspace;
import dev.gkstudio.backend.export.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

/** {@code POST /api/bundle} (the header's Download bundle): no entry of the zip escapes its top directory. */
@QuarkusTest
class BundleResourceTest {

    static String body(String name, String kind) throws Exception {
        Workspace w = Fixtures.requiredLabels();
        Workspace.Template t = w.template();
        return new ObjectMapper().writeValueAsString(new Workspace(new Workspace.Template(t.rego(), t.libs(),
                t.regoVersion(), kind, name, t.schema(), t.annotations()), w.constraints(), w.samples(), w.inventory()));
    }

    static List<String> entries(byte[] zip) throws Exception {
        List<String> out = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.add(e.getName());
            }
        }
        return out;
    }

    @Test
    void hostileTemplateNamesStayInsideTheTopDirectory() throws Exception {
        Path root = Path.of("/unzip/here");
        for (String name : List.of("..", ".", "../../etc", "/abs", "a/../../b", "..\\..\\win", "%2e%2e", "\u0000", "...")) {
            byte[] zip = given().contentType("application/json").body(body(name, "K8sRequiredLabels")).post("/api/bundle")
                    .then().statusCode(200).extract().asByteArray();
            List<String> names = entries(zip);
            assertFalse(names.isEmpty(), name);
            String top = names.get(0).substring(0, names.get(0).indexOf('/'));
            assertFalse(top.equals("..") || top.equals(".") || top.isEmpty(), name + " → " + top);
            for (String e : names) {
                assertFalse(e.contains("\\") || e.startsWith("/"), e);
                Path p = root.resolve(e).normalize();
                assertTrue(p.startsWith(root.resolve(top)) && !p.equals(root.resolve(top)), name + ": entry " + e + " escapes");
            }
        }
    }

    @Test
    void theTopDirectoryIsTheSameSlugAsTheLibraryExport() throws Exception {
        byte[] zip = given().contentType("application/json").body(body("K8s Required/Labels", "K8sRequiredLabels"))
                .post("/api/bundle").then().statusCode(200).extract().asByteArray();
        assertEquals("k8s-required-labels", entries(zip).get(0).substring(0, entries(zip).get(0).indexOf('/')));
    }
}
