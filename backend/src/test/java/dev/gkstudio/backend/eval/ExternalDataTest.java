package dev.gkstudio.backend.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Gatekeeper's {@code external_data} answered from the workspace's mocked providers (the Providers tab): each key
 * from {@code responses} or {@code errors}, a key the mock does not list as an error, a {@code system_error} for
 * the whole provider, and an unmocked provider named as such; always Gatekeeper's response shape.
 */
class ExternalDataTest {

    static final String REGO = """
            package k8ssignedimages

            images := [c.image | c := input.review.object.spec.containers[_]]

            violation[{"msg": msg}] {
              response := external_data({"provider": "cosign", "keys": images})
              r := response.responses[_]
              r[1] != "signed"
              msg := sprintf("image %v is %v", [r[0], r[1]])
            }

            violation[{"msg": msg}] {
              response := external_data({"provider": "cosign", "keys": images})
              e := response.errors[_]
              msg := sprintf("cannot check image %v: %v", [e[0], e[1]])
            }

            violation[{"msg": msg}] {
              response := external_data({"provider": "cosign", "keys": images})
              response.system_error != ""
              msg := sprintf("provider failed (%v): %v", [response.status_code, response.system_error])
            }
            """;

    static final String CONSTRAINT = """
            apiVersion: constraints.gatekeeper.sh/v1beta1
            kind: K8sSignedImages
            metadata:
              name: signed
            spec:
              match:
                kinds:
                  - apiGroups: [""]
                    kinds: ["Pod"]
            """;

    static final String SAMPLES = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
            spec:
              containers:
                - name: a
                  image: good:1
                - name: b
                  image: bad:1
                - name: c
                  image: broken:1
                - name: d
                  image: unknown:1
            """;

    private static List<String> messages(String providers) {
        Workspace w = new Workspace(new Workspace.Template(REGO, List.of(), "v0", "K8sSignedImages", "k8ssignedimages", "",
                null), CONSTRAINT, SAMPLES, "", List.of(), providers);
        Evaluation e = new WorkspaceEvaluator().evaluate(1, w, false);
        assertTrue(e.templateOk(), e.problems().toString());
        return e.samples().get(0).violations().stream().map(Evaluation.Violation::message).sorted().toList();
    }

    @Test
    void responsesAndErrorsComeFromTheMockPerKey() {
        assertEquals(List.of(
                "cannot check image broken:1: registry timeout",
                "cannot check image unknown:1: no mocked response for this key",
                "image bad:1 is unsigned"), messages("""
                cosign:
                  responses:
                    good:1: signed
                    bad:1: unsigned
                  errors:
                    broken:1: registry timeout
                """));
    }

    @Test
    void aSystemErrorAnswersTheWholeRequest() {
        assertEquals(List.of("provider failed (500): connection refused"), messages("""
                cosign:
                  system_error: connection refused
                  status_code: 500
                """));
    }

    @Test
    void anUnmockedProviderIsASystemErrorThatSaysSo() {
        List<String> m = messages("other: {responses: {}}\n");
        assertEquals(1, m.size(), m.toString());
        assertTrue(m.get(0).startsWith("provider failed (0): external data provider \"cosign\" is not mocked"), m.get(0));
    }

    @Test
    void aMalformedMockIsAProblemOfTheProvidersEditor() {
        Workspace w = new Workspace(new Workspace.Template(REGO, List.of(), "v0", "K8sSignedImages", "k8ssignedimages", "",
                null), CONSTRAINT, SAMPLES, "", List.of(), "cosign:\n  response:\n    good:1: signed\n");
        Evaluation e = new WorkspaceEvaluator().evaluate(1, w, false);
        Problem p = e.problems().stream().filter(x -> x.source().equals("providers")).findFirst().orElseThrow();
        assertTrue(p.message().startsWith("unknown field \"response\""), p.message());
        assertEquals(2, p.startLine());
    }
}
