package dev.gkstudio.backend.export;

import java.util.List;
import java.util.Map;

import dev.gkstudio.backend.eval.Workspace;

/** Workspaces shared by the export and cluster tests. */
public final class Fixtures {

    private Fixtures() {
    }

    /** K8sRequiredLabels' Rego (v0). */
    public static final String REQUIRED_LABELS_REGO = """
            package k8srequiredlabels

            violation[{"msg": msg}] {
              provided := {label | input.review.object.metadata.labels[label]}
              required := {label | label := input.parameters.labels[_]}
              missing := required - provided
              count(missing) > 0
              msg := sprintf("you must provide labels: %v", [missing])
            }
            """;

    /** K8sRequiredLabels' parameters schema. */
    public static final String REQUIRED_LABELS_SCHEMA =
            "type: object\nproperties:\n  labels:\n    type: array\n    items:\n      type: string\n";

    /** Namespaces must have an owner label. */
    public static final String NS_MUST_HAVE_OWNER = """
            apiVersion: constraints.gatekeeper.sh/v1beta1
            kind: K8sRequiredLabels
            metadata:
              name: ns-must-have-owner
            spec:
              match:
                kinds:
                  - apiGroups: [""]
                    kinds: ["Namespace"]
              parameters:
                labels: ["owner"]
            """;

    /** K8sRequiredLabels on Namespaces (owner), with three expected samples and one without expectation. */
    public static Workspace requiredLabels() {
        return new Workspace(new Workspace.Template(REQUIRED_LABELS_REGO, List.of(), "v0", "K8sRequiredLabels",
                "k8srequiredlabels", REQUIRED_LABELS_SCHEMA, Map.of()),
                NS_MUST_HAVE_OWNER,
                """
                # case: with owner
                # expect: allowed
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: team-a
                  labels: {owner: alice}
                ---
                # case: without owner
                # expect: 1 violation /owner/
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: team-b
                ---
                # case: no labels at all
                # expect: violated
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: team-c
                ---
                # no expectation: not a case
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: scratch
                """, "");
    }

}
