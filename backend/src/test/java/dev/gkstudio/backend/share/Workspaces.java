package dev.gkstudio.backend.share;

import java.util.UUID;

/** Workspace JSON used by the share tests. */
final class Workspaces {

    static final String REGO = """
            package k8srequiredlabels

            violation[{"msg": msg}] {
              provided := {label | input.review.object.metadata.labels[label]}
              required := {label | label := input.parameters.labels[_]}
              missing := required - provided
              count(missing) > 0
              msg := sprintf("you must provide labels: %v", [missing])
            }
            """;

    static final String CONSTRAINT = """
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

    static final String SAMPLES = """
            # case: with owner
            # expect: allowed
            apiVersion: v1
            kind: Namespace
            metadata:
              name: team-a
              labels:
                owner: alice
            ---
            # case: without owner
            # expect: 1 violation /owner/
            apiVersion: v1
            kind: Namespace
            metadata:
              name: team-b
            """;

    private Workspaces() {
    }

    /** A complete workspace; {@code nonce} makes it unique (a fresh id) when not null. */
    static String json(String nonce) {
        String samples = nonce == null ? SAMPLES : SAMPLES + "# nonce: " + nonce + "\n";
        return ShareResource.json(java.util.Map.of(
                "template", java.util.Map.of(
                        "rego", REGO,
                        "libs", java.util.List.of("package lib.helpers\n\nname(o) = o.metadata.name\n"),
                        "regoVersion", "v0",
                        "kind", "K8sRequiredLabels",
                        "name", "k8srequiredlabels",
                        "schema", "type: object\nproperties:\n  labels:\n    type: array\n    items:\n      type: string\n",
                        "annotations", java.util.Map.of("description", "Requires labels <b>&amp;</b> \"quotes\"")),
                "constraints", CONSTRAINT,
                "samples", samples,
                "inventory", "",
                "settings", java.util.Map.of("coverage", true)));
    }

    static String unique() {
        return json(UUID.randomUUID().toString());
    }
}
