package dev.gkstudio.gatekeeper.mutation;

import dev.gkstudio.gatekeeper.match.MatchException;
import dev.gkstudio.gatekeeper.match.Matcher;
import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.rego.value.Value;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One mutator (Assign, AssignMetadata, ModifySet or AssignImage), built and validated by {@link Mutators}.
 *
 * @param kind          the mutator kind
 * @param name          metadata.name
 * @param applyTo       group/version/kind triples it is bound to (none for AssignMetadata: every kind)
 * @param matcher       its spec.match
 * @param path          its location
 * @param tester        its path tests
 * @param setter        builds the setter for the object being mutated (values from metadata need the object)
 * @param mustTerminate Gatekeeper skips such mutators on generated (expanded) objects
 * @param source        the mutator object itself, for display
 */
public record Mutator(String kind, String name, List<ApplyTo> applyTo, Matcher matcher, MutationPath path,
                      PathTester tester, Function<Map<String, Object>, Setter> setter, boolean mustTerminate,
                      Value source) {
    public static final String GROUP = "mutations.gatekeeper.sh";

    /** One {@code applyTo} entry. */
    public record ApplyTo(List<String> groups, List<String> versions, List<String> kinds) {
        boolean matches(String group, String version, String kind) {
            return groups.contains(group) && versions.contains(version) && kinds.contains(kind);
        }
    }

    /** Gatekeeper's mutator id as it prints it: {@code Assign.mutations.gatekeeper.sh /name}. */
    public String id() {
        return kind + "." + GROUP + " /" + name;
    }

    /** applyTo (when the kind has it), then spec.match with the object's Namespace and source. */
    public boolean matches(Value object, Value namespace, String source) throws MatchException {
        if (!"AssignMetadata".equals(kind)) {
            String[] gv = Obj.groupVersion(object);
            boolean applies = false;
            for (ApplyTo a : applyTo) applies |= a.matches(gv[0], gv[1], Obj.kind(object));
            if (!applies) return false;
        }
        try {
            return matcher.matchesObject(object, namespace, source);
        } catch (MatchException e) {
            throw new MatchException("failed to run Match criteria: " + e.getMessage());
        }
    }

    boolean mutate(Map<String, Object> object) throws MutationException {
        return new PathWalk(path, tester, setter.apply(object)).apply(object);
    }
}
