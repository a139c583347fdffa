package dev.gkstudio.lsp.features;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.lsp4j.Hover;
import org.junit.jupiter.api.Test;

import dev.gkstudio.lsp.Fixture;

class HoverTest {

    private static String hover(Fixture f) {
        Hover h = Hovers.hover(f.ws, f.doc, f.cursor);
        return h == null ? null : h.getContents().getRight().getValue();
    }

    @Test
    void builtinSignatureAndDoc() {
        String h = hover(Fixture.rego("package a\n\np if co<|>unt(input.xs) > 1\n"));
        assertTrue(h.contains("count(collection: any<string, array[any], object[any: any], set[any]>) -> number"), h);
        assertTrue(h.contains("built-in"), h);
    }

    @Test
    void disabledBuiltinSaysWhy() {
        String h = hover(Fixture.rego("package a\n\np := http.se<|>nd({\"method\": \"get\", \"url\": \"http://x\"})\n"));
        assertTrue(h.contains("http.send(request: object[string: any])") && h.contains("Not available in the Studio")
                && h.contains("network"), h);
        assertFalse(hover(Fixture.rego("package a\n\np if co<|>unt(input.xs) > 1\n")).contains("Not available"));
    }

    @Test
    void ruleWithMetadata() {
        String h = hover(Fixture.rego("package a\n\n# METADATA\n# title: Is admin\n# description: The user is an admin\nis_admin if input.user == \"root\"\n\np if is_ad<|>min\n"));
        assertTrue(h.contains("Is admin") && h.contains("The user is an admin") && h.contains("rule of package `a`"), h);
    }

    @Test
    void parameterSchemaTypeAndDescription() {
        Fixture f = Fixture.rego("package a\n\np if input.parameters.rep<|>os\n");
        f.ws.settings(dev.gkstudio.lsp.workspace.Workspace.Settings.from(com.google.gson.JsonParser.parseString(
                "{\"parameters\": {\"properties\": {\"repos\": {\"type\": \"array\", \"description\": \"Allowed repositories\"}}}}"),
                f.ws.settings()));
        String h = hover(f);
        assertTrue(h.contains("array") && h.contains("Allowed repositories"), h);
    }

    @Test
    void kubernetesFieldType() {
        String h = hover(Fixture.rego("package a\n\np if input.review.object.spec.contai<|>ners\n"));
        assertTrue(h.contains("Container[]"), h);
    }

    @Test
    void keyword() {
        assertTrue(hover(Fixture.rego("package a\n\np if {\n\tev<|>ery x in input.xs { x }\n}\n")).contains("every"));
    }

    @Test
    void nothingOnPunctuation() {
        assertNull(hover(Fixture.rego("package a\n\np := <|>  1\n")));
    }
}
