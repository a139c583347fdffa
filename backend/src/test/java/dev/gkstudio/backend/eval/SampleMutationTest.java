package dev.gkstudio.backend.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.gkstudio.backend.eval.Evaluation.Change;
import dev.gkstudio.backend.eval.Evaluation.SampleResult;

/**
 * The Mutators tab: samples are mutated as Gatekeeper's mutating webhook would before the constraints review them,
 * the card says which mutators changed what, bad mutators are problems at their line, and the exported suite holds
 * the object as stored.
 */
class SampleMutationTest {

    static final String REGO = """
            package k8salwayspull

            violation[{"msg": msg}] {
              c := input.review.object.spec.containers[_]
              c.imagePullPolicy != "Always"
              msg := sprintf("container %v must pull Always", [c.name])
            }

            violation[{"msg": msg}] {
              c := input.review.object.spec.containers[_]
              not c.imagePullPolicy
              msg := sprintf("container %v has no imagePullPolicy", [c.name])
            }

            violation[{"msg": msg}] {
              not input.review.object.metadata.labels.owner
              msg := "no owner label"
            }
            """;

    static final String CONSTRAINT = """
            apiVersion: constraints.gatekeeper.sh/v1beta1
            kind: K8sAlwaysPull
            metadata:
              name: always-pull
            spec:
              match:
                kinds:
                  - apiGroups: [""]
                    kinds: ["Pod"]
            """;

    static final String POD = """
            # expect: allowed
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              namespace: shop
            spec:
              containers:
                - name: app
                  image: nginx:1.27
                - name: sidecar
                  image: envoy:1.30
                  imagePullPolicy: IfNotPresent
            """;

    static final String ASSIGN = """
            apiVersion: mutations.gatekeeper.sh/v1
            kind: Assign
            metadata:
              name: always-pull
            spec:
              applyTo:
                - groups: [""]
                  kinds: ["Pod"]
                  versions: ["v1"]
              location: "spec.containers[name: *].imagePullPolicy"
              parameters:
                assign:
                  value: Always
            """;

    static final String OWNER = """
            apiVersion: mutations.gatekeeper.sh/v1
            kind: AssignMetadata
            metadata:
              name: owner
            spec:
              location: metadata.labels.owner
              parameters:
                assign:
                  value: team-a
            """;

    private static Workspace workspace(String samples, String inventory, String mutators) {
        return new Workspace(new Workspace.Template(REGO, List.of(), "v0", "K8sAlwaysPull", "k8salwayspull", "", null),
                CONSTRAINT, samples, inventory, List.of(), "", mutators);
    }

    private static Evaluation evaluate(String samples, String inventory, String mutators) {
        Evaluation e = new WorkspaceEvaluator().evaluate(1, workspace(samples, inventory, mutators), false);
        assertTrue(e.templateOk(), e.problems().toString());
        return e;
    }

    private static List<String> messages(SampleResult s) {
        return s.violations().stream().map(Evaluation.Violation::message).sorted().toList();
    }

    @Test
    void withoutMutatorsTheObjectIsReviewedAsWritten() {
        SampleResult s = evaluate(POD, "", "").samples().get(0);
        assertEquals(List.of("container app has no imagePullPolicy", "container sidecar must pull Always", "no owner label"),
                messages(s));
        assertNull(s.mutation());
        assertFalse(s.expectationsMet());
    }

    @Test
    void theConstraintsReviewTheObjectAsTheMutatorsLeftIt() {
        Evaluation e = evaluate(POD, "", ASSIGN + "---\n" + OWNER);
        SampleResult s = e.samples().get(0);
        assertEquals("allowed", s.status(), s.violations().toString());
        assertTrue(s.expectationsMet());
        // Gatekeeper applies mutators in id order: kind, then name
        assertEquals(List.of("Assign.mutations.gatekeeper.sh /always-pull", "AssignMetadata.mutations.gatekeeper.sh /owner"),
                s.mutation().mutators());
        assertEquals(List.of(
                new Change("added", "metadata.labels", null, Map.of("owner", "team-a")),
                new Change("added", "spec.containers[0].imagePullPolicy", null, "Always"),
                new Change("changed", "spec.containers[1].imagePullPolicy", "IfNotPresent", "Always")),
                s.mutation().changes().stream().sorted(java.util.Comparator.comparing(Change::path)).toList());
        // what the language server completes input.review.object from is the mutated object
        assertEquals("Always", ((Map<?, ?>) ((List<?>) ((Map<?, ?>) ((Map<?, ?>) s.object()).get("spec"))
                .get("containers")).get(0)).get("imagePullPolicy"));
    }

    @Test
    void oneMutatorLeavesTheOtherViolationsStanding() {
        SampleResult s = evaluate(POD, "", OWNER).samples().get(0);
        assertEquals(List.of("container app has no imagePullPolicy", "container sidecar must pull Always"), messages(s));
        assertEquals(List.of("AssignMetadata.mutations.gatekeeper.sh /owner"), s.mutation().mutators());
    }

    @Test
    void anAdmissionReviewIsMutatedOnCreateAndUpdateOnly() {
        String review = """
                apiVersion: admission.k8s.io/v1
                kind: AdmissionReview
                request:
                  uid: "1"
                  kind: {group: "", version: v1, kind: Pod}
                  resource: {group: "", version: v1, resource: pods}
                  operation: %s
                  namespace: shop
                  name: web
                  %s:
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: web, namespace: shop, labels: {owner: x}}
                    spec:
                      containers:
                        - name: app
                          image: nginx:1.27
                """;
        Evaluation e = evaluate(review.formatted("CREATE", "object") + "---\n" + review.formatted("DELETE", "oldObject"),
                "", ASSIGN);
        SampleResult create = e.samples().get(0);
        assertEquals("allowed", create.status(), create.violations().toString());
        assertEquals(List.of(new Change("added", "spec.containers[0].imagePullPolicy", null, "Always")),
                create.mutation().changes());
        SampleResult delete = e.samples().get(1);
        assertNull(delete.mutation());
        assertEquals(List.of("container app has no imagePullPolicy"), messages(delete));
    }

    @Test
    void aNamespaceSelectorSeesTheNamespaceFromTheInventory() {
        String selective = OWNER.replace("  location:",
                "  match:\n    namespaceSelector:\n      matchLabels: {team: a}\n  location:");
        String namespace = """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: shop
                  labels: {team: a}
                """;
        SampleResult labelled = evaluate(POD, namespace, selective).samples().get(0);
        assertEquals(List.of("AssignMetadata.mutations.gatekeeper.sh /owner"), labelled.mutation().mutators());
        SampleResult other = evaluate(POD, namespace.replace("team: a", "team: b"), selective).samples().get(0);
        assertNull(other.mutation());
        assertTrue(messages(other).contains("no owner label"));
        // without its Namespace, Gatekeeper cannot run the selector: the sample says so instead of guessing
        SampleResult unknown = evaluate(POD, "", selective).samples().get(0);
        assertEquals("error", unknown.status());
        assertTrue(unknown.error().startsWith("matching for mutator AssignMetadata.mutations.gatekeeper.sh /owner failed"),
                unknown.error());
    }

    @Test
    void invalidMutatorsAreProblemsAtTheirDocument() {
        String mutators = ASSIGN + "---\n" + """
                apiVersion: v1
                kind: Pod
                metadata: {name: not-a-mutator}
                ---
                apiVersion: mutations.gatekeeper.sh/v1
                kind: Assign
                metadata:
                  name: renames
                spec:
                  applyTo: [{groups: [""], kinds: ["Pod"], versions: ["v1"]}]
                  location: metadata.name
                  parameters:
                    assign:
                      value: x
                """;
        Evaluation e = evaluate(POD, "", mutators);
        List<Problem> problems = e.problems().stream().filter(p -> p.source().equals("mutators")).toList();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).message().startsWith("not a mutator"), problems.get(0).message());
        assertEquals(ASSIGN.lines().count() + 3, problems.get(0).startLine(), "the Pod's kind line");
        assertEquals("assign renames can't change metadata", problems.get(1).message());
        assertEquals(ASSIGN.lines().count() + 12, problems.get(1).startLine(), "the renamer's location line");
        // the valid mutator still applies
        assertEquals(List.of("Assign.mutations.gatekeeper.sh /always-pull"), e.samples().get(0).mutation().mutators());
    }

    @Test
    void theExportedSuiteHoldsTheObjectAsStoredAndTheBundleTheMutators() {
        Map<String, String> files = new WorkspaceEvaluator().bundle(workspace(POD, "", ASSIGN + "---\n" + OWNER));
        assertEquals((ASSIGN + "---\n" + OWNER).strip() + "\n", files.get("mutators.yaml"));
        String sample = files.get("samples/web.yaml");
        assertTrue(sample.startsWith("# after the mutators Assign.mutations.gatekeeper.sh /always-pull, "
                + "AssignMetadata.mutations.gatekeeper.sh /owner\n"), sample);
        assertTrue(sample.contains("owner: team-a"), sample);
        assertFalse(sample.contains("IfNotPresent"), sample);
        assertFalse(new WorkspaceEvaluator().bundle(workspace(POD, "", "")).containsKey("mutators.yaml"));
    }
}
