package dev.gkstudio.gatekeeper.constraint;

import dev.gkstudio.gatekeeper.template.CelCode;
import dev.gkstudio.gatekeeper.template.ConstraintTemplate;
import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ValidatingAdmissionPolicy and ValidatingAdmissionPolicyBinding Gatekeeper creates for a template with
 * K8sNativeValidation code and for each of its constraints (its VAP generation: TemplateToPolicyDefinition and
 * ConstraintToBinding). The policy takes the constraint as its param, matches every resource on CREATE and
 * UPDATE, and re-checks the constraint's kinds, name, namespaces and excludedNamespaces in match conditions
 * after the template's own; the binding carries the constraint's labelSelector and namespaceSelector. Keys are
 * in the order the Kubernetes API types serialise them. Cluster-wide settings Gatekeeper adds from its Config
 * (globally excluded or exempted namespaces) are not known here and are left out.
 */
public final class VapGenerator {
    public static final String API_VERSION = "admissionregistration.k8s.io/v1beta1";
    public static final String PREFIX = "gatekeeper-";

    private VapGenerator() {
    }

    /** The K8sNativeValidation code of the template's target, or null when it has none. */
    public static CelCode cel(ConstraintTemplate t) {
        return t.targets().isEmpty() ? null : t.targets().get(0).cel();
    }

    public static ObjectValue policy(ConstraintTemplate t) {
        CelCode cel = cel(t);
        if (cel == null) throw new IllegalArgumentException("template " + t.name() + " has no K8sNativeValidation code");
        List<Value> conditions = new ArrayList<>();
        for (CelCode.MatchCondition m : cel.matchConditions()) conditions.add(named(m.name(), m.expression()));
        conditions.add(named("gatekeeper_internal_match_excluded_namespaces", EXCLUDED_NAMESPACES));
        conditions.add(named("gatekeeper_internal_match_namespaces", NAMESPACES));
        conditions.add(named("gatekeeper_internal_match_name", NAME));
        conditions.add(named("gatekeeper_internal_match_kinds", KINDS));
        List<Value> validations = new ArrayList<>();
        for (CelCode.Validation v : cel.validations()) {
            ObjectValue.Builder b = ObjectValue.builder().put("expression", s(v.expression()));
            if (v.message() != null && !v.message().isEmpty()) b.put("message", s(v.message()));
            if (v.messageExpression() != null && !v.messageExpression().isEmpty()) b.put("messageExpression", s(v.messageExpression()));
            validations.add(b.build());
        }
        List<Value> variables = new ArrayList<>();
        variables.add(named("anyObject", "has(request.operation) && request.operation == \"DELETE\" && object == null ? oldObject : object", "expression"));
        variables.add(named("params", "!has(params.spec) ? null : !has(params.spec.parameters) ? null: params.spec.parameters", "expression"));
        for (CelCode.Variable v : cel.variables()) variables.add(named(v.name(), v.expression(), "expression"));
        String failurePolicy = cel.failurePolicy() == null || cel.failurePolicy().isEmpty() ? "Fail" : cel.failurePolicy();
        ObjectValue rule = ObjectValue.builder()
                .put("operations", strings("CREATE", "UPDATE"))
                .put("apiGroups", strings("*")).put("apiVersions", strings("*")).put("resources", strings("*")).build();
        ObjectValue spec = ObjectValue.builder()
                .put("paramKind", ObjectValue.builder().put("apiVersion", s("constraints.gatekeeper.sh/v1beta1"))
                        .put("kind", s(t.kind())).build())
                .put("matchConstraints", ObjectValue.builder().put("resourceRules", ArrayValue.of(rule)).build())
                .put("validations", ArrayValue.of(validations))
                .put("failurePolicy", s(failurePolicy))
                .put("matchConditions", ArrayValue.of(conditions))
                .put("variables", ArrayValue.of(variables))
                .build();
        return ObjectValue.builder()
                .put("apiVersion", s(API_VERSION))
                .put("kind", s("ValidatingAdmissionPolicy"))
                .put("metadata", ObjectValue.builder().put("name", s(PREFIX + t.name())).build())
                .put("spec", spec)
                .build();
    }

    /**
     * The validation actions of the constraint's binding: {@code Deny} or {@code Warn} for its enforcementAction,
     * or for a scoped constraint those of its {@code vap.k8s.io} enforcement point.
     *
     * @throws IllegalArgumentException with Gatekeeper's reason when no binding would be made (dryrun, ...)
     */
    public static List<String> actions(Value constraint) {
        String action = EnforcementActions.action(constraint);
        List<String> actions = "scoped".equals(action)
                ? EnforcementActions.scopedActionsFor(constraint, EnforcementActions.VAP) : List.of(action);
        if (actions.isEmpty()) throw new IllegalArgumentException("enforcement actions must be provided");
        List<String> out = new ArrayList<>();
        for (String a : actions) {
            switch (a) {
                case "deny" -> out.add("Deny");
                case "warn" -> out.add("Warn");
                default -> throw new IllegalArgumentException("unrecognized enforcement action " + a + ", must be `warn` or `deny`");
            }
        }
        return out;
    }

    public static ObjectValue binding(ObjectValue constraint) {
        List<String> actions = actions(constraint);
        ObjectValue.Builder match = ObjectValue.builder();
        Value ns = Obj.get(constraint, "spec", "match", "namespaceSelector");
        if (ns instanceof ObjectValue) match.put("namespaceSelector", ns);
        Value obj = Obj.get(constraint, "spec", "match", "labelSelector");
        if (obj instanceof ObjectValue) match.put("objectSelector", obj);
        ObjectValue spec = ObjectValue.builder()
                .put("policyName", s(PREFIX + Obj.kind(constraint).toLowerCase(Locale.ROOT)))
                .put("paramRef", ObjectValue.builder().put("name", s(Obj.name(constraint)))
                        .put("parameterNotFoundAction", s("Allow")).build())
                .put("matchResources", match.build())
                .put("validationActions", ArrayValue.of(actions.stream().map(a -> (Value) s(a)).toList()))
                .build();
        return ObjectValue.builder()
                .put("apiVersion", s(API_VERSION))
                .put("kind", s("ValidatingAdmissionPolicyBinding"))
                .put("metadata", ObjectValue.builder().put("name", s(PREFIX + Obj.name(constraint))).build())
                .put("spec", spec)
                .build();
    }

    private static ObjectValue named(String name, String expression) {
        return named(name, expression, "expression");
    }

    private static ObjectValue named(String name, String expression, String key) {
        return ObjectValue.builder().put("name", s(name)).put(key, s(expression)).build();
    }

    private static StringValue s(String v) {
        return StringValue.of(v);
    }

    private static ArrayValue strings(String... v) {
        List<Value> l = new ArrayList<>();
        for (String x : v) l.add(s(x));
        return ArrayValue.of(l);
    }

    // The constraint's own match criteria, re-checked by the policy against its param (the constraint). Globs
    // become regular expressions: Gatekeeper's patterns for names and namespaces allow only '*' as a wildcard.
    static final String KINDS = """
            !has(params.spec) || !has(params.spec.match) || !has(params.spec.match.kinds) ||
              params.spec.match.kinds.exists(gk,
                (!has(gk.kinds) || size(gk.kinds) == 0 || "*" in gk.kinds || request.kind.kind in gk.kinds) &&
                (!has(gk.apiGroups) || size(gk.apiGroups) == 0 || "*" in gk.apiGroups || request.kind.group in gk.apiGroups))
            """;

    static final String NAME = """
            !has(params.spec) || !has(params.spec.match) || !has(params.spec.match.name) ||
              [object, oldObject].exists(o, o != null && (
                (has(o.metadata.generateName) && o.metadata.generateName != "" && params.spec.match.name.endsWith("*") &&
                  string(o.metadata.generateName).matches("^" + string(params.spec.match.name).replace("*", ".*") + "$")) ||
                (has(o.metadata.name) && string(o.metadata.name).matches("^" + string(params.spec.match.name).replace("*", ".*") + "$"))))
            """;

    static final String NAMESPACES = """
            !has(params.spec) || !has(params.spec.match) || !has(params.spec.match.namespaces) ||
              [object, oldObject].exists(o, o != null && (
                !has(o.metadata.namespace) || o.metadata.namespace == "" ||
                params.spec.match.namespaces.exists(p, string(o.metadata.namespace).matches("^" + string(p).replace("*", ".*") + "$"))))
            """;

    static final String EXCLUDED_NAMESPACES = """
            !has(params.spec) || !has(params.spec.match) || !has(params.spec.match.excludedNamespaces) ||
              [object, oldObject].exists(o, o != null && (
                !has(o.metadata.namespace) || o.metadata.namespace == "" ||
                !params.spec.match.excludedNamespaces.exists(p, string(o.metadata.namespace).matches("^" + string(p).replace("*", ".*") + "$"))))
            """;
}
