package dev.gkstudio.gatekeeper.gator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expansion templates and mutators in {@code gkstudio test} and {@code gkstudio expand}, against the behaviour
 * gator documents (website/docs/gator.md "gator expand", pkg/expansion, pkg/gator/test).
 */
class GatorExpansionTest {
    static String e(String p) {
        return "src/test/resources/gator-expand/" + p;
    }

    @Test
    void aDeploymentsPodTemplateIsReviewedAndItsViolationsAreImplied() {
        CliRun r = CliRun.of("test", "-f", e("base"));
        assertEquals(1, r.code(), r.err());
        assertEquals("""
                apps/v1/Deployment my-ns/nginx-deployment: ["pods-from-our-registry"] Message: "[Implied by expand-deployments] container <nginx> image nginx:1.14.2 is not from registry.example.com/"
                apps/v1/Deployment my-ns/nginx-deployment: ["pods-from-our-registry"] Message: "[Implied by expand-deployments] container <nginx> must pull its image always"
                """, r.out());
    }

    @Test
    void mutatorsRunBeforeTheResultantIsValidated() {
        // AssignImage rewrites the Deployment's pod template (an original object), Assign sets imagePullPolicy on the
        // generated Pod: the mutated Pod satisfies both rules
        CliRun r = CliRun.of("test", "-f", e("base"), "-f", e("mutators"), "-f", e("ns"));
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("", r.out());
        // with only the pull-policy mutator, the registry rule is still implied; the object shown is the generator
        CliRun one = CliRun.of("test", "-o", "json", "-f", e("base"), "-f", e("mutators/always-pull.yaml"), "-f", e("ns"));
        assertEquals(1, one.code(), one.err());
        assertTrue(one.out().contains("\"msg\": \"[Implied by expand-deployments] container \\u003cnginx\\u003e image nginx:1.14.2 is not from registry.example.com/\""), one.out());
        assertTrue(!one.out().contains("must pull its image always"), one.out());
        assertTrue(one.out().contains("\"kind\": \"Deployment\""), one.out());
    }

    @Test
    void theTemplatesEnforcementActionReplacesTheConstraints() {
        CliRun r = CliRun.of("test", "-o", "yaml", "-f", e("base/template.yaml"), "-f", e("base/constraint.yaml"),
                "-f", e("base/deployment.yaml"), "-f", e("warn"));
        assertEquals(0, r.code(), r.err());
        assertEquals(2, r.out().split("\n    enforcementaction: warn\n", -1).length - 1, r.out());
        assertTrue(r.out().contains("msg: '[Implied by expand-deployments-warn] container <nginx> must pull its image always'"), r.out());
    }

    @Test
    void aNamespaceSelectorWithoutTheNamespaceIsGatorsError() {
        String want = "error expanding resource nginx-deployment: failed to mutate resultant resource nginx-deployment-pod: "
                + "matching for mutator Assign.mutations.gatekeeper.sh /always-pull-image failed for  Pod my-ns "
                + "nginx-deployment-pod: failed to run Match criteria: namespace selector for namespace-scoped object but missing Namespace\n";
        CliRun t = CliRun.of("test", "-f", e("base"), "-f", e("mutators"));
        assertEquals(1, t.code());
        assertEquals("auditing objects: expanding resource nginx-deployment: " + want, t.err());
        CliRun x = CliRun.of("expand", "-n", e("base/expansion.yaml"), "-n", e("base/deployment.yaml"), "-n", e("mutators/always-pull.yaml"));
        assertEquals(1, x.code());
        assertEquals("error expanding resources: " + want, x.err());
    }

    @Test
    void expandPrintsTheResultantsAsGatorDoes(@TempDir Path tmp) throws Exception {
        CliRun r = CliRun.of("expand", "-n", e("base/expansion.yaml"), "-n", e("base/deployment.yaml"),
                "-n", e("mutators/always-pull.yaml"), "-n", e("ns"));
        assertEquals(0, r.code(), r.err());
        String yaml = """
                apiVersion: v1
                kind: Pod
                metadata:
                  labels:
                    app: nginx
                  name: nginx-deployment-pod
                  namespace: my-ns
                  ownerReferences:
                  - apiVersion: apps/v1
                    kind: Deployment
                    name: nginx-deployment
                    uid: ""
                spec:
                  containers:
                  - args:
                    - /bin/sh
                    image: nginx:1.14.2
                    imagePullPolicy: Always
                    name: nginx
                    ports:
                    - containerPort: 80
                """;
        assertEquals(yaml + "\n", r.out());
        Path file = tmp.resolve("out.yaml");
        CliRun f = CliRun.of("expand", "-n", e("base/expansion.yaml"), "-n", e("base/deployment.yaml"),
                "-n", e("mutators/always-pull.yaml"), "-n", e("ns"), "--outputfile", file.toString());
        assertEquals("Writing output to file: " + file + "\n", f.out());
        assertEquals(yaml, Files.readString(file));
        CliRun j = CliRun.of("expand", "-f", "json", "-n", e("base/expansion.yaml"), "-n", e("base/deployment.yaml"));
        assertTrue(j.out().startsWith("{\n    \"apiVersion\": \"v1\",\n    \"kind\": \"Pod\",\n    \"metadata\": {\n"), j.out());
        assertTrue(j.out().contains("\"containerPort\": 80\n"), j.out());
    }

    @Test
    void verifyReviewsTheResultantsOfATestsExpansionFile(@TempDir Path tmp) throws Exception {
        Path base = Path.of(e("base")).toAbsolutePath();
        Files.writeString(tmp.resolve("suite.yaml"), """
                kind: Suite
                apiVersion: test.gatekeeper.sh/v1alpha1
                tests:
                - name: pods-from-deployments
                  template: %1$s/template.yaml
                  constraint: %1$s/constraint.yaml
                  expansion: %1$s/expansion.yaml
                  cases:
                  - name: deployment-implies-pod-violations
                    object: %1$s/deployment.yaml
                    assertions:
                    - violations: 2
                    - message: "^\\\\[Implied by expand-deployments\\\\] container <nginx> must pull"
                      violations: 1
                """.formatted(tmp.relativize(base).toString()));
        CliRun r = CliRun.of("verify", "-v", tmp.resolve("suite.yaml").toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("--- PASS: deployment-implies-pod-violations"), r.out());
    }
}
