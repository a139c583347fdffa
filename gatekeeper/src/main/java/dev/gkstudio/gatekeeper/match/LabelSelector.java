package dev.gkstudio.gatekeeper.match;

import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A Kubernetes label selector (matchLabels AND matchExpressions). */
public final class LabelSelector {
    private record Requirement(String key, String op, List<String> values) {
    }

    private final List<Requirement> requirements;

    private LabelSelector(List<Requirement> requirements) {
        this.requirements = requirements;
    }

    /** Parses and validates a selector; the error text follows metav1.LabelSelectorAsSelector. */
    public static LabelSelector parse(Value sel) throws IllegalArgumentException {
        List<Requirement> reqs = new ArrayList<>();
        ObjectValue ml = Obj.obj(sel, "matchLabels");
        if (ml != null) {
            for (Value k : ml.keys()) {
                Value v = ml.get(k);
                reqs.add(new Requirement(((StringValue) k).value(), "In",
                        List.of(v instanceof StringValue s ? s.value() : String.valueOf(v))));
            }
        }
        ArrayValue me = Obj.arr(sel, "matchExpressions");
        if (me != null) {
            for (Value e : me.list()) {
                String key = Obj.str(e, "key");
                String op = Obj.str(e, "operator");
                List<String> values = Obj.strings(Obj.get(e, "values"));
                switch (op) {
                    case "In", "NotIn" -> {
                        if (values.isEmpty()) {
                            throw new IllegalArgumentException("values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty");
                        }
                    }
                    case "Exists", "DoesNotExist" -> {
                        if (!values.isEmpty()) {
                            throw new IllegalArgumentException("values: Invalid value: " + goStrings(values) + ": values set must be empty for exists and does not exist");
                        }
                    }
                    default -> throw new IllegalArgumentException("\"" + op + "\" is not a valid label selector operator");
                }
                reqs.add(new Requirement(key, op, values));
            }
        }
        return new LabelSelector(reqs);
    }

    private static String goStrings(List<String> v) {
        StringBuilder sb = new StringBuilder("[]string{");
        for (int i = 0; i < v.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append('"').append(v.get(i)).append('"');
        }
        return sb.append('}').toString();
    }

    public boolean matches(Map<String, String> labels) {
        for (Requirement r : requirements) {
            boolean has = labels.containsKey(r.key);
            String v = labels.get(r.key);
            boolean ok = switch (r.op) {
                case "In" -> has && r.values.contains(v);
                case "NotIn" -> !has || !r.values.contains(v);
                case "Exists" -> has;
                case "DoesNotExist" -> !has;
                default -> false;
            };
            if (!ok) return false;
        }
        return true;
    }
}
