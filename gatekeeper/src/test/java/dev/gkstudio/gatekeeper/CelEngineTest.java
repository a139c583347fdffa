package dev.gkstudio.gatekeeper;

import static dev.gkstudio.gatekeeper.Fixtures.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gkstudio.gatekeeper.cel.CompiledCel;
import dev.gkstudio.gatekeeper.client.GatekeeperClient;
import dev.gkstudio.gatekeeper.client.GatekeeperException;
import dev.gkstudio.gatekeeper.client.Result;
import dev.gkstudio.gatekeeper.client.TemplateCompiler;
import dev.gkstudio.gatekeeper.constraint.EnforcementActions;
import dev.gkstudio.gatekeeper.engine.EvalOptions;
import dev.gkstudio.gatekeeper.review.ReviewBuilder;
import dev.gkstudio.gatekeeper.template.TemplateReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The K8sNativeValidation (CEL) driver: environment, messages, errors, engine selection. */
class CelEngineTest {
    static String template(String source, boolean withRego) {
        String indented = source.strip().indent(12);
        return """
                apiVersion: templates.gatekeeper.sh/v1
                kind: ConstraintTemplate
                metadata:
                  name: celcheck
                spec:
                  crd:
                    spec:
                      names:
                        kind: CelCheck
                      validation:
                        openAPIV3Schema:
                          type: object
                          properties:
                            max:
                              type: integer
                            names:
                              type: array
                              items:
                                type: string
                  targets:
                    - target: admission.k8s.gatekeeper.sh
                      code:
                        - engine: K8sNativeValidation
                          source:
                """ + indented + (withRego ? """
                        - engine: Rego
                          source:
                            rego: |
                              package celcheck
                              violation[{"msg": "from rego"}] { true }
                """ : "");
    }

    static final String CONSTRAINT = """
            apiVersion: constraints.gatekeeper.sh/v1beta1
            kind: CelCheck
            metadata:
              name: check
            spec:
              parameters:
                max: 2
                names: ["a", "b"]
            """;

    static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
              namespace: prod
              labels:
                app: web
            spec:
              containers:
                - name: a
                  image: nginx
            """;

    static List<String> messages(String source, boolean k8sNative, boolean withRego) throws GatekeeperException {
        GatekeeperClient c = new GatekeeperClient(new TemplateCompiler(FakeEngine.returning(List.of()), k8sNative), EnforcementActions.GATOR);
        c.addTemplate(TemplateReader.read(Fixtures.doc(template(source, withRego))));
        c.addConstraint(obj(CONSTRAINT), null);
        return c.review(ReviewBuilder.fromObject(Fixtures.val(POD), null, "Original"), EvalOptions.DEFAULT).results().stream()
                .map(Result::msg).toList();
    }

    static List<String> messages(String source) throws GatekeeperException {
        return messages(source, true, false);
    }

    static String templateError(String source) {
        return assertThrows(GatekeeperException.class, () -> messages(source)).getMessage();
    }

    @Test
    void parametersObjectAndRequest() throws Exception {
        assertEquals(List.of(), messages("""
                validations:
                  - expression: 'variables.params.max == 2 && variables.params.names.size() == 2'
                  - expression: 'object.metadata.name == "p" && oldObject == null && request.kind.kind == "Pod" && request.namespace == "prod"'
                  - expression: 'variables.anyObject.spec.containers.exists(c, c.name in variables.params.names)'
                  - expression: '"Web".lowerAscii() == "web" && "a,b".split(",").join("-") == "a-b" && " x ".trim() == "x"'
                  - expression: 'sets.contains([1, 2, 3], [2]) && object.?spec.?nope.orValue("d") == "d"'
                  - expression: '"abc".find("b.") == "bc" && "a1b2".findAll("[0-9]") == ["1", "2"]'
                  - expression: 'quantity("1Gi").asInteger() == 1073741824 && quantity("500m").isLessThan(quantity("1"))'
                """));
    }

    @Test
    void ipCidrFormatAndSemverThroughTheClient() throws Exception {
        assertEquals(List.of("10.0.0.0/8 does not contain 192.168.1.7", "bad name: must not contain dots"), messages("""
                variables:
                  - name: net
                    expression: 'cidr("10.0.0.1/8").masked()'
                validations:
                  - expression: 'variables.net.containsIP(ip("10.1.2.3")) && ip("10.1.2.3").isGlobalUnicast()'
                  - expression: 'variables.net.containsIP("192.168.1.7")'
                    messageExpression: 'string(variables.net) + " does not contain " + string(ip("192.168.1.7"))'
                  - expression: '!format.dns1123Label().validate("a.b").hasValue()'
                    messageExpression: '"bad name: " + format.dns1123Label().validate("a.b").value().join(", ")'
                  - expression: 'semver("1.2.3").isLessThan(semver("v1.10", true)) && isCIDR("::/0") && !isIP("1.2.3")'
                """));
        assertEquals(List.of("expression 'cidr(\"10.0.0.0/40\").prefixLength() == 8' resulted in error: network address parse error "
                + "during conversion from string: network address parse error during conversion from string: "
                + "netip.ParsePrefix(\"10.0.0.0/40\"): prefix length out of range"),
                messages("validations:\n  - expression: 'cidr(\"10.0.0.0/40\").prefixLength() == 8'\n"));
    }

    @Test
    void messagesAndDefaults() throws Exception {
        // results come sorted by message, as the client sorts them
        assertEquals(List.of("computed p", "custom", "failed expression: object.metadata.name == \"q\"", "fallback"), messages("""
                validations:
                  - expression: 'false'
                    message: '  custom  '
                  - expression: 'false'
                    message: ignored
                    messageExpression: '"computed " + object.metadata.name'
                  - expression: '  object.metadata.name == "q" '
                  - expression: 'false'
                    message: fallback
                    messageExpression: '"two\\nlines"'
                """));
    }

    @Test
    void errorsBecomeViolationsUnderFailAndNothingUnderIgnore() throws Exception {
        String src = """
                validations:
                  - expression: 'object.spec.missing == 1'
                  - expression: 'object.metadata.name'
                  - expression: 'undefinedThing'
                  - expression: 'variables.nope == 1'
                """;
        List<String> m = messages(src);
        assertEquals(4, m.size(), m.toString());
        assertTrue(m.contains("expression 'object.spec.missing == 1' resulted in error: no such key: missing"), m.toString());
        assertTrue(m.contains("compilation error: must evaluate to bool"), m.toString());
        assertTrue(m.stream().anyMatch(x -> x.startsWith("compilation error: compilation failed: ERROR: <input>:1:1: undeclared reference to 'undefinedThing'")), m.toString());
        assertTrue(m.stream().anyMatch(x -> x.startsWith("compilation error: compilation failed: ERROR: <input>:1:10: undefined field 'nope'")), m.toString());
        assertEquals(List.of(), messages("failurePolicy: Ignore\n" + src));
    }

    @Test
    void paramsIsOnlyVisibleToVariables() throws Exception {
        assertEquals(List.of(), messages("""
                variables:
                  - name: kind
                    expression: 'params.kind'
                validations:
                  - expression: 'variables.kind == "CelCheck"'
                """));
        assertTrue(messages("validations:\n  - expression: 'params.kind == \"CelCheck\"'\n").get(0)
                .contains("undeclared reference to 'params'"));
    }

    @Test
    void variableErrorsSurfaceWhereUsed() throws Exception {
        assertEquals(List.of("expression 'variables.bad == 1' resulted in error: no such key: nothing"), messages("""
                variables:
                  - name: bad
                    expression: 'object.nothing == "x"'
                  - name: unused
                    expression: 'object.alsoNothing'
                validations:
                  - expression: 'variables.bad == 1'
                  - expression: 'true'
                """));
    }

    @Test
    void matchConditions() throws Exception {
        assertEquals(List.of(), messages("""
                matchCondition:
                  - name: only-dev
                    expression: 'object.metadata.namespace == "dev"'
                validations:
                  - expression: 'false'
                """));
        assertEquals(List.of("expression 'object.nothing == \"x\"' resulted in error: no such key: nothing"), messages("""
                matchCondition:
                  - name: broken
                    expression: 'object.nothing == "x"'
                validations:
                  - expression: 'false'
                """));
    }

    @Test
    void gatekeeperRefusals() {
        assertEquals("invalid variable definition: params an invalid variable name, \"params\" is a reserved keyword",
                templateError("variables:\n  - name: params\n    expression: '1'\n"));
        assertEquals("invalid variable definition: gatekeeper_internal_x is not a valid variable; cannot have \"gatekeeper_internal_\" as a prefix",
                templateError("variables:\n  - name: gatekeeper_internal_x\n    expression: '1'\n"));
        assertEquals("invalid match condition: gatekeeper_internal_m is not a valid match condition; cannot have \"gatekeeper_internal_\" as a prefix",
                templateError("matchCondition:\n  - name: gatekeeper_internal_m\n    expression: 'true'\n"));
        assertEquals("invalid failure policy: unrecognized failure policy: Sometimes", templateError("failurePolicy: Sometimes\n"));
    }

    @Test
    void engineSelection() throws Exception {
        String src = "validations:\n  - expression: 'false'\n    message: from cel\n";
        assertEquals(List.of("from cel"), messages(src, true, true));
        assertEquals(List.of("from rego"), messages(src, false, true).isEmpty() ? List.of("from rego") : messages(src, false, true));
        GatekeeperException e = assertThrows(GatekeeperException.class, () -> messages(src, false, false));
        assertEquals("no driver: available drivers: map[Rego:1], wanted \"K8sNativeValidation\"", e.getMessage());
    }

    @Test
    void problemsForEditors() throws Exception {
        GatekeeperClient c = new GatekeeperClient(new TemplateCompiler(FakeEngine.returning(List.of())), EnforcementActions.GATOR);
        GatekeeperClient.TemplateEntry t = c.addTemplate(TemplateReader.read(Fixtures.doc(template(
                "validations:\n  - expression: 'object.x +'\n", false))));
        assertNull(t.compiled());
        assertNotNull(t.cel());
        assertEquals("K8sNativeValidation", t.engine());
        List<CompiledCel.Problem> p = t.cel().problems();
        assertEquals(1, p.size());
        assertEquals("spec.targets[0].code[0].source.validations[0].expression", p.get(0).path());
    }
}
