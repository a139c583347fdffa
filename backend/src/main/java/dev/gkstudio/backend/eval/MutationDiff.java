package dev.gkstudio.backend.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.gkstudio.backend.eval.Evaluation.Change;
import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.Value;

/**
 * What mutation changed in an object, field by field: the leaves added, removed or replaced, each with its path
 * ({@code spec.containers[0].imagePullPolicy}, {@code metadata.labels["app.kubernetes.io/name"]}). Whole subtrees
 * added or removed are one change, as a reader of a diff expects.
 */
final class MutationDiff {

    /** More changes than a results card can usefully show; the list says it stopped. */
    static final int MAX_CHANGES = 200;
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private MutationDiff() {
    }

    static List<Change> changes(Value before, Value after) {
        List<Change> out = new ArrayList<>();
        diff("", before, after, out);
        return out;
    }

    private static void diff(String path, Value a, Value b, List<Change> out) {
        if (a.equals(b) || out.size() >= MAX_CHANGES) {
            return;
        }
        if (a instanceof ObjectValue x && b instanceof ObjectValue y) {
            for (Value k : x.keys()) {
                Value other = y.get(k);
                if (other == null) {
                    add(out, new Change("removed", child(path, k), JsonValues.toJava(x.get(k)), null));
                } else {
                    diff(child(path, k), x.get(k), other, out);
                }
            }
            for (Value k : y.keys()) {
                if (x.get(k) == null) {
                    add(out, new Change("added", child(path, k), null, JsonValues.toJava(y.get(k))));
                }
            }
        } else if (a instanceof ArrayValue x && b instanceof ArrayValue y) {
            int common = Math.min(x.size(), y.size());
            for (int i = 0; i < common; i++) {
                diff(path + "[" + i + "]", x.list().get(i), y.list().get(i), out);
            }
            for (int i = common; i < y.size(); i++) {
                add(out, new Change("added", path + "[" + i + "]", null, JsonValues.toJava(y.list().get(i))));
            }
            for (int i = common; i < x.size(); i++) {
                add(out, new Change("removed", path + "[" + i + "]", JsonValues.toJava(x.list().get(i)), null));
            }
        } else {
            add(out, new Change("changed", path, JsonValues.toJava(a), JsonValues.toJava(b)));
        }
    }

    private static void add(List<Change> out, Change c) {
        if (out.size() < MAX_CHANGES) {
            out.add(c);
        }
    }

    private static String child(String path, Value key) {
        String k = Json.keyText(key);
        if (PLAIN_KEY.matcher(k).matches()) {
            return path.isEmpty() ? k : path + "." + k;
        }
        return path + "[" + Json.quote(k) + "]";
    }
}
