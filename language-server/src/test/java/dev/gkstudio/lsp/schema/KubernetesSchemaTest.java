package dev.gkstudio.lsp.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class KubernetesSchemaTest {

    @Test
    void committedSchemaMatchesTheFabric8Model() throws Exception {
        try (InputStream in = KubernetesSchema.class.getResourceAsStream("kubernetes.txt")) {
            assertEquals(KubernetesSchemaGenerator.generate(), new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "kubernetes.txt is stale: run KubernetesSchemaGenerator");
        }
    }

    @Test
    void podSpecHasContainers() {
        KubernetesSchema s = KubernetesSchema.load();
        assertTrue(s.fields(java.util.List.of("Pod"), java.util.List.of("spec")).containsKey("containers"));
        assertEquals("Container[]", s.fields(java.util.List.of("Pod"), java.util.List.of("spec")).get("containers"));
        assertTrue(s.fields(java.util.List.of("Deployment"), java.util.List.of("spec", "template", "spec", "containers", "[]"))
                .containsKey("securityContext"));
    }
}
