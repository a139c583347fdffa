package dev.gkstudio.lsp.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SignatureHelp;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Test;

import dev.gkstudio.lsp.Fixture;
import dev.gkstudio.lsp.text.LineMap;
import dev.gkstudio.lsp.workspace.Workspace;
import dev.gkstudio.rego.ast.RegoVersion;

/** Formatting, code actions, signature help, semantic tokens and inlay hints. */
class EditingTest {

    static String apply(String text, List<TextEdit> edits) {
        LineMap m = new LineMap(text);
        List<TextEdit> sorted = new java.util.ArrayList<>(edits);
        sorted.sort((a, b) -> Integer.compare(m.offset(b.getRange().getStart()), m.offset(a.getRange().getStart())));
        StringBuilder sb = new StringBuilder(text);
        for (TextEdit e : sorted) sb.replace(m.offset(e.getRange().getStart()), m.offset(e.getRange().getEnd()), e.getNewText());
        return sb.toString();
    }

    @Test
    void formatsADocument() {
        Fixture f = Fixture.rego("package a\nimport rego.v1\np if { input.x; input.y }\n");
        assertEquals("package a\n\nimport rego.v1\n\np if {\n\tinput.x\n\tinput.y\n}\n",
                apply(f.doc.document().text(), FormattingFeature.format(f.doc)));
    }

    @Test
    void formatsRegoInsideATemplateKeepingTheYamlIndentation() {
        String yaml = "kind: ConstraintTemplate\nspec:\n  targets:\n    - target: admission.k8s.gatekeeper.sh\n      rego: |\n"
                + "        package a\n        violation[{\"msg\": msg}] { msg := \"x\" }\n";
        Fixture f = Fixture.template(yaml);
        assertEquals("kind: ConstraintTemplate\nspec:\n  targets:\n    - target: admission.k8s.gatekeeper.sh\n      rego: |\n"
                + "        package a\n\n        violation[{\"msg\": msg}] {\n          msg := \"x\"\n        }\n", apply(yaml, FormattingFeature.format(f.doc)));
    }

    @Test
    void quickFixForALintFinding() {
        Fixture f = Fixture.rego("package a\n\nimport rego.v1\n\np = 1\n");
        List<CodeAction> as = CodeActionFeature.actions(f.ws, f.doc, new Range(new Position(4, 0), new Position(4, 5)), List.of());
        CodeAction fix = as.stream().filter(a -> a.getTitle().contains("style/use-assignment-operator")).findFirst().orElseThrow();
        assertEquals("package a\n\nimport rego.v1\n\np := 1\n", apply(f.doc.document().text(), fix.getEdit().getChanges().get("file:///w/policy.rego")));
    }

    @Test
    void convertToRegoV1() {
        Fixture f = Fixture.rego("package a\n\ndeny[msg] {\n\tmsg := \"x\"\n}\n");
        CodeAction a = CodeActionFeature.actions(f.ws, f.doc, new Range(new Position(0, 0), new Position(0, 0)), List.of()).stream()
                .filter(x -> x.getTitle().equals(CodeActionFeature.CONVERT_TITLE)).findFirst().orElseThrow();
        assertEquals("package a\n\nimport rego.v1\n\ndeny contains msg if {\n\tmsg := \"x\"\n}\n",
                apply(f.doc.document().text(), a.getEdit().getChanges().get("file:///w/policy.rego")));
    }

    private static Fixture configured(RegoVersion version, String text) {
        Fixture f = new Fixture();
        f.ws.settings(new Workspace.Settings(null, List.of(), List.of(), List.of(), version, "/rules/"));
        return f.open("file:///w/template.rego", "rego", text);
    }

    private static Range whole(Fixture f) {
        return new Range(new Position(0, 0), new LineMap(f.doc.document().text()).position(f.doc.document().text().length()));
    }

    @Test
    void v0CodeInAV1TemplateConvertsToPlainV1() {
        Fixture f = configured(RegoVersion.V1, "package a\n\ndeny[msg] {\n\tmsg := \"x\"\n}\n");
        CodeAction a = CodeActionFeature.actions(f.ws, f.doc, whole(f), List.of()).stream()
                .filter(x -> x.getTitle().equals(CodeActionFeature.CONVERT_TITLE)).findFirst().orElseThrow();
        assertEquals("package a\n\ndeny contains msg if {\n\tmsg := \"x\"\n}\n",
                apply(f.doc.document().text(), a.getEdit().getChanges().get("file:///w/template.rego")));
        // v1 code, or code that parses in neither version: nothing to convert
        Fixture v1 = configured(RegoVersion.V1, "package a\n\np if input.x\n");
        assertTrue(CodeActionFeature.actions(v1.ws, v1.doc, whole(v1), List.of()).stream().noneMatch(x -> x.getTitle().startsWith("Convert")));
        Fixture broken = configured(RegoVersion.V1, "package a\n\ndeny[msg] {\n");
        assertTrue(CodeActionFeature.actions(broken.ws, broken.doc, whole(broken), List.of()).stream()
                .noneMatch(x -> x.getTitle().startsWith("Convert")));
    }

    @Test
    void v1OnlyCodeInAV0TemplateSaysWhyItIsNotConverted() {
        Fixture f = configured(RegoVersion.V0, "package a\n\ndeny contains msg if {\n\tmsg := \"x\"\n}\n");
        CodeAction a = CodeActionFeature.actions(f.ws, f.doc, whole(f), List.of()).stream()
                .filter(x -> x.getTitle().equals(CodeActionFeature.CONVERT_V0_TITLE)).findFirst().orElseThrow();
        assertNull(a.getEdit());
        assertTrue(a.getDisabled().getReason().contains("no v1 → v0 conversion"), a.getDisabled().getReason());
    }

    @Test
    void addMissingImport() {
        Fixture f = new Fixture().open("file:///w/lib.rego", "rego", "package lib.helpers\n\nis_pod(o) if o.kind == \"Pod\"\n")
                .open("file:///w/p.rego", "rego", "package a\n\nimport rego.v1\n\n<|>p if helpers.is_pod(input)\n");
        CodeAction a = CodeActionFeature.actions(f.ws, f.doc, new Range(new Position(4, 0), new Position(4, 10)), List.of()).stream()
                .filter(x -> x.getTitle().equals("Add missing import data.lib.helpers")).findFirst().orElseThrow();
        assertEquals("package a\n\nimport rego.v1\nimport data.lib.helpers\n\np if helpers.is_pod(input)\n",
                apply(f.doc.document().text(), a.getEdit().getChanges().get("file:///w/p.rego")));
    }

    @Test
    void signatureHelpForBuiltinsAndFunctions() {
        SignatureHelp h = SignatureHelpFeature.signatureHelp(null, Fixture.rego("package a\n\np if sprintf(\"%v\", <|>").doc,
                Fixture.rego("package a\n\np if sprintf(\"%v\", <|>").cursor);
        assertEquals("sprintf(format: string, values: array[any]) -> string", h.getSignatures().get(0).getLabel());
        assertEquals(1, h.getActiveParameter());
        Fixture f = Fixture.rego("package a\n\nf(a, b) := a + b\n\np if f(1, <|>2)\n");
        SignatureHelp g = SignatureHelpFeature.signatureHelp(f.ws, f.doc, f.cursor);
        assertNull(g == null ? "missing" : null, "function signature");
        assertEquals("f(a, b)", g.getSignatures().get(0).getLabel());
    }

    @Test
    void semanticTokens() {
        Fixture f = Fixture.rego("package a\n\np if count(input.xs) > 1\n");
        List<Integer> d = SemanticTokensFeature.tokens(f.ws, f.doc).getData();
        // package(keyword) a(namespace) p(variable, declaration) if(keyword) count(function, defaultLibrary) input(namespace) ...
        assertEquals(List.of(0, 0, 7, 5, 0), d.subList(0, 5));
        assertEquals(List.of(0, 8, 1, 0, 0), d.subList(5, 10));
        assertEquals(List.of(2, 0, 1, 3, 1), d.subList(10, 15));
        assertEquals(List.of(0, 3, 5, 2, 2), d.subList(20, 25));
        assertEquals(List.of(0, 6, 5, 0, 0), d.subList(25, 30));
    }

    @Test
    void inlayHintsForBuiltinArguments() {
        Fixture f = Fixture.rego("package a\n\np if startswith(input.x, \"a\")\n");
        List<InlayHint> h = InlayHintFeature.hints(f.doc, null);
        assertEquals(List.of("search:", "base:"), h.stream().map(x -> x.getLabel().getLeft()).toList());
        assertEquals(new Position(2, 16), h.get(0).getPosition());
        assertNotNull(h.get(1));
        assertTrue(InlayHintFeature.hints(Fixture.rego("package a\n\np if 1 + 2 > 1\n").doc, null).isEmpty());
    }

    @Test
    void formattingKeepsNulEscapesValid() {
        Fixture f = Fixture.rego("package a\n\nimport rego.v1\n\nx := \"a\\u0000b\"\ny := \"\\u001f\\t\"\n");
        String formatted = apply(f.doc.document().text(), FormattingFeature.format(f.doc));
        assertTrue(formatted.contains("x := \"a\\u0000b\""), formatted);
        assertTrue(formatted.contains("\\u001f"), formatted);
        assertFalse(formatted.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t'), "no raw control characters: " + formatted);
        Fixture again = Fixture.rego(formatted);
        assertTrue(DiagnosticsFeature.diagnostics(again.ws, again.doc).stream().noneMatch(d -> "rego".equals(d.getSource())),
                "the formatted module parses: " + formatted);
    }

    @Test
    void removingAnUnusedImportLeavesNoDoubleBlankLine() {
        for (String text : List.of("package a\n\nimport data.lib.x\n\np := 1\n",
                "package a\n\nimport rego.v1\n\nimport data.lib.x\n\np := 1\n",
                "package a\n\nimport data.lib.x\nimport data.lib.y\n\np := y.z\n")) {
            Fixture f = Fixture.rego(text);
            int line = (int) text.substring(0, text.indexOf("import data.lib.x")).chars().filter(c -> c == '\n').count();
            List<CodeAction> as = CodeActionFeature.actions(f.ws, f.doc, new Range(new Position(line, 0), new Position(line, 17)), List.of());
            CodeAction fix = as.stream().filter(a -> a.getTitle().contains("imports/unused-import")).findFirst().orElseThrow();
            String fixed = apply(text, fix.getEdit().getChanges().get("file:///w/policy.rego"));
            assertFalse(fixed.contains("import data.lib.x"), fixed);
            assertFalse(fixed.contains("\n\n\n"), "a double blank line is left: " + fixed);
        }
    }
}
