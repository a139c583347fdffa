package dev.gkstudio.backend.share;

import java.util.UUID;

import dev.gkstudio.backend.export.Fixtures;

/** Workspace JSON used by the share tests. */
final class Workspaces {

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
                        "rego", Fixtures.REQUIRED_LABELS_REGO,
                        "libs", java.util.List.of("package lib.helpers\n\nname(o) = o.metadata.name\n"),
                        "regoVersion", "v0",
                        "kind", "K8sRequiredLabels",
                        "name", "k8srequiredlabels",
                        "schema", Fixtures.REQUIRED_LABELS_SCHEMA,
                        "annotations", java.util.Map.of("description", "Requires labels <b>&amp;</b> \"quotes\"")),
                "constraints", Fixtures.NS_MUST_HAVE_OWNER,
                "samples", samples,
                "inventory", "",
                "settings", java.util.Map.of("coverage", true)));
    }

    static String unique() {
        return json(UUID.randomUUID().toString());
    }
}
