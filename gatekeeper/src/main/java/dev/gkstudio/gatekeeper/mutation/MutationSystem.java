package dev.gkstudio.gatekeeper.mutation;

import dev.gkstudio.gatekeeper.match.MatchException;
import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Gatekeeper's mutation system: every matching mutator in id order (kind, then name), repeated until the
 * object no longer changes; an object still changing after one pass more than there are mutators is an error
 * (the mutators fight each other).
 */
public final class MutationSystem {
    private final List<Mutator> mutators = new ArrayList<>();

    public void add(Mutator m) {
        mutators.removeIf(x -> x.kind().equals(m.kind()) && x.name().equals(m.name()));
        mutators.add(m);
        mutators.sort(Comparator.comparing(Mutator::kind).thenComparing(Mutator::name));
    }

    public List<Mutator> mutators() {
        return List.copyOf(mutators);
    }

    /**
     * The outcome of mutating one object.
     *
     * @param object  the object after mutation
     * @param applied ids of the mutators that changed it, in order of application
     */
    public record Outcome(ObjectValue object, List<String> applied) {
    }

    /**
     * @param namespace the object's Namespace object when known (namespaceSelector needs it)
     * @param source    {@code Original} or {@code Generated} (expanded); generated objects skip mutators that must
     *                  terminate (AssignImage, external data)
     */
    public Outcome mutate(ObjectValue object, Value namespace, String source) throws MutationException {
        Map<String, Object> obj = Tree.asMap(Tree.of(object));
        List<String> applied = new ArrayList<>();
        int max = mutators.size() + 1;
        for (int iteration = 1; iteration <= max; iteration++) {
            Value before = Tree.value(obj);
            for (Mutator m : mutators) {
                if ("Generated".equals(source) && m.mustTerminate()) continue;
                Value current = Tree.value(obj);
                boolean matches;
                try {
                    matches = m.matches(current, namespace, source);
                } catch (MatchException e) {
                    throw new MutationException("matching for mutator " + m.id() + " failed for " + describe(current) + ": " + e.getMessage());
                }
                if (!matches) continue;
                try {
                    m.mutate(obj);
                } catch (MutationException e) {
                    throw new MutationException("mutation " + m.id() + " failed for " + describe(current) + ": " + e.getMessage());
                }
                if (!Tree.value(obj).equals(current)) applied.add(m.id());
            }
            if (Tree.value(obj).equals(before)) return new Outcome((ObjectValue) Tree.value(obj), applied);
        }
        throw new MutationException("mutation not converging for " + describe(Tree.value(obj)));
    }

    /** Gatekeeper's "<group> <kind> <namespace> <name>" of an object in mutation errors. */
    private static String describe(Value obj) {
        return Obj.groupVersion(obj)[0] + " " + Obj.kind(obj) + " " + Obj.namespace(obj) + " " + Obj.name(obj);
    }
}
