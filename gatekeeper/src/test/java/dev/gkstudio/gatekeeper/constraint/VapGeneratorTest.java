package dev.gkstudio.gatekeeper.constraint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gkstudio.gatekeeper.cel.CelEngine;
import dev.gkstudio.gatekeeper.cel.CompiledCel;
import dev.gkstudio.gatekeeper.template.CelCode;
import dev.gkstudio.gatekeeper.template.ConstraintTemplate;
import dev.gkstudio.gatekeeper.template.TemplateReader;
import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.gatekeeper.yaml.YamlLoader;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each field Gatekeeper's VAP generation (TemplateToPolicyDefinition, ConstraintToBinding) fills in. */
class VapGeneratorTest {
    static ObjectValue yaml(String s) throws Exception {
        return (ObjectValue) new YamlLoader().loadOne(s).value();
    }

    static final String TEMPLATE = """
            apiVersion: templates.gatekeeper.sh/v1
            kind: ConstraintTemplate
            metadata: {name: k8srequiredlabels}
            spec:
              crd: {spec: {names: {kind: K8sRequiredLabels}}}
              targets:
              - target: admission.k8s.gatekeeper.sh
                code:
                - engine: K8sNativeValidation
                  source:
                    %s
                    matchConditions: []
                    matchCondition:
                    - {name: not-system, expression: '!object.metadata.name.startsWith("system-")'}
                    variables:
                    - {name: labels, expression: 'has(variables.anyObject.metadata.labels) ? variables.anyObject.metadata.labels : {}'}
                    validations:
                    - {expression: '"owner" in variables.labels', message: 'must have owner'}
                    - {expression: 'size(variables.labels) < 10', messageExpression: '"too many: " + string(size(variables.labels))'}
            """;

    static ConstraintTemplate template(String extra) throws Exception {
        return TemplateReader.read(new YamlLoader().loadOne(TEMPLATE.formatted(extra)));
    }

    static String j(Value v, String... path) {
        return Json.write(Obj.get(v, path));
    }

    @Test
    void policyNameKindAndParamKind() throws Exception {
        ObjectValue p = VapGenerator.policy(template(""));
        assertEquals("\"admissionregistration.k8s.io/v1beta1\"", j(p, "apiVersion"));
        assertEquals("\"ValidatingAdmissionPolicy\"", j(p, "kind"));
        assertEquals("\"gatekeeper-k8srequiredlabels\"", j(p, "metadata", "name"));
        assertEquals("{\"apiVersion\":\"constraints.gatekeeper.sh/v1beta1\",\"kind\":\"K8sRequiredLabels\"}", j(p, "spec", "paramKind"));
    }

    @Test
    void matchConstraintsCoverEveryResourceOnCreateAndUpdate() throws Exception {
        assertEquals("{\"resourceRules\":[{\"apiGroups\":[\"*\"],\"apiVersions\":[\"*\"],\"operations\":[\"CREATE\",\"UPDATE\"],\"resources\":[\"*\"]}]}",
                j(VapGenerator.policy(template("")), "spec", "matchConstraints"));
    }

    @Test
    void validationsKeepExpressionMessageAndMessageExpression() throws Exception {
        assertEquals("[{\"expression\":\"\\\"owner\\\" in variables.labels\",\"message\":\"must have owner\"},"
                + "{\"expression\":\"size(variables.labels) \\u003c 10\",\"messageExpression\":\"\\\"too many: \\\" + string(size(variables.labels))\"}]",
                j(VapGenerator.policy(template("")), "spec", "validations"));
    }

    @Test
    void failurePolicyDefaultsToFail() throws Exception {
        assertEquals("\"Fail\"", j(VapGenerator.policy(template("")), "spec", "failurePolicy"));
        assertEquals("\"Ignore\"", j(VapGenerator.policy(template("failurePolicy: Ignore")), "spec", "failurePolicy"));
    }

    @Test
    void matchConditionsAreTheTemplatesThenGatekeepersFour() throws Exception {
        List<String> names = Obj.arr(VapGenerator.policy(template("")), "spec", "matchConditions").list().stream()
                .map(c -> Obj.str(c, "name")).toList();
        assertEquals(List.of("not-system", "gatekeeper_internal_match_excluded_namespaces", "gatekeeper_internal_match_namespaces",
                "gatekeeper_internal_match_name", "gatekeeper_internal_match_kinds"), names);
    }

    @Test
    void variablesAreAnyObjectAndParamsThenTheTemplates() throws Exception {
        List<String> names = Obj.arr(VapGenerator.policy(template("")), "spec", "variables").list().stream()
                .map(c -> Obj.str(c, "name")).toList();
        assertEquals(List.of("anyObject", "params", "labels"), names);
    }

    /** The four internal conditions, evaluated against a constraint (the policy's param) by our CEL engine. */
    @Test
    void theInternalMatchConditionsFollowTheConstraintsMatch() throws Exception {
        ObjectValue constraint = yaml("""
                kind: K8sRequiredLabels
                metadata: {name: c}
                spec:
                  match:
                    kinds: [{apiGroups: [""], kinds: [Pod]}]
                    namespaces: ["team-*"]
                    excludedNamespaces: [team-x]
                    name: "web-*"
                """);
        String[][] conditions = {{"kinds", VapGenerator.KINDS}, {"namespaces", VapGenerator.NAMESPACES},
                {"excluded", VapGenerator.EXCLUDED_NAMESPACES}, {"name", VapGenerator.NAME}};
        assertEquals("", failing(conditions, constraint, "Pod", "team-a", "web-1"));
        assertEquals("kinds", failing(conditions, constraint, "Deployment", "team-a", "web-1"));
        assertEquals("namespaces", failing(conditions, constraint, "Pod", "prod", "web-1"));
        assertEquals("excluded", failing(conditions, constraint, "Pod", "team-x", "web-1"));
        assertEquals("name", failing(conditions, constraint, "Pod", "team-a", "db-1"));
    }

    /** Names of the conditions that are false for the object; params is visible to variables, as in a VAP. */
    static String failing(String[][] conditions, ObjectValue constraint, String kind, String ns, String name) throws Exception {
        List<CelCode.Variable> vars = new java.util.ArrayList<>();
        List<CelCode.Validation> vals = new java.util.ArrayList<>();
        for (String[] c : conditions) {
            String expr = c[1].replace("params.spec", "gk_constraint.spec");
            vars.add(new CelCode.Variable(c[0], "[params].map(gk_constraint, " + expr.strip() + ")[0]", ""));
            vals.add(new CelCode.Validation("variables." + c[0], c[0], "", ""));
        }
        CompiledCel cel = CelEngine.get().compile(new CelCode(vals, vars, List.of(), null, null, "source"));
        ObjectValue obj = yaml("{apiVersion: v1, kind: " + kind + ", metadata: {name: " + name + ", namespace: " + ns + "}}");
        ObjectValue request = yaml("{kind: {group: '', version: v1, kind: " + kind + "}, operation: CREATE}");
        return String.join(",", cel.validate(CompiledCel.Input.of(obj, null, request, null, constraint)));
    }

    @Test
    void bindingNamesPolicyParamAndActions() throws Exception {
        ObjectValue b = VapGenerator.binding(yaml("""
                kind: K8sRequiredLabels
                metadata: {name: must-have-owner}
                spec: {enforcementAction: warn}
                """));
        assertEquals("\"gatekeeper-must-have-owner\"", j(b, "metadata", "name"));
        assertEquals("\"gatekeeper-k8srequiredlabels\"", j(b, "spec", "policyName"));
        assertEquals("{\"name\":\"must-have-owner\",\"parameterNotFoundAction\":\"Allow\"}", j(b, "spec", "paramRef"));
        assertEquals("[\"Warn\"]", j(b, "spec", "validationActions"));
        assertEquals("{}", j(b, "spec", "matchResources"));
    }

    @Test
    void bindingSelectorsComeFromTheConstraintsMatch() throws Exception {
        ObjectValue b = VapGenerator.binding(yaml("""
                kind: K8sRequiredLabels
                metadata: {name: c}
                spec:
                  match:
                    labelSelector: {matchLabels: {tier: web}}
                    namespaceSelector: {matchExpressions: [{key: env, operator: In, values: [prod]}]}
                """));
        assertEquals("[\"Deny\"]", j(b, "spec", "validationActions"));
        assertEquals("{\"matchLabels\":{\"tier\":\"web\"}}", j(b, "spec", "matchResources", "objectSelector"));
        assertEquals("{\"matchExpressions\":[{\"key\":\"env\",\"operator\":\"In\",\"values\":[\"prod\"]}]}",
                j(b, "spec", "matchResources", "namespaceSelector"));
    }

    @Test
    void scopedConstraintsUseTheVapEnforcementPointAndDryrunGetsNoBinding() throws Exception {
        ObjectValue scoped = yaml("""
                kind: K8sRequiredLabels
                metadata: {name: c}
                spec:
                  enforcementAction: scoped
                  scopedEnforcementActions:
                  - {action: warn, enforcementPoints: [{name: vap.k8s.io}]}
                  - {action: deny, enforcementPoints: [{name: validation.gatekeeper.sh}]}
                """);
        assertEquals("[\"Warn\"]", j(VapGenerator.binding(scoped), "spec", "validationActions"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VapGenerator.binding(yaml("{kind: K8sRequiredLabels, metadata: {name: c}, spec: {enforcementAction: dryrun}}")));
        assertEquals("unrecognized enforcement action dryrun, must be `warn` or `deny`", e.getMessage());
    }
}
