package dev.gkstudio.gatekeeper.expansion;

import dev.gkstudio.gatekeeper.mutation.MutationException;
import dev.gkstudio.gatekeeper.mutation.MutationSystem;
import dev.gkstudio.gatekeeper.mutation.Mutators;
import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * gator's expander: mutators, ExpansionTemplates and Namespaces found among the inputs. {@link #expand} mutates a
 * generator (as the API server would store it) and expands it, recursively, into resultant objects, each mutated
 * as a generated object.
 */
public final class Expander {
    private static final int MAX_DEPTH = 30;
    private final MutationSystem mutations = new MutationSystem();
    private final List<ExpansionTemplate> templates = new ArrayList<>();
    private final Map<String, Value> namespaces = new HashMap<>();

    /** A resultant object, the template that produced it and the enforcement action its violations take. */
    public record Resultant(ObjectValue object, String templateName, String enforcementAction) {
    }

    /** The generator after mutation and what it expanded into. */
    public record Expansion(ObjectValue base, List<String> appliedMutators, List<Resultant> resultants) {
    }

    /** Reads mutators, templates and namespaces from the objects (gator's NewExpander). */
    public static Expander of(List<? extends Value> objects) throws MutationException {
        Expander e = new Expander();
        for (Value v : objects) {
            if (!(v instanceof ObjectValue o)) continue;
            try {
                if (Mutators.isMutator(o)) e.mutations.add(Mutators.of(o));
                else if ("Namespace".equals(Obj.kind(o)) && Obj.groupVersion(o)[0].isEmpty()) e.namespaces.put(Obj.name(o), o);
            } catch (MutationException ex) {
                throw new MutationException("error parsing resources: " + ex.getMessage());
            }
        }
        for (Value v : objects) {
            if (!(v instanceof ObjectValue o) || !ExpansionTemplate.isTemplate(o)) continue;
            try {
                e.templates.add(ExpansionTemplate.read(o));
            } catch (MutationException ex) {
                throw new MutationException("error upserting template " + Obj.name(o) + ": " + ex.getMessage());
            }
        }
        e.templates.sort(Comparator.comparing(ExpansionTemplate::name));
        return e;
    }

    public boolean isEmpty() {
        return templates.isEmpty() && mutations.mutators().isEmpty();
    }

    public MutationSystem mutations() {
        return mutations;
    }

    /**
     * gator's NamespaceForResource: an empty Namespace for cluster-scoped objects, the supplied Namespace, a bare
     * {@code default}, or null when the object's namespace was not supplied.
     */
    public Value namespaceFor(Value obj) {
        String ns = Obj.namespace(obj);
        return namespaceFor(ns, namespaces.get(ns));
    }

    /** The same for a namespace name and the Namespace object supplied for it (null when none was). */
    public static Value namespaceFor(String ns, Value known) {
        if (ns.isEmpty()) return ObjectValue.builder().put("metadata", ObjectValue.EMPTY).build();
        if (known != null) return known;
        if (ns.equals("default")) {
            return ObjectValue.builder().put("apiVersion", StringValue.of("v1")).put("kind", StringValue.of("Namespace"))
                    .put("metadata", ObjectValue.builder().put("name", StringValue.of("default")).build()).build();
        }
        return null;
    }

    /** Mutates the generator as an original object, then expands it; error texts are gator's. */
    public Expansion expand(ObjectValue generator) throws MutationException {
        Value ns = namespaceFor(generator);
        MutationSystem.Outcome base;
        try {
            base = mutations.mutate(generator, ns, "Original");
        } catch (MutationException e) {
            throw new MutationException("error mutating base resource " + Obj.name(generator) + ": " + e.getMessage());
        }
        List<Resultant> out = new ArrayList<>();
        try {
            expandRecursive(base.object(), ns, out, 0);
        } catch (MutationException e) {
            throw new MutationException("error expanding resource " + Obj.name(generator) + ": " + e.getMessage());
        }
        return new Expansion(base.object(), base.applied(), out);
    }

    private void expandRecursive(ObjectValue base, Value ns, List<Resultant> out, int depth) throws MutationException {
        if (depth >= MAX_DEPTH) throw new MutationException("maximum recursion depth of " + MAX_DEPTH + " reached");
        List<Resultant> res = expandOnce(base, ns);
        for (Resultant r : res) expandRecursive(r.object(), ns, out, depth + 1);
        out.addAll(res);
    }

    private List<Resultant> expandOnce(ObjectValue base, Value ns) throws MutationException {
        if (Obj.kind(base).isEmpty() && Obj.str(base, "apiVersion").isEmpty()) {
            throw new MutationException("cannot expand resource " + Obj.name(base) + " with empty GVK");
        }
        List<Resultant> res = new ArrayList<>();
        for (ExpansionTemplate t : templates) {
            if (!t.appliesTo(base)) continue;
            res.add(new Resultant(resource(base, ns, t), t.name(), t.enforcementAction()));
        }
        List<Resultant> mutated = new ArrayList<>();
        for (Resultant r : res) {
            try {
                mutated.add(new Resultant(mutations.mutate(r.object(), ns, "Generated").object(), r.templateName(), r.enforcementAction()));
            } catch (MutationException e) {
                throw new MutationException("failed to mutate resultant resource " + Obj.name(r.object()) + ": " + e.getMessage());
            }
        }
        return mutated;
    }

    /** The embedded resource with the generated kind, namespace, a mock name and an owner reference. */
    private static ObjectValue resource(ObjectValue obj, Value ns, ExpansionTemplate t) throws MutationException {
        Value src = Obj.get(obj, t.templateSource().split("\\.", -1));
        if (src == null) {
            throw new MutationException("could not find source field \"" + t.templateSource() + "\" in resource " + Obj.name(obj));
        }
        if (!(src instanceof ObjectValue so)) {
            throw new MutationException("could not extract source field from unstructured: ." + t.templateSource()
                    + " accessor error: " + src + " is of the type " + goType(src) + ", expected map[string]interface{}");
        }
        Map<Value, Value> m = Obj.copy(so);
        m.put(StringValue.of("apiVersion"), StringValue.of(t.generated().apiVersion()));
        m.put(StringValue.of("kind"), StringValue.of(t.generated().kind()));
        ObjectValue res = ObjectValue.wrap(m);
        String namespace = ns != null ? Obj.name(ns) : Obj.namespace(obj);
        res = setMeta(res, "namespace", namespace.isEmpty() ? null : StringValue.of(namespace));
        String name = Obj.name(obj) + (t.generated().kind().isEmpty() ? "" : "-") + t.generated().kind();
        res = setMeta(res, "name", StringValue.of(name.toLowerCase(Locale.ROOT)));
        return withOwner(res, obj);
    }

    private static ObjectValue setMeta(ObjectValue o, String field, Value v) {
        ObjectValue meta = Obj.obj(o, "metadata");
        Map<Value, Value> mm = meta == null ? new java.util.LinkedHashMap<>() : Obj.copy(meta);
        if (v == null) mm.remove(StringValue.of(field));
        else mm.put(StringValue.of(field), v);
        return Obj.with(o, ObjectValue.wrap(mm), "metadata");
    }

    private static ObjectValue withOwner(ObjectValue resultant, ObjectValue parent) {
        String av = Obj.str(parent, "apiVersion"), kind = Obj.kind(parent), name = Obj.name(parent);
        if (av.isEmpty() || kind.isEmpty() || name.isEmpty()) return resultant;
        ArrayValue refs = Obj.arr(resultant, "metadata", "ownerReferences");
        List<Value> list = refs == null ? new ArrayList<>() : new ArrayList<>(refs.list());
        for (Value r : list) {
            if (av.equals(Obj.str(r, "apiVersion")) && kind.equals(Obj.str(r, "kind")) && name.equals(Obj.str(r, "name"))) return resultant;
        }
        list.add(ObjectValue.builder().put("apiVersion", StringValue.of(av)).put("kind", StringValue.of(kind))
                .put("name", StringValue.of(name)).put("uid", StringValue.of("")).build());
        return setMeta(resultant, "ownerReferences", ArrayValue.of(list));
    }

    private static String goType(Value v) {
        return switch (v.typeName()) {
            case "array" -> "[]interface {}";
            case "string" -> "string";
            case "number" -> "float64";
            case "boolean" -> "bool";
            default -> "<nil>";
        };
    }
}
