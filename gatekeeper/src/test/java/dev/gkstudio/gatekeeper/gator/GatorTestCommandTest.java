package dev.gkstudio.gatekeeper.gator;

import static dev.gkstudio.gatekeeper.gator.CliRun.f;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.gatekeeper.yaml.YamlLoader;
import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.Value;
import org.junit.jupiter.api.Test;

/**
 * {@code gkstudio test} against gator's documented shapes: cmd/gator/test (formatOutput, exit codes),
 * pkg/gator/test/types.go (GatorResult, YamlGatorResult) and pkg/gator/reader (sources and their errors).
 */
class GatorTestCommandTest {
    static final String[] OWNER_ONLY = {"-f", f("policies/template.yaml"), "-f", f("policies/owner-deny.yaml"),
            "-f", f("objects/team-b.yaml")};

    static String[] with(String[] base, String... more) {
        String[] a = new String[base.length + more.length + 1];
        a[0] = "test";
        System.arraycopy(base, 0, a, 1, base.length);
        System.arraycopy(more, 0, a, base.length + 1, more.length);
        return a;
    }

    @Test
    void yamlIsYamlGatorResultWithTheFrameworkResultUnderResult() throws Exception {
        CliRun r = CliRun.of(with(OWNER_ONLY, "-o", "yaml"));
        assertEquals(1, r.code(), r.err());
        assertEquals("""
                - result:
                    target: admission.k8s.gatekeeper.sh
                    msg: 'you must provide labels: {"owner"}'
                    metadata:
                        details:
                            missing_labels:
                                - owner
                    constraint:
                        object:
                            apiVersion: constraints.gatekeeper.sh/v1beta1
                            kind: K8sRequiredLabels
                            metadata:
                                name: ns-must-have-owner
                            spec:
                                match:
                                    kinds:
                                        - apiGroups:
                                            - ""
                                          kinds:
                                            - Namespace
                                parameters:
                                    labels:
                                        - owner
                    enforcementaction: deny
                    scopedenforcementactions: []
                  violatingObject:
                    apiVersion: v1
                    kind: Namespace
                    metadata:
                        generation: 1e+06
                        labels:
                            cost: "42"
                            team: b
                        name: team-b
                  trace: null
                """, r.out());
        // what `yq '.[0].result.msg'` reads
        Value doc = new YamlLoader().loadOne(r.out()).value();
        assertEquals("you must provide labels: {\"owner\"}", Obj.str(((ArrayValue) doc).get(0), "result", "msg"));
    }

    @Test
    void jsonIsMarshalIndentOfGatorResultWithFourSpaces() {
        CliRun r = CliRun.of(with(OWNER_ONLY, "-o", "json"));
        assertEquals(1, r.code(), r.err());
        assertEquals("""
                [
                    {
                        "target": "admission.k8s.gatekeeper.sh",
                        "msg": "you must provide labels: {\\"owner\\"}",
                        "metadata": {
                            "details": {
                                "missing_labels": [
                                    "owner"
                                ]
                            }
                        },
                        "constraint": {
                            "apiVersion": "constraints.gatekeeper.sh/v1beta1",
                            "kind": "K8sRequiredLabels",
                            "metadata": {
                                "name": "ns-must-have-owner"
                            },
                            "spec": {
                                "match": {
                                    "kinds": [
                                        {
                                            "apiGroups": [
                                                ""
                                            ],
                                            "kinds": [
                                                "Namespace"
                                            ]
                                        }
                                    ]
                                },
                                "parameters": {
                                    "labels": [
                                        "owner"
                                    ]
                                }
                            }
                        },
                        "enforcementAction": "deny",
                        "violatingObject": {
                            "apiVersion": "v1",
                            "kind": "Namespace",
                            "metadata": {
                                "generation": 1000000,
                                "labels": {
                                    "cost": "42",
                                    "team": "b"
                                },
                                "name": "team-b"
                            }
                        },
                        "trace": null
                    }
                ]""", r.out());
    }

    @Test
    void noViolationsPrintNullInJsonAndAnEmptyListInYaml() {
        String[] allowed = {"-f", f("policies/template.yaml"), "-f", f("policies/owner-deny.yaml"), "-f", f("objects/labelled.json")};
        CliRun j = CliRun.of(with(allowed, "-o", "json"));
        assertEquals(0, j.code(), j.err());
        assertEquals("null", j.out());
        CliRun y = CliRun.of(with(allowed, "-o", "YAML"));
        assertEquals("[]\n", y.out());
    }

    @Test
    void statsWrapResultsAndTheRegoDriversStatsEntries() throws Exception {
        CliRun j = CliRun.of(with(OWNER_ONLY, "-o", "json", "--stats"));
        assertEquals(1, j.code(), j.err());
        assertTrue(j.out().startsWith("{\n    \"results\": [\n        {\n            \"target\": "), j.out());
        assertTrue(j.out().matches("(?s).*\n    \"stats\": \\[\n        \\{\n            \"scope\": \"template\",\n"
                + "            \"statsFor\": \"K8sRequiredLabels\",\n            \"stats\": \\[\n                \\{\n"
                + "                    \"name\": \"templateRunTimeNS\",\n                    \"value\": \\d+,\n.*"), j.out());
        Value stats = Obj.get(new YamlLoader().loadOne(j.out()).value(), "stats");
        // one review of each of the three objects (template, constraint, namespace) matched the constraint's kinds once
        assertEquals(1, ((ArrayValue) stats).size());
        Value entry = ((ArrayValue) stats).get(0);
        assertEquals("constraintCount", Obj.str(((ArrayValue) Obj.get(entry, "stats")).get(1), "name"));
        assertEquals("[{\"name\":\"TracingEnabled\",\"value\":false},{\"name\":\"PrintEnabled\",\"value\":false},"
                + "{\"name\":\"target\",\"value\":\"admission.k8s.gatekeeper.sh\"}]",
                dev.gkstudio.rego.value.Json.write(Obj.get(entry, "labels")));

        CliRun y = CliRun.of(with(OWNER_ONLY, "-o", "yaml", "--stats"));
        assertTrue(y.out().startsWith("results:\n    - result:\n        target: admission.k8s.gatekeeper.sh\n"), y.out());
        assertTrue(y.out().contains("\nstats:\n    - scope: template\n      statsfor: K8sRequiredLabels\n      stats:\n"
                + "        - name: templateRunTimeNS\n"), y.out());
        assertTrue(y.out().contains("        - name: constraintCount\n          value: 1\n          source:\n"
                + "            type: engine\n            value: Rego\n      labels:\n        - name: TracingEnabled\n"
                + "          value: false\n"), y.out());
    }

    @Test
    void textIsOneLinePerViolationAndTraceAddsTheJoinedTrace() throws Exception {
        CliRun r = CliRun.of(with(OWNER_ONLY));
        assertEquals("v1/Namespace team-b: [\"ns-must-have-owner\"] Message: \"you must provide labels: {\\\"owner\\\"}\"\n", r.out());
        CliRun t = CliRun.of(with(OWNER_ONLY, "-t"));
        assertTrue(t.out().startsWith(r.out() + "Trace: \n\n"), t.out());
        CliRun tj = CliRun.of(with(OWNER_ONLY, "--trace", "-o", "json"));
        Value first = ((ArrayValue) new YamlLoader().loadOne(tj.out()).value()).get(0);
        assertInstanceOf(dev.gkstudio.rego.value.StringValue.class, Obj.get(first, "trace"));
        assertFalse(Obj.str(first, "trace").isEmpty());
    }

    @Test
    void verbosePrintsThePoliciesPrintOutput() {
        CliRun r = CliRun.of("test", "-v", "-f", f("policies/template.yaml"), "-f", f("policies/owner-deny.yaml"),
                "-f", f("objects/unlabelled.yml"));
        assertEquals("checked bare\nv1/Namespace bare: [\"ns-must-have-owner\"] Message: \"you must provide labels: {\\\"owner\\\"}\"\n", r.out());
        CliRun quiet = CliRun.of("test", "-f", f("policies/template.yaml"), "-f", f("policies/owner-deny.yaml"),
                "-f", f("objects/unlabelled.yml"));
        assertFalse(quiet.out().contains("checked"), quiet.out());
    }

    @Test
    void unknownEnforcementActionIsReportedButOnlyDenyFails() {
        CliRun onlyUnknown = CliRun.of("test", "-f", f("policies/template.yaml"), "-f", f("policies/cost-unknown.yaml"),
                "-f", f("policies/team-warn.yaml"), "-f", f("objects/unlabelled.yml"));
        assertEquals(0, onlyUnknown.code(), onlyUnknown.err());
        assertEquals("v1/Namespace bare: [\"ns-cost-center\"] Message: \"you must provide labels: {\\\"cost\\\"}\"\n"
                + "v1/Namespace bare: [\"ns-should-have-team\"] Message: \"you must provide labels: {\\\"team\\\"}\"\n", onlyUnknown.out());
        CliRun json = CliRun.of("test", "-o", "json", "-f", f("policies/template.yaml"), "-f", f("policies/cost-unknown.yaml"),
                "-f", f("objects/unlabelled.yml"));
        assertTrue(json.out().contains("\"enforcementAction\": \"notify-finance\""), json.out());

        CliRun all = CliRun.of("test", "-f", f("policies"), "-f", f("objects"));
        assertEquals(1, all.code());
        // sorted by enforcement action, then message, across all objects
        assertEquals("""
                v1/Namespace team-b: ["ns-must-have-owner"] Message: "you must provide labels: {\\"owner\\"}"
                v1/Namespace bare: ["ns-must-have-owner"] Message: "you must provide labels: {\\"owner\\"}"
                v1/Namespace bare: ["ns-cost-center"] Message: "you must provide labels: {\\"cost\\"}"
                v1/Namespace bare: ["ns-should-have-team"] Message: "you must provide labels: {\\"team\\"}"
                """, all.out());
        CliRun denyOnly = CliRun.of("test", "--deny-only", "-f", f("policies"), "-f", f("objects"));
        assertEquals(1, denyOnly.code());
        assertFalse(denyOnly.out().contains("ns-cost-center") || denyOnly.out().contains("ns-should-have-team"), denyOnly.out());
        assertEquals(2, denyOnly.out().lines().count());
    }

    @Test
    void anExplicitFileOfAnotherExtensionIsAnErrorButDirectoriesSkipSuchFiles() {
        CliRun r = CliRun.of("test", "-f", f("bad/namespace.txt"));
        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertEquals("reading: reading from filenames: path \"" + f("bad/namespace.txt")
                + "\" must be of extensions: [.yaml .yml .json]\n", r.err());
        // policies/ holds NOTES.txt, which is not read
        CliRun dir = CliRun.of("test", "-f", f("policies"), "-f", f("objects/labelled.json"));
        assertEquals(0, dir.code(), dir.err());
        CliRun missing = CliRun.of("test", "-f", f("nope.yaml"));
        assertEquals("reading: reading from filenames: stat on path \"" + f("nope.yaml") + "\": stat " + f("nope.yaml")
                + ": no such file or directory\n", missing.err());
    }

    @Test
    void invalidYamlIsGatorsReadingYamlSourceError() {
        CliRun r = CliRun.of("test", "-f", f("bad"));
        assertEquals(1, r.code());
        assertEquals("reading: reading from filenames: reading file \"" + f("bad/mapping-key.yaml")
                + "\": reading yaml source: error converting YAML to JSON: yaml: invalid map key: "
                + "map[interface {}]interface {}{\"name\":\"x\"}\n", r.err());
    }

    @Test
    void ociImagesAreRefusedClearly() {
        CliRun r = CliRun.of("test", "-i", "ghcr.io/example/policies:v1");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("reading: pulling image: OCI images are not supported by gkstudio"), r.err());
    }
}
