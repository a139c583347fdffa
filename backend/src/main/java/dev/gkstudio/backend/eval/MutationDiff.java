package dev.gkstudio.backend.eval;

import java.util.ArrayList;
import java.util.List;

import dev.gkstudio.backend.eval.Evaluation.Change;
import dev.gkstudio.gatekeeper.yaml.PositionIndex;
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
                diff(PositionIndex.index(path, i), x.list().get(i), y.list().get(i), out);
            }
            for (int i = common; i < y.size(); i++) {
                add(out, new Change("added", PositionIndex.index(path, i), null, JsonValues.toJava(y.list().get(i))));
            }
            for (int i = common; i < x.size(); i++) {
                add(out, new Change("removed", PositionIndex.index(path, i), JsonValues.toJava(x.list().get(i)), null));
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

    /** Paths as the editors' positions name them, so a change reads like a problem's path. */
    private static String child(String path, Value key) {
        return PositionIndex.child(path, Json.keyText(key));
    }
}
