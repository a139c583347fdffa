package dev.gkstudio.lsp.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Test;

import dev.gkstudio.lsp.Fixture;

class NavigationTest {

    private static final String LIB = "package lib.helpers\n\nis_pod(o) if o.kind == \"Pod\"\n";

    private static Range r(int l, int c, int l2, int c2) { return new Range(new Position(l, c), new Position(l2, c2)); }

    @Test
    void definitionOfALocalRule() {
        Fixture f = Fixture.rego("package a\n\nadmin if input.user == \"root\"\n\np if adm<|>in\n");
        List<Location> d = NavigationFeature.definition(f.ws, f.doc, f.cursor);
        assertEquals(List.of(new Location("file:///w/policy.rego", r(2, 0, 2, 5))), d);
    }

    @Test
    void definitionAcrossDocumentsThroughAnImport() {
        Fixture f = new Fixture().open("file:///w/lib.rego", "rego", LIB)
                .open("file:///w/p.rego", "rego", "package a\n\nimport data.lib.helpers\n\np if helpers.is_p<|>od(input)\n");
        assertEquals(List.of(new Location("file:///w/lib.rego", r(2, 0, 2, 6))), NavigationFeature.definition(f.ws, f.doc, f.cursor));
        Fixture g = new Fixture().open("file:///w/lib.rego", "rego", LIB)
                .open("file:///w/p.rego", "rego", "package a\n\np if data.lib.helpers.is_p<|>od(input)\n");
        assertEquals(List.of(new Location("file:///w/lib.rego", r(2, 0, 2, 6))), NavigationFeature.definition(g.ws, g.doc, g.cursor));
    }

    @Test
    void definitionOfAnImportedPackage() {
        Fixture f = new Fixture().open("file:///w/lib.rego", "rego", LIB)
                .open("file:///w/p.rego", "rego", "package a\n\nimport data.lib.help<|>ers\n\np if helpers.is_pod(input)\n");
        assertEquals(List.of(new Location("file:///w/lib.rego", r(0, 0, 0, 19))), NavigationFeature.definition(f.ws, f.doc, f.cursor));
    }

    @Test
    void definitionOfAVariable() {
        Fixture f = Fixture.rego("package a\n\np if {\n\tname := input.x\n\tstartswith(na<|>me, \"a\")\n}\n");
        assertEquals(List.of(new Location("file:///w/policy.rego", r(3, 1, 3, 5))), NavigationFeature.definition(f.ws, f.doc, f.cursor));
    }

    @Test
    void referencesAcrossDocuments() {
        Fixture f = new Fixture().open("file:///w/p.rego", "rego", "package a\n\nimport data.lib.helpers\n\np if helpers.is_pod(input)\n")
                .open("file:///w/lib.rego", "rego", "package lib.helpers\n\nis_p<|>od(o) if o.kind == \"Pod\"\n\nq if is_pod(input)\n");
        assertEquals(3, NavigationFeature.references(f.ws, f.doc, f.cursor, true).size());
        assertEquals(2, NavigationFeature.references(f.ws, f.doc, f.cursor, false).size());
    }

    @Test
    void renameRuleEverywhere() {
        Fixture f = new Fixture().open("file:///w/p.rego", "rego", "package a\n\nimport data.lib.helpers\n\np if helpers.is_pod(input)\n")
                .open("file:///w/lib.rego", "rego", "package lib.helpers\n\nis_p<|>od(o) if o.kind == \"Pod\"\n");
        var edit = NavigationFeature.rename(f.ws, f.doc, f.cursor, "pod");
        assertEquals(List.of(new TextEdit(r(4, 13, 4, 19), "pod")), edit.getChanges().get("file:///w/p.rego"));
        assertEquals(List.of(new TextEdit(r(2, 0, 2, 6), "pod")), edit.getChanges().get("file:///w/lib.rego"));
    }

    @Test
    void renameVariableOnlyInItsRule() {
        Fixture f = Fixture.rego("package a\n\np if {\n\tx<|> := input.x\n\tx > 1\n}\n\nq if {\n\tx := 1\n\tx > 0\n}\n");
        var edits = NavigationFeature.rename(f.ws, f.doc, f.cursor, "y").getChanges().get("file:///w/policy.rego");
        assertEquals(List.of(new TextEdit(r(3, 1, 3, 2), "y"), new TextEdit(r(4, 1, 4, 2), "y")), edits);
    }

    @Test
    void highlight() {
        Fixture f = Fixture.rego("package a\n\nadm<|>in if input.user == \"root\"\n\np if admin\n\nq if not admin\n");
        assertEquals(3, NavigationFeature.highlight(f.ws, f.doc, f.cursor).size());
    }

    private static final String USE_IN_REF = "package a\n\nviolation contains msg if {\n\tsome container in input.review.object.spec.containers\n"
            + "\tnot startswith(cont<|>ainer.image, \"registry/\")\n\tmsg := sprintf(\"%v\", [container.name])\n}\n";

    @Test
    void definitionHighlightAndRenameFromAVariablesUseInsideARef() {
        Fixture f = Fixture.rego(USE_IN_REF);
        assertEquals(List.of(new Location("file:///w/policy.rego", r(3, 6, 3, 15))), NavigationFeature.definition(f.ws, f.doc, f.cursor));
        assertEquals(3, NavigationFeature.highlight(f.ws, f.doc, f.cursor).size());
        var edits = NavigationFeature.rename(f.ws, f.doc, f.cursor, "c").getChanges().get("file:///w/policy.rego");
        assertEquals(List.of(new TextEdit(r(3, 6, 3, 15), "c"), new TextEdit(r(4, 16, 4, 25), "c"), new TextEdit(r(5, 23, 5, 32), "c")),
                edits);
        // the field after the dot is not the variable
        Fixture field = Fixture.rego(USE_IN_REF.replace("<|>", "").replace("container.ima", "container.i<|>ma"));
        assertEquals(List.of(), NavigationFeature.definition(field.ws, field.doc, field.cursor));
    }

    @Test
    void renameRefusesAnInvalidOrClashingName() {
        Fixture f = Fixture.rego("package a\n\nadm<|>in if input.user == \"root\"\n\nowner if input.user == \"me\"\n\np if {\n\tx := 1\n\tx > 0\n}\n");
        assertRefused(() -> NavigationFeature.rename(f.ws, f.doc, f.cursor, "not a name"), "not a valid");
        assertRefused(() -> NavigationFeature.rename(f.ws, f.doc, f.cursor, "if"), "keyword");
        assertRefused(() -> NavigationFeature.rename(f.ws, f.doc, f.cursor, "owner"), "owner");
        Fixture v = Fixture.rego("package a\n\nowner if input.user == \"me\"\n\np if {\n\tx<|> := 1\n\ty := 2\n\tx > y\n}\n");
        assertRefused(() -> NavigationFeature.rename(v.ws, v.doc, v.cursor, "y"), "y");
        assertRefused(() -> NavigationFeature.rename(v.ws, v.doc, v.cursor, "owner"), "owner");
        assertEquals(2, NavigationFeature.rename(v.ws, v.doc, v.cursor, "z").getChanges().get("file:///w/policy.rego").size());
    }

    private static void assertRefused(org.junit.jupiter.api.function.Executable rename, String mentioned) {
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.eclipse.lsp4j.jsonrpc.ResponseErrorException.class, rename);
        String message = e.getResponseError().getMessage();
        org.junit.jupiter.api.Assertions.assertTrue(message.contains(mentioned), message);
        org.junit.jupiter.api.Assertions.assertFalse(message.contains("\n"), message);
    }
}
