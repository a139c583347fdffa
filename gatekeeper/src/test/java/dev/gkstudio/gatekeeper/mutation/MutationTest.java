package dev.gkstudio.gatekeeper.mutation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.gatekeeper.yaml.YamlLoader;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.Value;
import org.junit.jupiter.api.Test;

/** Gatekeeper's mutators (pkg/mutation) on our own objects. */
class MutationTest {
    static ObjectValue yaml(String s) throws Exception {
        return (ObjectValue) new YamlLoader().loadOne(s).value();
    }

    static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: shop, labels: {app: web}}
            spec:
              containers:
              - {name: main, image: nginx:1.25, args: [--a, --b]}
              - {name: sidecar, image: docker.io/library/envoy:v1, imagePullPolicy: IfNotPresent}
            """;

    static ObjectValue mutate(String pod, String... mutators) throws Exception {
        MutationSystem s = new MutationSystem();
        for (String m : mutators) s.add(Mutators.of(yaml(m)));
        return s.mutate(yaml(pod), yaml("{metadata: {name: shop}}"), "Original").object();
    }

    static String assign(String location, String params) {
        return """
                apiVersion: mutations.gatekeeper.sh/v1
                kind: Assign
                metadata: {name: m}
                spec:
                  applyTo: [{groups: [""], versions: [v1], kinds: [Pod]}]
                  location: "%s"
                  parameters: %s
                """.formatted(location, params);
    }

    static String json(Value v, String... path) {
        return Json.write(Obj.get(v, path));
    }

    @Test
    void globAssignsEveryElementAndAListSelectorCreatesAMissingElement() throws Exception {
        ObjectValue out = mutate(POD, assign("spec.containers[name: *].imagePullPolicy", "{assign: {value: Always}}"));
        assertEquals("[\"Always\",\"Always\"]", Json.write(dev.gkstudio.rego.value.ArrayValue.of(
                Obj.arr(out, "spec", "containers").list().stream().map(c -> Obj.get(c, "imagePullPolicy")).toList())));
        ObjectValue added = mutate(POD, assign("spec.containers[name: debug].image", "{assign: {value: busybox}}"));
        assertEquals("{\"image\":\"busybox\",\"name\":\"debug\"}", Json.write(Obj.arr(added, "spec", "containers").get(2)));
        ObjectValue quoted = mutate(POD, assign("spec.nodeSelector.\\\"kubernetes.io/os\\\"", "{assign: {value: linux}}"));
        assertEquals("{\"kubernetes.io/os\":\"linux\"}", json(quoted, "spec", "nodeSelector"));
    }

    @Test
    void aKeyedListElementIsReplacedOrAppendedWhole() throws Exception {
        ObjectValue out = mutate(POD, assign("spec.containers[name: sidecar]", "{assign: {value: {name: sidecar, image: envoy:v2}}}"));
        assertEquals("{\"image\":\"envoy:v2\",\"name\":\"sidecar\"}", Json.write(Obj.arr(out, "spec", "containers").get(1)));
        MutationException e = assertThrows(MutationException.class,
                () -> Mutators.of(yaml(assign("spec.containers[name: x]", "{assign: {value: {name: y}}}"))));
        assertEquals("adding object to list with different key name: list key x, object key y", e.getMessage());
    }

    @Test
    void pathTestsDecideWhetherToMutate() throws Exception {
        String mustExist = "{pathTests: [{subPath: \"spec.containers[name: debug]\", condition: MustExist}], assign: {value: Always}}";
        assertEquals(2, Obj.arr(mutate(POD, assign("spec.containers[name: debug].imagePullPolicy", mustExist)), "spec", "containers").size());
        String notExist = "{pathTests: [{subPath: \"spec.containers[name: *].imagePullPolicy\", condition: MustNotExist}], assign: {value: Never}}";
        ObjectValue out = mutate(POD, assign("spec.containers[name: *].imagePullPolicy", notExist));
        assertEquals("\"Never\"", json(Obj.arr(out, "spec", "containers").get(0), "imagePullPolicy"));
        assertEquals("\"IfNotPresent\"", json(Obj.arr(out, "spec", "containers").get(1), "imagePullPolicy"));
        MutationException e = assertThrows(MutationException.class,
                () -> Mutators.of(yaml(assign("spec.a", "{pathTests: [{subPath: spec.b, condition: MustExist}], assign: {value: 1}}"))));
        assertEquals("all subpaths must be a prefix of the `location` value of the mutation", e.getMessage());
    }

    @Test
    void assignIfComparesTheCurrentValue() throws Exception {
        String onlyIfNotSet = "{assignIf: {in: [null, IfNotPresent]}, assign: {value: Always}}";
        ObjectValue out = mutate(POD, assign("spec.containers[name: *].imagePullPolicy", onlyIfNotSet));
        assertEquals("\"Always\"", json(Obj.arr(out, "spec", "containers").get(1), "imagePullPolicy"));
        assertEquals("\"Always\"", json(Obj.arr(out, "spec", "containers").get(0), "imagePullPolicy"));
        String notIn = "{assignIf: {notIn: [IfNotPresent]}, assign: {value: Never}}";
        ObjectValue kept = mutate(POD, assign("spec.containers[name: sidecar].imagePullPolicy", notIn));
        assertEquals("\"IfNotPresent\"", json(Obj.arr(kept, "spec", "containers").get(1), "imagePullPolicy"));
    }

    @Test
    void fromMetadataAssignsTheObjectsNameOrNamespace() throws Exception {
        ObjectValue out = mutate(POD, assign("spec.serviceAccountName", "{assign: {fromMetadata: {field: namespace}}}"),
                """
                apiVersion: mutations.gatekeeper.sh/v1
                kind: AssignMetadata
                metadata: {name: owner}
                spec:
                  location: metadata.labels.owner
                  parameters: {assign: {fromMetadata: {field: name}}}
                """);
        assertEquals("\"shop\"", json(out, "spec", "serviceAccountName"));
        assertEquals("{\"app\":\"web\",\"owner\":\"web\"}", json(out, "metadata", "labels"));
    }

    @Test
    void assignMetadataNeverOverwritesAndOnlyTouchesLabelsAndAnnotations() throws Exception {
        String m = """
                apiVersion: mutations.gatekeeper.sh/v1
                kind: AssignMetadata
                metadata: {name: app}
                spec: {location: metadata.labels.app, parameters: {assign: {value: other}}}
                """;
        assertEquals("{\"app\":\"web\"}", json(mutate(POD, m), "metadata", "labels"));
        MutationException e = assertThrows(MutationException.class, () -> Mutators.of(yaml(m.replace("metadata.labels.app", "metadata.name"))));
        assertEquals("invalid location for assignmetadata app: metadata.name", e.getMessage());
        assertEquals("assign m can't change metadata",
                assertThrows(MutationException.class, () -> Mutators.of(yaml(assign("metadata.labels.x", "{assign: {value: y}}")))).getMessage());
    }

    @Test
    void modifySetMergesAndPrunes() throws Exception {
        String ms = """
                apiVersion: mutations.gatekeeper.sh/v1
                kind: ModifySet
                metadata: {name: args}
                spec:
                  applyTo: [{groups: [""], versions: [v1], kinds: [Pod]}]
                  location: "spec.containers[name: main].args"
                  parameters: {operation: %s, values: {fromList: [--b, --c]}}
                """;
        assertEquals("[\"--a\",\"--b\",\"--c\"]", json(Obj.arr(mutate(POD, ms.formatted("merge")), "spec", "containers").get(0), "args"));
        assertEquals("[\"--a\"]", json(Obj.arr(mutate(POD, ms.formatted("prune")), "spec", "containers").get(0), "args"));
    }

    @Test
    void assignImageChangesComponents() throws Exception {
        String ai = """
                apiVersion: mutations.gatekeeper.sh/v1alpha1
                kind: AssignImage
                metadata: {name: img}
                spec:
                  applyTo: [{groups: [""], versions: [v1], kinds: [Pod]}]
                  location: "spec.containers[name: *].image"
                  parameters: %s
                """;
        ObjectValue out = mutate(POD, ai.formatted("{assignDomain: my.registry.io, assignTag: \":stable\"}"));
        assertEquals("\"my.registry.io/nginx:stable\"", json(Obj.arr(out, "spec", "containers").get(0), "image"));
        assertEquals("\"my.registry.io/library/envoy:stable\"", json(Obj.arr(out, "spec", "containers").get(1), "image"));
        MutationException e = assertThrows(MutationException.class, () -> Mutators.of(yaml(ai.formatted("{assignPath: my.repo.io/app}"))));
        assertEquals("assignImage img has invalid parameters: assignDomain must be set if the first part of assignPath "
                + "\"my.repo.io/app\" can be interpretted as part of a domain", e.getMessage());
    }

    @Test
    void externalDataIsRefusedClearly() {
        MutationException e = assertThrows(MutationException.class, () -> Mutators.of(yaml(assign("spec.x",
                "{assign: {externalData: {provider: my-provider, dataSource: ValueAtLocation}}}"))));
        assertTrue(e.getMessage().startsWith("Assign m: assign.externalData is not supported"), e.getMessage());
    }

    @Test
    void badLocationsGiveTheParsersReason() {
        MutationException e = assertThrows(MutationException.class, () -> Mutators.of(yaml(assign("spec.containers[name: ", "{assign: {value: 1}}"))));
        assertEquals("invalid location format `spec.containers[name: ` for Assign m: expected key value or glob in listSpec, got: EOF", e.getMessage());
        MutationException t = assertThrows(MutationException.class, () -> Mutators.of(yaml(assign("spec.", "{assign: {value: 1}}"))));
        assertEquals("invalid location format `spec.` for Assign m: trailing separators are forbidden", t.getMessage());
    }

    @Test
    void mutatorsThatKeepChangingTheObjectDoNotConverge() throws Exception {
        // run in name order, each pass moves x one step along c -> a -> b -> c: it never settles
        String m1 = assign("spec.x", "{assignIf: {in: [b]}, assign: {value: c}}").replace("name: m", "name: m1");
        String m2 = assign("spec.x", "{assignIf: {in: [a]}, assign: {value: b}}").replace("name: m", "name: m2");
        String m3 = assign("spec.x", "{assignIf: {in: [null, c]}, assign: {value: a}}").replace("name: m", "name: m3");
        MutationException e = assertThrows(MutationException.class, () -> mutate(POD, m1, m2, m3));
        assertEquals("mutation not converging for  Pod shop web", e.getMessage());
    }
}
