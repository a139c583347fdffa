package dev.gkstudio.gatekeeper.gator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code gkstudio vap}: the generated policy and binding for our CEL suite's template and constraint. */
class VapCommandTest {
    @Test
    void printsThePolicyThenTheBinding() {
        CliRun r = CliRun.of("vap", "-f", "src/test/resources/suites/cel-required-labels/template.yaml",
                "-f", "src/test/resources/suites/cel-required-labels/constraint.yaml");
        assertEquals(0, r.code(), r.err());
        String[] docs = r.out().split("---\n");
        assertEquals(2, docs.length, r.out());
        assertTrue(docs[0].startsWith("apiVersion: admissionregistration.k8s.io/v1beta1\nkind: ValidatingAdmissionPolicy\n"), docs[0]);
        assertTrue(docs[1].startsWith("apiVersion: admissionregistration.k8s.io/v1beta1\nkind: ValidatingAdmissionPolicyBinding\n"), docs[1]);
        assertTrue(docs[1].contains("\n  paramRef:\n    name: "), docs[1]);
    }

    @Test
    void aRegoOnlyTemplateGetsNoPolicy() {
        CliRun r = CliRun.of("vap", "-f", "src/test/resources/suites/required-labels/template.yaml");
        assertEquals(1, r.code());
        assertEquals("template \"k8srequiredlabels\" has no K8sNativeValidation code: Gatekeeper generates no ValidatingAdmissionPolicy for it\n", r.err());
    }
}
