package dev.gkstudio.backend.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.gkstudio.gatekeeper.yaml.PositionIndex;
import dev.gkstudio.gatekeeper.yaml.SourceRange;
import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;

/**
 * Finds the line of a sample that a violation is about: the field whose value (or, failing
 * that, whose key) the message or the details name, preferring the longest such text; else
 * the whole object.
 */
public final class FieldLocator {

    private static final Set<String> IGNORED = Set.of("apiVersion", "kind");
    private static final int MIN_VALUE_CHARS = 3;
    private static final int MIN_KEY_CHARS = 4;

    private record Leaf(String path, String key, String text) {
    }

    private FieldLocator() {
    }

    public static SourceRange locate(Value document, PositionIndex positions, String message, Value details) {
        List<Leaf> leaves = new ArrayList<>();
        collect(document, "", null, leaves);
        String detailsText = details == null ? "" : Json.write(details);
        String best = null;
        int bestScore = 0;
        for (Leaf leaf : leaves) {
            int score = 0;
            if (leaf.text != null && leaf.text.length() >= MIN_VALUE_CHARS) {
                if (message.contains(leaf.text)) {
                    score = 2 * leaf.text.length() + 2;
                }
                if (detailsText.contains(Json.quote(leaf.text))) {
                    score = Math.max(score, 2 * leaf.text.length() + 1);
                }
            }
            if (score == 0 && leaf.key != null && leaf.key.length() >= MIN_KEY_CHARS && message.contains(leaf.key)) {
                score = leaf.key.length();
            }
            // the object's own name is named by most messages: only use it when nothing else matches
            if (leaf.path.endsWith("metadata.name")) {
                score = Math.min(score, 1);
            }
            if (score > bestScore) {
                bestScore = score;
                best = leaf.path;
            }
        }
        if (best != null) {
            SourceRange r = positions.key(best);
            SourceRange v = positions.value(best);
            if (r.isKnown() && v.isKnown()) {
                return new SourceRange(r.startLine(), r.startColumn(), v.endLine(), v.endColumn());
            }
            if (v.isKnown()) {
                return v;
            }
        }
        return positions.value("");
    }

    private static void collect(Value v, String path, String key, List<Leaf> out) {
        if (v instanceof ObjectValue o) {
            for (Map.Entry<Value, Value> e : o.asMap().entrySet()) {
                String k = Json.keyText(e.getKey());
                if (path.isEmpty() && IGNORED.contains(k)) {
                    continue;
                }
                collect(e.getValue(), PositionIndex.child(path, k), k, out);
            }
        } else if (v instanceof ArrayValue a) {
            for (int i = 0; i < a.size(); i++) {
                collect(a.get(i), PositionIndex.index(path, i), key, out);
            }
        } else if (v instanceof StringValue s) {
            out.add(new Leaf(path, key, s.value()));
        } else if (v instanceof NumberValue n) {
            out.add(new Leaf(path, key, Json.write(n)));
        } else {
            out.add(new Leaf(path, key, null));
        }
    }
}
