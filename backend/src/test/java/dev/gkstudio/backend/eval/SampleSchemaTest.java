package dev.gkstudio.backend.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.gkstudio.gatekeeper.yaml.YamlDocument;
import dev.gkstudio.gatekeeper.yaml.YamlLoader;

/** Samples checked against the Kubernetes schema: what the API server would refuse is a warning on its line. */
class SampleSchemaTest {

    private static List<Problem> check(String yaml, String base) throws Exception {
        YamlDocument doc = new YamlLoader().loadOne(yaml);
        Object object = base.isEmpty() ? doc.value()
                : dev.gkstudio.gatekeeper.util.Obj.get(doc.value(), "request", "object");
        return SampleSchema.check((dev.gkstudio.rego.value.Value) object, base, doc.positions(), 10);
    }

    @Test
    void aMisspelledFieldIsAnUnknownFieldOnItsLine() throws Exception {
        List<Problem> problems = check("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                spec:
                  containres:
                    - name: app
                      image: nginx
                """, "");
        assertEquals(1, problems.size(), problems.toString());
        Problem p = problems.get(0);
        assertEquals("warning", p.severity());
        assertEquals("samples", p.source());
        assertEquals("unknown field \"spec.containres\" (the Kubernetes API would reject this Pod)", p.message());
        assertEquals(16, p.startLine(), "line 6 of the document, 10 lines into the samples editor");
    }

    @Test
    void wrongTypesAreNamedWithTheirPath() throws Exception {
        List<Problem> problems = check("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: d
                  labels: [a]
                spec:
                  replicas: "3"
                  template:
                    spec:
                      containers:
                        - name: app
                          ports:
                            - containerPort: 80.5
                          stdin: "yes"
                """, "");
        List<String> messages = problems.stream().map(Problem::message).toList();
        assertTrue(messages.contains("metadata.labels: expected a map, got a list (the Kubernetes API would reject this Deployment)"), messages.toString());
        assertTrue(messages.contains("spec.replicas: expected an integer, got the string \"3\" (the Kubernetes API would reject this Deployment)"), messages.toString());
        assertTrue(messages.contains("spec.template.spec.containers[0].ports[0].containerPort: expected an integer, got the number 80.5 (the Kubernetes API would reject this Deployment)"), messages.toString());
        assertTrue(messages.contains("spec.template.spec.containers[0].stdin: expected true or false, got the string \"yes\" (the Kubernetes API would reject this Deployment)"), messages.toString());
        assertEquals(4, problems.size(), messages.toString());
    }

    @Test
    void validObjectsAndUnknownKindsHaveNoFindings() throws Exception {
        assertEquals(List.of(), check("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                  labels: {app: web}
                  annotations: {note: "x"}
                spec:
                  containers:
                    - name: app
                      image: nginx
                      resources:
                        limits: {cpu: 500m, memory: 1Gi}
                      ports:
                        - containerPort: 8080
                status: {}
                """, ""));
        // a custom resource: the schema does not know it, so nothing is said
        assertEquals(List.of(), check("""
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w}
                spec: {anything: [1, 2]}
                """, ""));
        // a known kind at an apiVersion the schema does not describe is not judged either
        assertEquals(List.of(), check("""
                apiVersion: apps/v1beta1
                kind: Deployment
                metadata: {name: d}
                spec: {whatever: 1}
                """, ""));
    }

    @Test
    void theObjectOfAnAdmissionReviewIsCheckedUnderItsOwnPaths() throws Exception {
        List<Problem> problems = check("""
                apiVersion: admission.k8s.io/v1
                kind: AdmissionReview
                request:
                  operation: CREATE
                  object:
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: p}
                    spec:
                      containers:
                        - name: app
                          imagePullPolice: Always
                """, "request.object");
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("unknown field \"spec.containers[0].imagePullPolice\" (the Kubernetes API would reject this Pod)",
                problems.get(0).message());
        assertEquals(22, problems.get(0).startLine());
    }
}
