package dev.gkstudio.gatekeeper;

import static dev.gkstudio.gatekeeper.Fixtures.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gkstudio.gatekeeper.client.GatekeeperClient;
import dev.gkstudio.gatekeeper.client.GatekeeperException;
import dev.gkstudio.gatekeeper.client.Result;
import dev.gkstudio.gatekeeper.client.TemplateCompiler;
import dev.gkstudio.gatekeeper.constraint.EnforcementActions;
import dev.gkstudio.gatekeeper.engine.EvalOptions;
import dev.gkstudio.gatekeeper.engine.EvalOutcome;
import dev.gkstudio.gatekeeper.review.ReviewBuilder;
import dev.gkstudio.gatekeeper.template.TemplateReader;
import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.Value;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ClientTest {
    static GatekeeperClient client(FakeEngine e, String template) throws GatekeeperException {
        GatekeeperClient c = new GatekeeperClient(new TemplateCompiler(e), EnforcementActions.GATOR);
        c.addTemplate(TemplateReader.read(Fixtures.doc(template)));
        return c;
    }

    static String templateError(String template) {
        GatekeeperException ex = assertThrows(GatekeeperException.class, () -> client(FakeEngine.returning(List.of()), template));
        return ex.getMessage();
    }

    static final String POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: prod\n";

    @Test
    void templateValidationOrderAndWording() {
        String t = Fixtures.TEMPLATE;
        assertEquals("invalid ConstraintTemplate: must declare exactly one target",
                templateError(t.replace("  targets:\n    - target: admission.k8s.gatekeeper.sh\n", "  targets: []\n  x:\n    - target: admission.k8s.gatekeeper.sh\n")));
        assertEquals("invalid ConstraintTemplate: target name must not be empty",
                templateError(t.replace("- target: admission.k8s.gatekeeper.sh", "- target: \"\"")));
        assertEquals("invalid ConstraintTemplate: ConstraintTemplate \"k8srequiredlabels\" does not specify CRD Kind",
                templateError(t.replace("kind: K8sRequiredLabels", "plural: x")));
        assertEquals("invalid ConstraintTemplate: the ConstraintTemplate's name \"k8srequiredlabels\" is not equal to the lowercase of CRD's Kind: \"k8sotherlabels\"",
                templateError(t.replace("kind: K8sRequiredLabels", "kind: K8sOtherLabels")));
        assertEquals("invalid ConstraintTemplate: target \"foo\" not recognized, known targets [admission.k8s.gatekeeper.sh]",
                templateError(t.replace("- target: admission.k8s.gatekeeper.sh", "- target: foo")));
        assertEquals("invalid ConstraintTemplate: invalid rego: invalid module: missing required rules: [violation]",
                templateError(t.replace("violation[{\"msg\": msg}]", "deny[{\"msg\": msg}]")));
    }

    @Test
    void regoImportsLibsAndRefs() {
        String t = Fixtures.TEMPLATE;
        assertEquals("invalid ConstraintTemplate: invalid import: cannot import input: \"input\"",
                templateError(t.replace("package k8srequiredlabels\n", "package k8srequiredlabels\n        import input\n")));
        assertEquals("invalid ConstraintTemplate: invalid import: bad import: \"data.inventory\"",
                templateError(t.replace("package k8srequiredlabels\n", "package k8srequiredlabels\n        import data.inventory\n")));
        assertEquals("invalid ConstraintTemplate: invalid data references: check refs failed on module {template}: disallowed ref data.foo.bar",
                templateError(t.replace("msg := \"x\"", "msg := data.foo.bar")));
        String withLib = t.replace("      rego: |", "      libs:\n        - |\n          package foo\n          x := 1\n      rego: |");
        assertEquals("invalid ConstraintTemplate: invalid lib prefix: path data.foo not found in lib prefixes", templateError(withLib));
        assertEquals("invalid ConstraintTemplate: invalid lib prefix: path data.lib not found in lib prefixes",
                templateError(withLib.replace("package foo", "package lib")));
    }

    @Test
    void parseErrorPointsIntoTemplateYaml() {
        GatekeeperException ex = assertThrows(GatekeeperException.class,
                () -> client(FakeEngine.returning(List.of()), Fixtures.TEMPLATE.replace("msg := \"x\"", "msg := := \"x\"")));
        assertTrue(ex.getMessage().startsWith("invalid ConstraintTemplate: 1 error occurred: template:3: rego_parse_error"), ex.getMessage());
        assertEquals(30, ex.range().startLine());
    }

    private static ObjectValue constraint(String extra) {
        return obj("apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sRequiredLabels\nmetadata:\n  name: must-have\nspec:\n" + extra);
    }

    private static String constraintError(String extra) throws GatekeeperException {
        GatekeeperClient c = client(FakeEngine.returning(List.of()), Fixtures.TEMPLATE);
        ObjectValue con = constraint(extra);
        return assertThrows(GatekeeperException.class, () -> c.addConstraint(con, null)).getMessage();
    }

    @Test
    void constraintSchemaValidation() throws Exception {
        assertEquals("schema validation failed: [].spec.parameters.labels: Invalid value: \"string\": spec.parameters.labels in body must be of type array: \"string\"",
                constraintError("  parameters:\n    labels: abc\n"));
        assertEquals("schema validation failed: [].spec.parameters.mode: Unsupported value: \"x\": supported values: \"strict\", \"lax\"",
                constraintError("  parameters:\n    mode: x\n"));
        assertEquals("schema validation failed: [].spec.parameters.prefix: Invalid value: \"A1\": spec.parameters.prefix in body should match '^[a-z]+$'",
                constraintError("  parameters:\n    prefix: A1\n"));
        assertEquals("invalid Constraint: unknown fields: [spec.parameters.other]", constraintError("  parameters:\n    other: 1\n"));
        assertEquals("invalid Constraint: unknown fields: [spec.foo]", constraintError("  foo: 1\n"));
        assertEquals("unrecognized enforcementAction: \"block\" is not within the supported list [deny dryrun warn scoped]",
                constraintError("  enforcementAction: block\n"));
        GatekeeperClient c = client(FakeEngine.returning(List.of()), Fixtures.TEMPLATE);
        assertTrue(assertThrows(GatekeeperException.class, () -> c.addConstraint(constraint("  parameters:\n    labels: 1\n"), null)).isSchemaError());
    }

    @Test
    void constraintMetadataChecks() throws Exception {
        GatekeeperClient c = client(FakeEngine.returning(List.of()), Fixtures.TEMPLATE);
        ObjectValue v1 = obj("apiVersion: constraints.gatekeeper.sh/v1\nkind: K8sRequiredLabels\nmetadata:\n  name: x\n");
        assertEquals("invalid Constraint: unsupported version \"v1\" for Constraint \"x\"; supported versions: map[v1alpha1:true v1beta1:true]",
                assertThrows(GatekeeperException.class, () -> c.addConstraint(v1, null)).getMessage());
        ObjectValue other = obj("apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: Other\nmetadata:\n  name: x\n");
        assertEquals("missing ConstraintTemplate: template \"other\" not found",
                assertThrows(GatekeeperException.class, () -> c.addConstraint(other, null)).getMessage());
        ObjectValue badName = obj("apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sRequiredLabels\nmetadata:\n  name: Bad_Name\n");
        assertTrue(assertThrows(GatekeeperException.class, () -> c.addConstraint(badName, null)).getMessage()
                .startsWith("invalid Constraint: invalid name: \"a lowercase RFC 1123 subdomain"));
        ObjectValue longName = obj("apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sRequiredLabels\nmetadata:\n  name: " + "a".repeat(64) + "\n");
        assertEquals("schema validation failed: [].metadata.name: Too long: may not be more than 63 bytes",
                assertThrows(GatekeeperException.class, () -> c.addConstraint(longName, null)).getMessage());
    }

    @Test
    void defaultsAppliedToParameters() throws Exception {
        AtomicReference<Value> seen = new AtomicReference<>();
        GatekeeperClient c = client(new FakeEngine((in, inv) -> {
            seen.set(in);
            return EvalOutcome.of(List.of());
        }), Fixtures.TEMPLATE);
        c.addConstraint(constraint("  parameters:\n    labels: [a]\n"), null);
        c.review(ReviewBuilder.fromObject(obj(POD), null, "Original"), EvalOptions.DEFAULT);
        assertEquals("{\"labels\":[\"a\"],\"mode\":\"strict\"}", Json.write(Obj.get(seen.get(), "parameters")));
        assertEquals("\"\"", Json.write(Obj.get(seen.get(), "review", "operation")));
    }

    @Test
    void resultsAreASetAndMissingMsgIgnored() throws Exception {
        List<Value> els = List.of(obj("msg: a"), obj("msg: a\ndetails: {}"), obj("msg: b\ndetails: {x: 1}"), obj("foo: bar"));
        GatekeeperClient c = client(FakeEngine.returning(els), Fixtures.TEMPLATE);
        c.addConstraint(constraint("  parameters: {}\n"), null);
        List<Result> rs = c.review(ReviewBuilder.fromObject(obj(POD), null, "Original"), EvalOptions.DEFAULT).results();
        assertEquals(List.of("a", "b"), rs.stream().map(Result::msg).toList());
        assertEquals("deny", rs.get(0).enforcementAction());
    }

    @Test
    void nonStringMsgFailsTheReview() throws Exception {
        GatekeeperClient c = client(FakeEngine.returning(List.of(obj("msg: 5"))), Fixtures.TEMPLATE);
        c.addConstraint(constraint("  parameters: {}\n"), null);
        GatekeeperException e = assertThrows(GatekeeperException.class,
                () -> c.review(ReviewBuilder.fromObject(obj(POD), null, "Original"), EvalOptions.DEFAULT));
        assertEquals("admission.k8s.gatekeeper.sh: Rego: message binding was json.Number but want string\n\n", e.getMessage());
    }

    @Test
    void evalErrorBecomesOneViolationPerConstraint() throws Exception {
        GatekeeperClient c = client(new FakeEngine((in, inv) -> EvalOutcome.failed(
                "template:4: eval_conflict_error: complete rules must not produce multiple outputs")), Fixtures.TEMPLATE);
        c.addConstraint(constraint("  parameters: {}\n"), null);
        c.addConstraint(obj("apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sRequiredLabels\nmetadata:\n  name: second\nspec:\n  enforcementAction: warn\n"), null);
        List<Result> rs = c.review(ReviewBuilder.fromObject(obj(POD), null, "Original"), EvalOptions.DEFAULT).results();
        assertEquals(2, rs.size());
        assertEquals("template:4: eval_conflict_error: complete rules must not produce multiple outputs", rs.get(0).msg());
        assertEquals("deny", rs.get(0).enforcementAction());
        assertEquals("warn", rs.get(1).enforcementAction());
    }

    @Test
    void scopedConstraintOnlyWhereItApplies() throws Exception {
        GatekeeperClient c = client(FakeEngine.returning(List.of(obj("msg: a"))), Fixtures.TEMPLATE);
        c.addConstraint(constraint("  enforcementAction: scoped\n  scopedEnforcementActions:\n  - action: warn\n    enforcementPoints:\n    - name: validation.gatekeeper.sh\n"), null);
        assertTrue(c.review(ReviewBuilder.fromObject(obj(POD), null, "Original"), EvalOptions.DEFAULT).results().isEmpty());
        GatekeeperClient c2 = client(FakeEngine.returning(List.of(obj("msg: a"))), Fixtures.TEMPLATE);
        c2.addConstraint(constraint("  enforcementAction: scoped\n  scopedEnforcementActions:\n  - action: deny\n    enforcementPoints:\n    - name: \"*\"\n"), null);
        List<Result> rs = c2.review(ReviewBuilder.fromObject(obj(POD), null, "Original"), EvalOptions.DEFAULT).results();
        assertEquals(List.of("deny"), rs.get(0).scopedActions());
        assertTrue(rs.get(0).isDeny());
    }

    @Test
    void namespaceSelectorWithoutNamespaceIsAnAutomaticViolation() throws Exception {
        GatekeeperClient c = client(FakeEngine.returning(List.of()), Fixtures.TEMPLATE);
        c.addConstraint(constraint("  match:\n    namespaceSelector:\n      matchLabels: {env: prod}\n"), null);
        List<Result> rs = c.review(ReviewBuilder.fromObject(obj(POD), null, "Original"), EvalOptions.DEFAULT).results();
        assertEquals("unable to match constraints: error matching the requested object: p :failed to run Match criteria: namespace selector for namespace-scoped object but missing Namespace",
                rs.get(0).msg());
        c.addData(obj("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod\n  labels: {env: prod}\n"));
        assertTrue(c.review(ReviewBuilder.fromObject(obj(POD), null, "Original"), EvalOptions.DEFAULT).results().isEmpty());
    }

    @Test
    void inventoryLayoutExcludesNothingButTheReviewedObject() throws Exception {
        AtomicReference<Value> inv = new AtomicReference<>();
        GatekeeperClient c = client(new FakeEngine((in, i) -> {
            inv.set(i);
            return EvalOutcome.of(List.of());
        }), Fixtures.TEMPLATE);
        c.addConstraint(constraint("  parameters: {}\n"), null);
        c.review(ReviewBuilder.fromObject(obj(POD), null, "Original"), EvalOptions.DEFAULT);
        assertEquals(null, inv.get());
        c.addData(obj("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  namespace: prod\n"));
        c.addData(obj("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod\n"));
        c.review(ReviewBuilder.fromObject(obj(POD), null, "Original"), EvalOptions.DEFAULT);
        assertEquals("d", Obj.name(Obj.get(inv.get(), "namespace", "prod", "apps/v1", "Deployment", "d")));
        assertEquals("prod", Obj.name(Obj.get(inv.get(), "cluster", "v1", "Namespace", "prod")));
        assertFalse(Obj.get(inv.get(), "namespace", "prod") instanceof ObjectValue o && o.get("v1") != null);
    }
}
