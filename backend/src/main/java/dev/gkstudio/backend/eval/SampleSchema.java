package dev.gkstudio.backend.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.gatekeeper.yaml.PositionIndex;
import dev.gkstudio.gatekeeper.yaml.SourceRange;
import dev.gkstudio.lsp.schema.KubernetesSchema;
import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.NullValue;
import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;

/**
 * Checks a sample object against the Kubernetes schema the language server ships (fabric8's model of the
 * built-in kinds): a field the API does not know ({@code containres:}) or a value of the wrong type would be
 * refused by the API server, so a policy "allowing" such a sample proves nothing. Findings are warnings on
 * the offending line; kinds the schema does not know (custom resources) are not checked.
 */
final class SampleSchema {

    /** At most this many findings per sample: one typo in a list must not flood the problems list. */
    private static final int MAX_FINDINGS = 20;

    private SampleSchema() {
    }

    /** Problems for the object under {@code base} ("" for a plain object, "request.object" in an AdmissionReview). */
    static List<Problem> check(Value object, String base, PositionIndex positions, int lineOffset) {
        List<Problem> out = new ArrayList<>();
        if (!(object instanceof ObjectValue)) {
            return out;
        }
        KubernetesSchema schema = KubernetesSchema.load();
        String root = schema.rootType(Obj.str(object, "apiVersion"), Obj.kind(object));
        if (root != null) {
            walk(schema, object, root, base, positions, lineOffset, Obj.kind(object), out);
        }
        return out;
    }

    private static void walk(KubernetesSchema schema, Value value, String ref, String path, PositionIndex positions,
                             int lineOffset, String kind, List<Problem> out) {
        if (out.size() >= MAX_FINDINGS || value instanceof NullValue) {
            return;
        }
        if (ref.endsWith("[]")) {
            if (!(value instanceof ArrayValue items)) {
                out.add(warn(path, "expected a list, got " + describe(value), positions, lineOffset, kind));
                return;
            }
            String element = ref.substring(0, ref.length() - 2);
            for (int i = 0; i < items.size(); i++) {
                walk(schema, items.get(i), element, PositionIndex.index(path, i), positions, lineOffset, kind, out);
            }
            return;
        }
        if (ref.startsWith("{")) {
            if (!(value instanceof ObjectValue map)) {
                out.add(warn(path, "expected a map, got " + describe(value), positions, lineOffset, kind));
                return;
            }
            String element = ref.substring(1, ref.length() - 1);
            for (Map.Entry<Value, Value> e : map.asMap().entrySet()) {
                String key = e.getKey() instanceof StringValue k ? k.value() : e.getKey().toString();
                walk(schema, e.getValue(), element, PositionIndex.child(path, key), positions, lineOffset, kind, out);
            }
            return;
        }
        switch (ref) {
            case "string" -> expect(value instanceof StringValue, "a string", value, path, positions, lineOffset, kind, out);
            case "integer" -> expect(value instanceof NumberValue n && n.isInteger(), "an integer", value, path, positions,
                    lineOffset, kind, out);
            case "number" -> expect(value instanceof NumberValue, "a number", value, path, positions, lineOffset, kind, out);
            case "boolean" -> expect(value instanceof BooleanValue, "true or false", value, path, positions, lineOffset, kind, out);
            case "int-or-string", "quantity" -> expect(value instanceof StringValue || value instanceof NumberValue,
                    "a number or a string", value, path, positions, lineOffset, kind, out);
            case "object" -> { }
            default -> {
                Map<String, String> fields = schema.typeFields(ref);
                if (fields == null) {
                    return; // a type the compact schema does not describe: nothing to say
                }
                if (!(value instanceof ObjectValue obj)) {
                    out.add(warn(path, "expected an object, got " + describe(value), positions, lineOffset, kind));
                    return;
                }
                for (Map.Entry<Value, Value> e : obj.asMap().entrySet()) {
                    String key = e.getKey() instanceof StringValue k ? k.value() : e.getKey().toString();
                    String child = PositionIndex.child(path, key);
                    String fieldRef = fields.get(key);
                    if (fieldRef == null) {
                        if (!(path.isEmpty() && (key.equals("apiVersion") || key.equals("kind")))) {
                            out.add(warnKey(child, "unknown field \"" + display(child) + "\"", positions, lineOffset, kind));
                        }
                    } else {
                        walk(schema, e.getValue(), fieldRef, child, positions, lineOffset, kind, out);
                    }
                }
            }
        }
    }

    private static void expect(boolean ok, String what, Value value, String path, PositionIndex positions, int lineOffset,
                               String kind, List<Problem> out) {
        if (!ok) {
            out.add(warn(path, "expected " + what + ", got " + describe(value), positions, lineOffset, kind));
        }
    }

    private static Problem warn(String path, String what, PositionIndex positions, int lineOffset, String kind) {
        return problem(display(path) + ": " + what, positions.value(path), positions, path, lineOffset, kind);
    }

    private static Problem warnKey(String path, String message, PositionIndex positions, int lineOffset, String kind) {
        return problem(message, positions.key(path), positions, path, lineOffset, kind);
    }

    private static Problem problem(String message, SourceRange range, PositionIndex positions, String path, int lineOffset,
                                   String kind) {
        SourceRange r = range != null && range.isKnown() ? range : positions.closest(path);
        Problem p = Problem.error("samples", message + " (the Kubernetes API would reject this " + kind + ")", r, lineOffset);
        return new Problem(p.source(), "warning", p.message(), p.startLine(), p.startColumn(), p.endLine(), p.endColumn());
    }

    /** The path as a user reads it: without the AdmissionReview prefix. */
    private static String display(String path) {
        return path.startsWith("request.object.") ? path.substring("request.object.".length()) : path;
    }

    private static String describe(Value v) {
        if (v instanceof StringValue s) return "the string \"" + (s.value().length() > 40 ? s.value().substring(0, 40) + "…" : s.value()) + "\"";
        if (v instanceof NumberValue) return "the number " + v;
        if (v instanceof BooleanValue) return v.toString();
        if (v instanceof ArrayValue) return "a list";
        if (v instanceof ObjectValue) return "an object";
        return v.toString();
    }
}
