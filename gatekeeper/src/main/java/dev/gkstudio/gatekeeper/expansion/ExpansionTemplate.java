package dev.gkstudio.gatekeeper.expansion;

import dev.gkstudio.gatekeeper.mutation.MutationException;
import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@code expansion.gatekeeper.sh} ExpansionTemplate: which generator kinds it applies to, the field holding
 * the embedded resource ({@code templateSource}), the kind of the resultant ({@code generatedGVK}) and an
 * optional enforcement action that replaces the constraints' own for implied violations.
 */
public record ExpansionTemplate(String name, List<Gvk> applyTo, String templateSource, Gvk generated,
                                String enforcementAction) {
    public static final String GROUP = "expansion.gatekeeper.sh";

    /** A group/version/kind; an applyTo entry lists several of each. */
    public record Gvk(String group, String version, String kind) {
        String apiVersion() {
            return group.isEmpty() ? version : group + "/" + version;
        }
    }

    /** One applyTo entry. */
    record ApplyTo(List<String> groups, List<String> versions, List<String> kinds) {
    }

    public static boolean isTemplate(Value obj) {
        return GROUP.equals(Obj.groupVersion(obj)[0]) && "ExpansionTemplate".equals(Obj.kind(obj));
    }

    /** Reads and validates the template as Gatekeeper's expansion system does on upsert. */
    public static ExpansionTemplate read(ObjectValue obj) throws MutationException {
        String name = Obj.name(obj);
        if (name.isEmpty()) throw new MutationException("ExpansionTemplate has empty name field");
        if (name.length() >= 64) throw new MutationException("ExpansionTemplate name must be less than 64 characters");
        String source = Obj.str(obj, "spec", "templateSource");
        if (source.isEmpty()) throw new MutationException("ExpansionTemplate " + name + " has empty source field");
        Gvk gen = new Gvk(Obj.str(obj, "spec", "generatedGVK", "group"), Obj.str(obj, "spec", "generatedGVK", "version"),
                Obj.str(obj, "spec", "generatedGVK", "kind"));
        if (gen.group().isEmpty() && gen.version().isEmpty() && gen.kind().isEmpty()) {
            throw new MutationException("ExpansionTemplate " + name + " has empty generatedGVK field");
        }
        List<Gvk> applyTo = new ArrayList<>();
        ArrayValue arr = Obj.arr(obj, "spec", "applyTo");
        if (arr != null) {
            for (Value a : arr.list()) {
                for (String g : Obj.strings(Obj.get(a, "groups"))) {
                    for (String v : Obj.strings(Obj.get(a, "versions"))) {
                        for (String k : Obj.strings(Obj.get(a, "kinds"))) applyTo.add(new Gvk(g, v, k));
                    }
                }
            }
        }
        if (arr == null || arr.size() == 0) throw new MutationException("ExpansionTemplate " + name + " must specify ApplyTo");
        if (applyTo.contains(gen)) {
            throw new MutationException("ExpansionTemplate " + name + " generates GVK " + goGvk(gen) + ", but also applies to that same GVK");
        }
        return new ExpansionTemplate(name, List.copyOf(applyTo), source, gen, Obj.str(obj, "spec", "enforcementAction"));
    }

    /** Go's %v of a schema.GroupVersionKind. */
    static String goGvk(Gvk g) {
        return g.group() + "/" + g.version() + ", Kind=" + g.kind();
    }

    boolean appliesTo(Value obj) {
        String[] gv = Obj.groupVersion(obj);
        return applyTo.contains(new Gvk(gv[0], gv[1], Obj.kind(obj)));
    }
}
