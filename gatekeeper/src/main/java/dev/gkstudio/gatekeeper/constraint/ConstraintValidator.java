package dev.gkstudio.gatekeeper.constraint;

import dev.gkstudio.gatekeeper.client.GatekeeperException;
import dev.gkstudio.gatekeeper.schema.FieldError;
import dev.gkstudio.gatekeeper.schema.SchemaValidator;
import dev.gkstudio.gatekeeper.schema.StructuralSchema;
import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.gatekeeper.yaml.PositionIndex;
import dev.gkstudio.gatekeeper.yaml.SourceRange;
import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Gatekeeper's checks when a Constraint is added, in its order and with its wording. */
public final class ConstraintValidator {
    private static final Pattern DNS1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

    private ConstraintValidator() {
    }

    /** validateConstraintMetadata: name, kind, group. */
    public static void checkMetadata(Value c) throws GatekeeperException {
        if (Obj.name(c).isEmpty()) throw new GatekeeperException("invalid Constraint: missing metadata.name");
        if (Obj.kind(c).isEmpty()) throw new GatekeeperException("invalid Constraint: missing kind");
        String group = Obj.groupVersion(c)[0];
        if (!ConstraintCrd.GROUP.equals(group)) {
            throw new GatekeeperException("invalid Constraint: wrong API Group for Constraint \"" + Obj.name(c)
                    + "\", got \"" + group + "\" but need \"" + ConstraintCrd.GROUP + "\"");
        }
    }

    /** The target's label selector validation (both selectors report under spec.labelSelector). */
    public static void checkSelectors(Value c) throws GatekeeperException {
        for (String sel : new String[] {"labelSelector", "namespaceSelector"}) {
            Value s = Obj.get(c, "spec", "match", sel);
            if (!(s instanceof ObjectValue)) continue;
            List<String> errs = new ArrayList<>();
            ArrayValue exprs = Obj.arr(s, "matchExpressions");
            if (exprs != null) {
                for (int i = 0; i < exprs.size(); i++) {
                    Value e = exprs.get(i);
                    String p = "spec.labelSelector.matchExpressions[" + i + "]";
                    String op = Obj.str(e, "operator");
                    int nvals = Obj.arr(e, "values") == null ? 0 : Obj.arr(e, "values").size();
                    switch (op) {
                        case "In", "NotIn" -> {
                            if (nvals == 0) errs.add(p + ".values: Required value: must be specified when `operator` is 'In' or 'NotIn'");
                        }
                        case "Exists", "DoesNotExist" -> {
                            if (nvals > 0) errs.add(p + ".values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
                        }
                        default -> errs.add(p + ".operator: Unsupported value: \"" + op
                                + "\": supported values: \"In\", \"NotIn\", \"Exists\", \"DoesNotExist\"");
                    }
                    String key = Obj.str(e, "key");
                    String ke = qualifiedNameError(key);
                    if (ke != null) errs.add(p + ".key: Invalid value: \"" + key + "\": " + ke);
                }
            }
            ObjectValue ml = Obj.obj(s, "matchLabels");
            if (ml != null) {
                for (Value k : ml.keys()) {
                    String key = ((StringValue) k).value();
                    String ke = qualifiedNameError(key);
                    if (ke != null) errs.add("spec.labelSelector.matchLabels: Invalid value: \"" + key + "\": " + ke);
                    Value v = ml.get(k);
                    String val = v instanceof StringValue sv ? sv.value() : String.valueOf(v);
                    if (val.length() > 63 || !LABEL_VALUE.matcher(val).matches()) {
                        errs.add("spec.labelSelector.matchLabels: Invalid value: \"" + val + "\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
                    }
                }
            }
            if (!errs.isEmpty()) {
                throw new GatekeeperException("invalid Constraint: " + (errs.size() == 1 ? errs.get(0) : "[" + String.join(", ", errs) + "]"));
            }
        }
    }

    private static String qualifiedNameError(String key) {
        String name = key;
        int slash = key.indexOf('/');
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (prefix.isEmpty() || !DNS1123_SUBDOMAIN.matcher(prefix).matches()) {
                return "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
            }
        }
        if (name.isEmpty()) return "name part must be non-empty";
        if (name.length() > 63) return "name part must be no more than 63 characters";
        if (!QUALIFIED_NAME.matcher(name).matches()) {
            return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
        }
        return null;
    }

    /** crds.ValidateCR: name, kind, group, version, schema, unknown fields. */
    public static void validateCR(Value c, String kind, ObjectValue schema, PositionIndex positions) throws GatekeeperException {
        String name = Obj.name(c);
        List<String> nameErrs = new ArrayList<>();
        if (name.length() > 253) nameErrs.add("must be no more than 253 characters");
        if (!DNS1123_SUBDOMAIN.matcher(name).matches()) {
            nameErrs.add("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
        }
        if (!nameErrs.isEmpty()) {
            throw new GatekeeperException("invalid Constraint: invalid name: " + dev.gkstudio.rego.value.Json.quote(String.join("\n", nameErrs)),
                    false, range(positions, "metadata.name"));
        }
        if (!Obj.kind(c).equals(kind)) {
            throw new GatekeeperException("invalid Constraint: wrong kind \"" + name + "\" for constraint \"" + Obj.kind(c)
                    + "\"; want \"" + kind + "\"", false, range(positions, "kind"));
        }
        String[] gv = Obj.groupVersion(c);
        if (!ConstraintCrd.GROUP.equals(gv[0])) {
            throw new GatekeeperException("invalid Constraint: unsupported group \"" + gv[0] + "\" for constraint \"" + name
                    + "\"; allowed group: \"" + ConstraintCrd.GROUP + "\"", false, range(positions, "apiVersion"));
        }
        if (!gv[1].equals("v1beta1") && !gv[1].equals("v1alpha1")) {
            throw new GatekeeperException("invalid Constraint: unsupported version \"" + gv[1] + "\" for Constraint \"" + name
                    + "\"; supported versions: map[v1alpha1:true v1beta1:true]", false, range(positions, "apiVersion"));
        }
        List<FieldError> errs = SchemaValidator.validate(schema, c);
        if (!errs.isEmpty()) {
            throw new GatekeeperException("schema validation failed: " + SchemaValidator.aggregate(errs), true,
                    range(positions, errs.get(0).dataPath()));
        }
        List<String> unknown = StructuralSchema.unknownFields(schema, c, true);
        if (!unknown.isEmpty()) {
            throw new GatekeeperException("invalid Constraint: unknown fields: [" + String.join(" ", unknown) + "]", false,
                    range(positions, unknown.get(0)));
        }
    }

    static SourceRange range(PositionIndex positions, String path) {
        if (positions == null) return SourceRange.NONE;
        SourceRange r = positions.key(path);
        return r.isKnown() ? r : positions.closest(path);
    }
}
