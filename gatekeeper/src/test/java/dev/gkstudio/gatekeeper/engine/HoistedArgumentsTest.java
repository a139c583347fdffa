package dev.gkstudio.gatekeeper.engine;

import static dev.gkstudio.gatekeeper.Fixtures.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gkstudio.gatekeeper.Fixtures;
import dev.gkstudio.gatekeeper.client.GatekeeperClient;
import dev.gkstudio.gatekeeper.client.Result;
import dev.gkstudio.gatekeeper.client.TemplateCompiler;
import dev.gkstudio.gatekeeper.constraint.EnforcementActions;
import dev.gkstudio.gatekeeper.review.ReviewBuilder;
import dev.gkstudio.gatekeeper.template.TemplateReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A helper called with a parameter the constraint does not set, inside {@code not}: OPA binds the call's argument
 * before the negation (RewriteDynamicTerms), so the undefined parameter fails the rule body and Gatekeeper reports
 * no violation. Evaluating the negation with the argument inside would report every container.
 */
class HoistedArgumentsTest {

    static final String TEMPLATE = """
            apiVersion: templates.gatekeeper.sh/v1
            kind: ConstraintTemplate
            metadata:
              name: k8sexemptprefix
            spec:
              crd:
                spec:
                  names:
                    kind: K8sExemptPrefix
                  validation:
                    openAPIV3Schema:
                      type: object
                      properties:
                        exemptPrefix:
                          type: string
              targets:
                - target: admission.k8s.gatekeeper.sh
                  rego: |
                    package k8sexemptprefix

                    violation[{"msg": msg}] {
                      c := input.review.object.spec.containers[_]
                      not exempt(c.image, input.parameters.exemptPrefix)
                      msg := sprintf("container <%v> is not exempt", [c.name])
                    }

                    exempt(image, prefix) {
                      startswith(image, prefix)
                    }
            """;

    static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              namespace: default
            spec:
              containers:
                - name: app
                  image: docker.io/library/nginx:1.27
            """;

    static List<String> violations(String spec) throws Exception {
        GatekeeperClient c = new GatekeeperClient(new TemplateCompiler(new GatekeeperRegoEngine(EngineOptions.CLI)), EnforcementActions.GATOR);
        c.addTemplate(TemplateReader.read(Fixtures.doc(TEMPLATE)));
        c.addConstraint(obj("apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sExemptPrefix\nmetadata:\n"
                + "  name: exempt\nspec:" + spec), null);
        return c.review(ReviewBuilder.fromObject(obj(POD), null, "Original"), EvalOptions.DEFAULT).results().stream()
                .map(Result::msg).toList();
    }

    @Test
    void undefinedParameterInsideNotReportsNoViolation() throws Exception {
        assertEquals(List.of(), violations("\n  parameters: {}\n"));
        assertEquals(List.of(), violations(" {}\n"));
    }

    @Test
    void theSameTemplateReportsWhenTheParameterIsSet() throws Exception {
        assertEquals(List.of("container <app> is not exempt"), violations("\n  parameters:\n    exemptPrefix: gcr.io/\n"));
        assertEquals(List.of(), violations("\n  parameters:\n    exemptPrefix: docker.io/\n"));
    }
}
