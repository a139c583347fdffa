package dev.gkstudio.gatekeeper.schema;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.NullValue;
import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates a value against an OpenAPI v3 schema (the subset Kubernetes CRDs use) with the wording of
 * kube-openapi / apiextensions-apiserver, e.g.
 * {@code [].spec.parameters.x: Invalid value: "string": spec.parameters.x in body must be of type integer: "string"}.
 */
public final class SchemaValidator {
    /** The root field path prefix Gatekeeper's ValidateCustomResource(field.NewPath(""), ...) prints. */
    public static final String ROOT = "[]";
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private SchemaValidator() {
    }

    public static List<FieldError> validate(ObjectValue schema, Value data) {
        List<FieldError> out = new ArrayList<>();
        walk(schema, data, "", out);
        return out;
    }

    /** Renders errors the way utilerrors.NewAggregate does: one message, or {@code [a, b]}. */
    public static String aggregate(List<FieldError> errors) {
        Set<String> msgs = new LinkedHashSet<>();
        for (FieldError e : errors) msgs.add(e.toString());
        if (msgs.size() == 1) return msgs.iterator().next();
        return "[" + String.join(", ", msgs) + "]";
    }

    private static String field(String path) {
        return path.isEmpty() ? ROOT : ROOT + "." + path;
    }

    static String jsonType(Value v) {
        if (v instanceof NullValue) return "null";
        if (v instanceof BooleanValue) return "boolean";
        if (v instanceof NumberValue n) return n.isInteger() && !hasFraction(n) ? "integer" : "number";
        if (v instanceof StringValue) return "string";
        if (v instanceof ArrayValue) return "array";
        return "object";
    }

    private static boolean hasFraction(NumberValue n) {
        String t = n.literalText();
        return t != null && (t.contains(".") || t.contains("e") || t.contains("E"));
    }

    private static boolean typeMatches(String type, Value v) {
        return switch (type) {
            case "string" -> v instanceof StringValue;
            case "integer" -> v instanceof NumberValue n && n.isInteger() && !hasFraction(n);
            case "number" -> v instanceof NumberValue;
            case "boolean" -> v instanceof BooleanValue;
            case "array" -> v instanceof ArrayValue;
            case "object" -> v instanceof ObjectValue;
            case "null" -> v instanceof NullValue;
            default -> true;
        };
    }

    /** Go's %v/%q rendering of a bad value inside field.Error. */
    static String badValue(Value v) {
        if (v == null || v instanceof NullValue) return "\"null\"";
        if (v instanceof StringValue s) return Json.quote(s.value());
        if (v instanceof NumberValue || v instanceof BooleanValue) return v.toString();
        return Json.write(v);
    }

    private static void walk(ObjectValue s, Value v, String path, List<FieldError> out) {
        if (s == null) return;
        String name = path;
        boolean nullable = Obj.get(s, "nullable") instanceof BooleanValue b && b.value();
        if (v instanceof NullValue && nullable) return;
        String type = Obj.str(s, "type");
        boolean intOrString = Obj.get(s, "x-kubernetes-int-or-string") instanceof BooleanValue b2 && b2.value();
        if (intOrString) {
            if (!(v instanceof StringValue) && !typeMatches("integer", v)) {
                out.add(new FieldError(field(path), path, "Invalid value: " + badValue(StringValue.of(jsonType(v)))
                        + ": " + name + " in body must be of type integer,string: " + Json.quote(jsonType(v))));
                return;
            }
        } else if (!type.isEmpty() && !typeMatches(type, v)) {
            if (v instanceof NullValue) {
                out.add(new FieldError(field(path), path, "Invalid value: \"null\": " + name + " in body must be of type " + type + ": \"null\""));
            } else {
                out.add(new FieldError(field(path), path, "Invalid value: " + Json.quote(jsonType(v)) + ": " + name
                        + " in body must be of type " + type + ": " + Json.quote(jsonType(v))));
            }
            return;
        }
        // enum
        ArrayValue en = Obj.arr(s, "enum");
        if (en != null && !en.list().contains(v)) {
            List<String> vals = new ArrayList<>();
            for (Value e : en.list()) vals.add(e instanceof StringValue sv ? Json.quote(sv.value()) : Json.quote(Json.write(e)));
            out.add(new FieldError(field(path), path, "Unsupported value: " + badValue(v) + ": supported values: " + String.join(", ", vals)));
        }
        if (v instanceof StringValue sv) {
            String str = sv.value();
            int len = str.codePointCount(0, str.length());
            Long maxLen = integer(s, "maxLength");
            if (maxLen != null && len > maxLen) {
                out.add(new FieldError(field(path), path, "Too long: may not be more than " + maxLen + " bytes"));
            }
            Long minLen = integer(s, "minLength");
            if (minLen != null && len < minLen) {
                out.add(new FieldError(field(path), path, "Invalid value: " + badValue(v) + ": " + name + " in body should be at least " + minLen + " chars long"));
            }
            String pattern = Obj.str(s, "pattern");
            if (!pattern.isEmpty()) {
                Pattern p = compile(pattern);
                if (p != null && !p.matcher(str).find()) {
                    out.add(new FieldError(field(path), path, "Invalid value: " + badValue(v) + ": " + name + " in body should match '" + pattern + "'"));
                }
            }
        }
        if (v instanceof NumberValue nv) {
            BigDecimal d = nv.value();
            Value max = Obj.get(s, "maximum");
            if (max instanceof NumberValue mx) {
                boolean excl = Obj.get(s, "exclusiveMaximum") instanceof BooleanValue b && b.value();
                if (excl ? d.compareTo(mx.value()) >= 0 : d.compareTo(mx.value()) > 0) {
                    out.add(new FieldError(field(path), path, "Invalid value: " + nv + ": " + name + " in body should be less than "
                            + (excl ? "" : "or equal to ") + mx));
                }
            }
            Value min = Obj.get(s, "minimum");
            if (min instanceof NumberValue mn) {
                boolean excl = Obj.get(s, "exclusiveMinimum") instanceof BooleanValue b && b.value();
                if (excl ? d.compareTo(mn.value()) <= 0 : d.compareTo(mn.value()) < 0) {
                    out.add(new FieldError(field(path), path, "Invalid value: " + nv + ": " + name + " in body should be greater than "
                            + (excl ? "" : "or equal to ") + mn));
                }
            }
            Value mul = Obj.get(s, "multipleOf");
            if (mul instanceof NumberValue mu && mu.value().signum() != 0
                    && d.remainder(mu.value()).signum() != 0) {
                out.add(new FieldError(field(path), path, "Invalid value: " + nv + ": " + name + " in body should be a multiple of " + mu));
            }
        }
        if (v instanceof ArrayValue av) {
            Long maxItems = integer(s, "maxItems");
            if (maxItems != null && av.size() > maxItems) {
                out.add(new FieldError(field(path), path, "Too many: " + av.size() + ": must have at most " + maxItems + " items"));
            }
            Long minItems = integer(s, "minItems");
            if (minItems != null && av.size() < minItems) {
                out.add(new FieldError(field(path), path, "Invalid value: " + av.size() + ": " + name + " in body should have at least " + minItems + " items"));
            }
            if (Obj.get(s, "uniqueItems") instanceof BooleanValue u && u.value() && new HashSet<>(av.list()).size() != av.size()) {
                out.add(new FieldError(field(path), path, "Duplicate value: " + Json.write(av)));
            }
            ObjectValue items = Obj.obj(s, "items");
            if (items != null) {
                for (int i = 0; i < av.size(); i++) walk(items, av.get(i), path + "[" + i + "]", out);
            }
        }
        if (v instanceof ObjectValue ov) {
            ArrayValue req = Obj.arr(s, "required");
            if (req != null) {
                for (String r : Obj.strings(req)) {
                    if (ov.get(r) == null) {
                        String p = path.isEmpty() ? r : path + "." + r;
                        out.add(new FieldError(field(p), p, "Required value"));
                    }
                }
            }
            Long maxP = integer(s, "maxProperties");
            if (maxP != null && ov.size() > maxP) {
                out.add(new FieldError(field(path), path, "Too many: " + ov.size() + ": must have at most " + maxP + " items"));
            }
            Long minP = integer(s, "minProperties");
            if (minP != null && ov.size() < minP) {
                out.add(new FieldError(field(path), path, "Invalid value: " + ov.size() + ": " + name + " in body should have at least " + minP + " properties"));
            }
            ObjectValue props = Obj.obj(s, "properties");
            Value addl = Obj.get(s, "additionalProperties");
            for (Value k : ov.keys()) {
                String key = k instanceof StringValue ks ? ks.value() : Json.write(k);
                String p = path.isEmpty() ? key : path + "." + key;
                ObjectValue ps = props == null ? null : Obj.obj(props, key);
                if (ps != null) {
                    walk(ps, ov.get(k), p, out);
                } else if (addl instanceof ObjectValue as) {
                    walk(as, ov.get(k), p, out);
                } else if (addl instanceof BooleanValue ab && !ab.value() && props != null) {
                    out.add(new FieldError(field(p), p, "Invalid value: " + badValue(ov.get(k)) + ": " + p + " in body is a forbidden property"));
                }
            }
        }
        for (String comb : new String[] {"allOf"}) {
            ArrayValue all = Obj.arr(s, comb);
            if (all != null) for (Value sub : all.list()) if (sub instanceof ObjectValue so) walk(so, v, path, out);
        }
    }

    private static Long integer(ObjectValue s, String key) {
        return Obj.get(s, key) instanceof NumberValue n ? n.toLongOrNull() : null;
    }

    private static Pattern compile(String p) {
        try {
            return PATTERNS.computeIfAbsent(p, Pattern::compile);
        } catch (PatternSyntaxException e) {
            return null;
        }
    }
}
