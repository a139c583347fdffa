package dev.gkstudio.lsp.features;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.lsp4j.CompletionItem;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonParser;

import dev.gkstudio.lsp.Fixture;

class CompletionTest {

    private static List<String> labels(Fixture f) {
        return CompletionFeature.complete(f.ws, f.doc, f.cursor).getItems().stream().map(CompletionItem::getLabel).toList();
    }

    private static void has(List<String> labels, String... expected) {
        for (String e : expected) assertTrue(labels.contains(e), e + " not in " + labels);
    }

    @Test
    void inputReviewFields() {
        has(labels(Fixture.rego("package a\n\np if input.review.<|>\n")), "object", "oldObject", "operation", "userInfo", "kind");
    }

    @Test
    void kubernetesObjectPaths() {
        has(labels(Fixture.rego("package a\n\np if {\n\tinput.review.object.spec.<|>\n}\n")), "containers", "hostNetwork", "replicas");
        has(labels(Fixture.rego("package a\n\np if {\n\tc := input.review.object.spec.containers[_].<|>\n}\n")),
                "securityContext", "image", "resources");
        has(labels(Fixture.rego("package a\n\np if input.review.object.metadata.<|>")), "labels", "annotations", "namespace");
    }

    @Test
    void matchedKindsNarrowTheSchema() {
        Fixture f = Fixture.rego("package a\n\np if input.review.object.spec.<|>\n");
        f.ws.settings(dev.gkstudio.lsp.workspace.Workspace.Settings.from(JsonParser.parseString("{\"kinds\": [\"Pod\"]}"), f.ws.settings()));
        List<String> l = labels(f);
        has(l, "containers");
        assertFalse(l.contains("replicas"), l.toString());
    }

    @Test
    void sampleObjectPaths() {
        Fixture f = new Fixture().open("file:///w/samples.yaml", "yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: x
                  labels:
                    team: payments
                """).open("file:///w/p.rego", "rego", "package a\n\np if input.review.object.metadata.labels.<|>\n");
        has(labels(f), "team");
    }

    @Test
    void parametersFromTheTemplateSchema() {
        Fixture f = Fixture.template("""
                apiVersion: templates.gatekeeper.sh/v1
                kind: ConstraintTemplate
                metadata:
                  name: k8srequiredlabels
                spec:
                  crd:
                    spec:
                      names:
                        kind: K8sRequiredLabels
                      validation:
                        openAPIV3Schema:
                          type: object
                          properties:
                            labels:
                              type: array
                              description: Labels that must be present
                              items:
                                type: object
                                properties:
                                  key:
                                    type: string
                                  allowedRegex:
                                    type: string
                  targets:
                    - target: admission.k8s.gatekeeper.sh
                      rego: |
                        package k8srequiredlabels

                        violation[{"msg": msg}] {
                          required := input.parameters.<|>
                          msg := "x"
                        }
                """);
        has(labels(f), "labels");
        Fixture g = Fixture.template(f.doc.document().text().replace("input.parameters.", "input.parameters.labels[_].<|>"));
        has(labels(g), "key", "allowedRegex");
    }

    @Test
    void parametersFromSettings() {
        Fixture f = Fixture.rego("package a\n\np if input.parameters.<|>\n");
        f.ws.settings(dev.gkstudio.lsp.workspace.Workspace.Settings.from(JsonParser.parseString(
                "{\"gatekeeper\": {\"parameters\": {\"properties\": {\"repos\": {\"type\": \"array\"}}}}}"), f.ws.settings()));
        has(labels(f), "repos");
    }

    @Test
    void dataLibAndInventory() {
        Fixture f = new Fixture().open("file:///w/lib.rego", "rego", "package lib.helpers\n\nis_pod(o) if o.kind == \"Pod\"\n")
                .open("file:///w/p.rego", "rego", "package a\n\np if data.lib.<|>\n");
        has(labels(f), "helpers");
        f.open("file:///w/q.rego", "rego", "package a\n\np if data.lib.helpers.<|>\n");
        has(labels(f), "is_pod");
        f.open("file:///w/r.rego", "rego", "package a\n\np if data.inventory.<|>\n");
        has(labels(f), "cluster", "namespace");
        f.open("file:///w/s.rego", "rego", "package a\n\nimport <|>\n");
        has(labels(f), "data.lib.helpers", "rego.v1");
    }

    @Test
    void builtinsKeywordsLocalsAndSnippets() {
        Fixture f = Fixture.rego("package a\n\nimport rego.v1\n\nhelper := 1\n\np if {\n\tname := input.x\n\tna<|>\n}\n");
        List<String> l = labels(f);
        has(l, "count", "sprintf", "startswith", "strings", "some", "every", "not", "helper", "name", "input", "every",
                "array comprehension", "set comprehension");
        assertFalse(l.contains("package"), "package is a top-level keyword");
    }

    @Test
    void builtinNamespace() {
        has(labels(Fixture.rego("package a\n\np if strings.<|>\n")), "replace_n", "reverse");
    }

    @Test
    void topLevelKeywordsAndRuleSnippets() {
        Fixture f = new Fixture().open("file:///w/lib.rego", "rego", "package lib.helpers\n\nx := 1\n")
                .open("file:///w/p.rego", "rego", "package a\n\n<|>");
        has(labels(f), "package", "import", "default", "violation", "rule", "function", "import data.lib.helpers");
    }

    @Test
    void nothingInCommentsOrStrings() {
        assertTrue(labels(Fixture.rego("package a\n\n# input.review.<|>\n")).isEmpty());
        assertTrue(labels(Fixture.rego("package a\n\np := \"input.review.<|>\n")).isEmpty());
    }

    @Test
    void theTypedPrefixIsNotOfferedAsALocalVariable() {
        Fixture f = Fixture.rego("package a\n\nimport rego.v1\n\np if {\n\tcontainer := input.x\n\tco<|>\n}\n");
        List<CompletionItem> items = CompletionFeature.complete(f.ws, f.doc, f.cursor).getItems();
        List<String> l = items.stream().map(CompletionItem::getLabel).toList();
        has(l, "container", "count", "concat");
        assertFalse(l.contains("co"), l.toString());
        Fixture g = Fixture.rego("package a\n\nimport rego.v1\n\np if {\n\tx := input.x\n\tzzq<|>\n}\n");
        assertFalse(labels(g).contains("zzq"), labels(g).toString());
    }
}
