package dev.gkstudio.lsp.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonParser;

import dev.gkstudio.lsp.Fixture;
import dev.gkstudio.lsp.workspace.Workspace;

class DiagnosticsTest {

    private static List<Diagnostic> diags(Fixture f) {
        return DiagnosticsFeature.diagnostics(f.ws, f.doc);
    }

    private static Diagnostic first(List<Diagnostic> ds, String source) {
        return ds.stream().filter(d -> d.getSource().equals(source)).findFirst().orElseThrow(() -> new AssertionError(source + " in " + ds));
    }

    @Test
    void parseErrorAtItsRange() {
        Diagnostic d = first(diags(Fixture.rego("package a\n\np {\n  x := \n}\n")), "rego");
        assertEquals("rego_parse_error", d.getCode().getLeft());
        assertEquals(DiagnosticSeverity.Error, d.getSeverity());
        assertEquals(4, d.getRange().getStart().getLine());
    }

    @Test
    void aV0ModuleCallingTheContainsBuiltinIsNotTakenForV1() {
        List<Diagnostic> ds = diags(Fixture.rego("package a\n\np {\n  not contains(input.image, \"nginx\")\n}\n"));
        assertTrue(ds.stream().noneMatch(d -> d.getSource().equals("rego")), ds.toString());
    }

    @Test
    void theConfiguredRegoVersionIsTheVersionOfEveryRegoDocument() {
        // v1 hints (`if`) without configuration: parsed as v1
        String v0WithHints = "package a\n\nimport future.keywords.if\n\np if { input.x }\n\nq { input.y }\n";
        Fixture f = Fixture.rego(v0WithHints);
        assertTrue(diags(f).stream().anyMatch(d -> d.getSource().equals("rego")), "v1 parser rejects `q {`");
        // the IDE says the template is v0 (source.version): the v0 parser, as Gatekeeper
        f.ws.settings(Workspace.Settings.from(JsonParser.parseString("{\"gatekeeper\": {\"regoVersion\": \"v0\"}}"),
                f.ws.settings()));
        List<Diagnostic> ds = DiagnosticsFeature.diagnostics(f.ws, f.ws.get("file:///w/policy.rego"));
        assertTrue(ds.stream().noneMatch(d -> d.getSource().equals("rego")), ds.toString());
    }

    @Test
    void aTemplateEntryPointCompilesWithTheLibsOpenBesideIt() {
        String lib = "package lib.k8s\n\ncontainers(obj) = c {\n  c := obj.spec.containers[_]\n}\n";
        String entry = "package p\n\nimport data.lib.k8s\n\nviolation[{\"msg\": msg}] {\n  c := k8s.containers(input.review.object)\n"
                + "  msg := c.name\n}\n";
        Fixture f = new Fixture().open("inmemory://studio/lib_0.rego", "rego", lib)
                // the same lib again, embedded in the whole-template YAML: one copy is used
                .open("inmemory://studio/template.yaml", "yaml", """
                        apiVersion: templates.gatekeeper.sh/v1
                        kind: ConstraintTemplate
                        metadata:
                          name: p
                        spec:
                          crd:
                            spec:
                              names:
                                kind: P
                          targets:
                            - target: admission.k8s.gatekeeper.sh
                              rego: |
                                package p
                                violation[{"msg": "x"}] { false }
                              libs:
                                - |
                                  package lib.k8s
                                  containers(obj) = c {
                                    c := obj.spec.containers[_]
                                  }
                        """)
                .open("inmemory://studio/template.rego", "rego", entry);
        List<Diagnostic> ds = DiagnosticsFeature.diagnostics(f.ws, f.ws.get("inmemory://studio/template.rego"));
        assertTrue(ds.stream().noneMatch(d -> d.getSeverity() == DiagnosticSeverity.Error), ds.toString());
        ds = DiagnosticsFeature.diagnostics(f.ws, f.ws.get("inmemory://studio/template.yaml"));
        assertTrue(ds.stream().noneMatch(d -> d.getSeverity() == DiagnosticSeverity.Error), ds.toString());
        // an undefined lib function is still an error
        f.open("inmemory://studio/template.rego", "rego", entry.replace("k8s.containers(", "k8s.nope("));
        ds = DiagnosticsFeature.diagnostics(f.ws, f.ws.get("inmemory://studio/template.rego"));
        assertTrue(ds.stream().anyMatch(d -> d.getSeverity() == DiagnosticSeverity.Error && "rego".equals(d.getSource())),
                ds.toString());
    }

    @Test
    void compileErrorUnsafeVar() {
        List<Diagnostic> ds = diags(Fixture.rego("package a\n\np {\n\tx == 1\n}\n"));
        Diagnostic d = first(ds, "rego");
        assertEquals("rego_unsafe_var_error", d.getCode().getLeft(), ds.toString());
        assertEquals(new Position(3, 1), d.getRange().getStart());
    }

    @Test
    void gatekeeperWordingForTemplateWithoutViolation() {
        Fixture f = Fixture.template("""
                apiVersion: templates.gatekeeper.sh/v1
                kind: ConstraintTemplate
                metadata:
                  name: k8sdemo
                spec:
                  crd:
                    spec:
                      names:
                        kind: K8sDemo
                  targets:
                    - target: admission.k8s.gatekeeper.sh
                      rego: |
                        package k8sdemo

                        deny[msg] {
                          msg := "x"
                        }
                """);
        Diagnostic d = first(diags(f), "gatekeeper");
        assertEquals("invalid ConstraintTemplate: invalid rego: invalid module: missing required rules: [violation]", d.getMessage());
        assertEquals(new Range(new Position(12, 8), new Position(12, 23)), d.getRange());
    }

    @Test
    void gatekeeperForbidsDataReferences() {
        Fixture f = Fixture.template("""
                kind: ConstraintTemplate
                spec:
                  targets:
                    - target: admission.k8s.gatekeeper.sh
                      rego: |
                        package k8sdemo

                        violation[{"msg": msg}] {
                          data.other.x
                          msg := "x"
                        }
                """);
        Diagnostic d = first(diags(f), "gatekeeper");
        assertTrue(d.getMessage().contains("disallowed ref data.other.x"), d.getMessage());
        assertEquals(new Position(8, 10), d.getRange().getStart());
    }

    @Test
    void parseErrorInsideYamlMapsToTheYamlLine() {
        Fixture f = Fixture.template("""
                kind: ConstraintTemplate
                spec:
                  targets:
                    - target: admission.k8s.gatekeeper.sh
                      rego: |
                        package k8sdemo
                        violation[{"msg": msg}] {
                          msg := sprintf("%v", [
                        }
                """);
        Diagnostic d = first(diags(f), "rego");
        assertEquals(8, d.getRange().getStart().getLine());
        assertTrue(d.getRange().getStart().getCharacter() >= 6);
    }

    @Test
    void lintFindingsCarryCodeAndDocumentationLink() {
        Diagnostic d = first(diags(Fixture.rego("package a\n\nimport data.lib.unused\n\np := 1\n")), "lint");
        assertEquals("imports/unused-import", d.getCode().getLeft());
        assertEquals(DiagnosticSeverity.Warning, d.getSeverity());
    }

    @Test
    void lintLinksAreAbsoluteUrlsOrAbsent() {
        Fixture f = Fixture.rego("package a\n\nimport data.lib.unused\n\np := 1\n");
        f.ws.settings(Workspace.Settings.from(JsonParser.parseString("{\"rulesBaseUrl\": \"http://studio.example:8080/rules/\"}"),
                f.ws.settings()));
        Diagnostic d = first(diags(f), "lint");
        assertEquals("http://studio.example:8080/rules/imports/unused-import", d.getCodeDescription().getHref());
        // LSP's codeDescription.href is a URI: a base without a scheme gives no link rather than a relative one
        Fixture relative = Fixture.rego("package a\n\nimport data.lib.unused\n\np := 1\n");
        relative.ws.settings(Workspace.Settings.from(JsonParser.parseString("{\"rulesBaseUrl\": \"/rules/\"}"),
                relative.ws.settings()));
        assertNull(first(diags(relative), "lint").getCodeDescription());
        Diagnostic unconfigured = first(diags(Fixture.rego("package a\n\nimport data.lib.unused\n\np := 1\n")), "lint");
        assertTrue(unconfigured.getCodeDescription() == null
                || java.net.URI.create(unconfigured.getCodeDescription().getHref()).isAbsolute(), unconfigured.toString());
    }
}
