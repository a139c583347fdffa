package dev.gkstudio.gatekeeper.gator;

import dev.gkstudio.gatekeeper.expansion.Expander;
import dev.gkstudio.gatekeeper.mutation.MutationException;
import dev.gkstudio.gatekeeper.util.GoJson;
import dev.gkstudio.gatekeeper.util.GoYaml;
import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.gatekeeper.yaml.YamlDocument;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code gator expand}: every input object is mutated and expanded; the resultants are printed sorted by
 * name + apiVersion + kind, descending, as yaml.v2 of their JSON form (numbers as float64) or as four-space
 * indented JSON, separated by {@code ---}.
 */
public final class GatorExpand {
    private GatorExpand() {
    }

    public static List<ObjectValue> expand(List<YamlDocument> docs) throws GatorError {
        List<Value> values = docs.stream().map(YamlDocument::value).toList();
        List<ObjectValue> out = new ArrayList<>();
        try {
            Expander expander = Expander.of(values);
            for (Value v : values) {
                if (v instanceof ObjectValue o) {
                    for (Expander.Resultant r : expander.expand(o).resultants()) out.add(r.object());
                }
            }
        } catch (MutationException e) {
            throw new GatorError(e.getMessage());
        }
        out.sort(Comparator.comparing((ObjectValue o) -> Obj.name(o) + Obj.str(o, "apiVersion") + Obj.kind(o)).reversed());
        return out;
    }

    /** The printed text (without the newline Println adds); null for an unknown format. */
    public static String format(List<ObjectValue> resources, String format) {
        boolean json = switch (format) {
            case "", "yaml" -> false;
            case "json" -> true;
            default -> throw new IllegalArgumentException(format);
        };
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < resources.size(); i++) {
            sb.append(json ? GoJson.marshalIndent(resources.get(i), "    ") : GoYaml.marshalV2(new GoYaml.Floats(resources.get(i))));
            if (i != resources.size() - 1) sb.append("---\n");
        }
        return sb.toString();
    }
}
