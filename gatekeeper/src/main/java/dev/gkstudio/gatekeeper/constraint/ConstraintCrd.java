package dev.gkstudio.gatekeeper.constraint;

import dev.gkstudio.gatekeeper.schema.StructuralSchema;
import dev.gkstudio.gatekeeper.template.ConstraintTemplate;
import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.gatekeeper.yaml.YamlLoader;
import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** The Constraint CRD Gatekeeper generates for a template, and its validation schema. */
public final class ConstraintCrd {
    public static final String GROUP = "constraints.gatekeeper.sh";
    private static final ObjectValue MATCH_SCHEMA = loadMatchSchema();

    private ConstraintCrd() {
    }

    private static ObjectValue loadMatchSchema() {
        try (InputStream in = ConstraintCrd.class.getResourceAsStream("/dev/gkstudio/gatekeeper/match-schema.yaml")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Value crd = new YamlLoader().loadOne(text).value();
            ArrayValue versions = Obj.arr(crd, "spec", "versions");
            ObjectValue s = Obj.obj(versions.get(0), "schema", "openAPIV3Schema", "properties", "embeddedMatch");
            return s;
        } catch (IOException | dev.gkstudio.gatekeeper.yaml.YamlException | RuntimeException e) {
            throw new IllegalStateException("cannot load match schema", e);
        }
    }

    public static ObjectValue matchSchema() {
        return MATCH_SCHEMA;
    }

    private static ObjectValue o(Object... kv) {
        ObjectValue.Builder b = ObjectValue.builder();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            b.put((String) kv[i], v instanceof Value vv ? vv : v instanceof String s ? StringValue.of(s)
                    : v instanceof Boolean bo ? BooleanValue.of(bo) : NumberValue.of(((Number) v).longValue()));
        }
        return b.build();
    }

    /** The parameters schema as Gatekeeper stores it in the CRD (legacySchema: preserve unknown fields). */
    public static ObjectValue parametersSchema(ConstraintTemplate t) {
        ObjectValue s = t.parametersSchema();
        if (s == null) return null;
        return t.legacySchema() ? StructuralSchema.preserveEverywhere(s) : s;
    }

    /** The openAPIV3Schema of the generated Constraint CRD. */
    public static ObjectValue schema(ConstraintTemplate t) {
        ObjectValue.Builder spec = ObjectValue.builder();
        spec.put("match", MATCH_SCHEMA);
        spec.put("enforcementAction", o("type", "string", "default", "deny"));
        ObjectValue point = o("type", "object", "properties", o("name", o("type", "string")));
        ObjectValue scoped = o("type", "object", "properties", o("action", o("type", "string"),
                "enforcementPoints", o("type", "array", "items", point)));
        spec.put("scopedEnforcementActions", o("type", "array", "items", scoped));
        ObjectValue params = parametersSchema(t);
        if (params != null) spec.put("parameters", params);
        return o("type", "object", "properties", o(
                "metadata", o("type", "object", "properties", o("name", o("type", "string", "maxLength", 63))),
                "spec", o("type", "object", "properties", spec.build()),
                "status", o("x-kubernetes-preserve-unknown-fields", true)));
    }

    /** The generated CustomResourceDefinition (apiextensions.k8s.io/v1) for the template. */
    public static ObjectValue crd(ConstraintTemplate t) {
        String kind = t.kind();
        String lower = kind.toLowerCase(Locale.ROOT);
        ObjectValue schema = schema(t);
        ArrayValue columns = ArrayValue.of(List.of(
                o("name", "enforcement-action", "type", "string", "jsonPath", ".spec.enforcementAction"),
                o("name", "total-violations", "type", "integer", "jsonPath", ".status.totalViolations")));
        ObjectValue.Builder names = ObjectValue.builder()
                .put("kind", StringValue.of(kind)).put("listKind", StringValue.of(kind + "List"))
                .put("plural", StringValue.of(lower)).put("singular", StringValue.of(lower))
                .put("categories", ArrayValue.of(List.of(StringValue.of("constraint"), StringValue.of("constraints"))));
        if (!t.shortNames().isEmpty()) {
            names.put("shortNames", ArrayValue.of(t.shortNames().stream().map(s -> (Value) StringValue.of(s)).toList()));
        }
        ObjectValue labels = ObjectValue.builder().put("gatekeeper.sh/constraint", StringValue.of("yes")).build();
        return o("apiVersion", "apiextensions.k8s.io/v1", "kind", "CustomResourceDefinition",
                "metadata", o("name", lower + "." + GROUP, "labels", labels),
                "spec", o("group", GROUP, "names", names.build(), "scope", "Cluster",
                        "preserveUnknownFields", false,
                        "versions", ArrayValue.of(List.of(
                                o("name", "v1beta1", "served", true, "storage", true,
                                        "schema", o("openAPIV3Schema", schema),
                                        "subresources", o("status", ObjectValue.EMPTY),
                                        "additionalPrinterColumns", columns),
                                o("name", "v1alpha1", "served", true, "storage", false,
                                        "schema", o("openAPIV3Schema", schema),
                                        "subresources", o("status", ObjectValue.EMPTY),
                                        "additionalPrinterColumns", columns)))));
    }
}
