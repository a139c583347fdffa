package dev.gkstudio.gatekeeper.match;

import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.Value;
import java.util.List;

/**
 * Gatekeeper's constraint {@code spec.match}: kinds, scope, namespaces, excludedNamespaces,
 * labelSelector, namespaceSelector, name and source, all of which must pass, tried on the object and
 * on the old object.
 */
public final class Matcher {
    private final ObjectValue match;

    public Matcher(ObjectValue match) {
        this.match = match;
    }

    /** A subject to match: an object, its Namespace object when known, and the source type. */
    public record Subject(Value object, Value namespace, String source) {
    }

    /**
     * Whether the object or the old object matches. Errors follow Gatekeeper's wording:
     * {@code error matching the requested object: <name> :failed to run Match criteria: <reason>}.
     */
    public boolean matches(Value object, Value oldObject, Value namespace, String source) throws MatchException {
        if (match == null) return true;
        int nil = 0;
        for (Value o : new Value[] {object, oldObject}) {
            if (Obj.isNull(o) || !(o instanceof ObjectValue)) {
                nil++;
                continue;
            }
            try {
                if (matchesOne(o, namespace, source)) return true;
            } catch (MatchException e) {
                throw new MatchException("error matching the requested object: " + Obj.name(o) + " :failed to run Match criteria: " + e.getMessage());
            }
        }
        if (nil == 2) throw new MatchException("invalid request object: neither object nor old object are defined");
        return false;
    }

    /**
     * Why neither the object nor the old object matches, in the words of {@code spec.match} (the first
     * criterion that fails on the object under review), or null when one of them matches.
     */
    public String mismatch(Value object, Value oldObject, Value namespace, String source) throws MatchException {
        if (matches(object, oldObject, namespace, source)) return null;
        Value obj = object instanceof ObjectValue ? object : oldObject;
        String ns = namespaceOf(obj, namespace);
        if (!kinds(obj)) {
            String group = Obj.groupVersion(obj)[0];
            return "kind " + (group.isEmpty() ? "" : group + "/") + Obj.kind(obj) + " is not in spec.match.kinds";
        }
        if (!scope(obj, namespace)) return "scope " + Obj.str(match, "scope") + " excludes this "
                + (ns == null ? "cluster-scoped" : "namespaced") + " object";
        if (!namespaces(obj, namespace)) return "namespace " + ns + " is not in spec.match.namespaces";
        if (!excludedNamespaces(obj, namespace)) return "namespace " + ns + " is in spec.match.excludedNamespaces";
        if (!labelSelector(obj)) return "its labels do not match spec.match.labelSelector";
        if (!namespaceSelector(obj, namespace)) return "the labels of namespace " + ns + " do not match spec.match.namespaceSelector";
        if (!name(obj)) return "name " + Obj.name(obj) + " does not match spec.match.name " + Obj.str(match, "name");
        return "source " + (source == null || source.isEmpty() ? "(none)" : source) + " does not match spec.match.source "
                + Obj.str(match, "source");
    }

    /**
     * One object against the criteria, as mutators match: the error is the bare reason (mutation wraps it in
     * its own words).
     */
    public boolean matchesObject(Value obj, Value ns, String source) throws MatchException {
        return match == null || matchesOne(obj, ns, source);
    }

    boolean matchesOne(Value obj, Value ns, String source) throws MatchException {
        return kinds(obj) && scope(obj, ns) && namespaces(obj, ns) && excludedNamespaces(obj, ns)
                && labelSelector(obj) && namespaceSelector(obj, ns) && name(obj) && source(obj, source);
    }

    static boolean isNamespace(Value obj) {
        return "Namespace".equals(Obj.kind(obj)) && Obj.groupVersion(obj)[0].isEmpty();
    }

    private boolean kinds(Value obj) {
        ArrayValue kinds = Obj.arr(match, "kinds");
        if (kinds == null || kinds.size() == 0) return true;
        String group = Obj.groupVersion(obj)[0];
        String kind = Obj.kind(obj);
        for (Value k : kinds.list()) {
            List<String> ks = Obj.strings(Obj.get(k, "kinds"));
            boolean kindOk = ks.isEmpty() || ks.contains("*") || ks.contains(kind);
            if (!kindOk) continue;
            List<String> gs = Obj.strings(Obj.get(k, "apiGroups"));
            if (gs.isEmpty() || gs.contains("*") || gs.contains(group)) return true;
        }
        return false;
    }

    private boolean scope(Value obj, Value ns) {
        String scope = Obj.str(match, "scope");
        boolean hasNamespace = !Obj.namespace(obj).isEmpty() || ns != null;
        boolean isNs = isNamespace(obj);
        return switch (scope) {
            case "Cluster" -> isNs || !hasNamespace;
            case "Namespaced" -> !isNs && hasNamespace;
            default -> true;
        };
    }

    private static String namespaceOf(Value obj, Value ns) {
        if (isNamespace(obj)) return Obj.name(obj);
        if (ns != null) return Obj.name(ns);
        String n = Obj.namespace(obj);
        return n.isEmpty() ? null : n;
    }

    private boolean namespaces(Value obj, Value ns) {
        List<String> list = Obj.strings(Obj.get(match, "namespaces"));
        if (list.isEmpty()) return true;
        String n = namespaceOf(obj, ns);
        if (n == null) return true;
        for (String p : list) if (Glob.matches(p, n)) return true;
        return false;
    }

    private boolean excludedNamespaces(Value obj, Value ns) {
        List<String> list = Obj.strings(Obj.get(match, "excludedNamespaces"));
        if (list.isEmpty()) return true;
        String n = namespaceOf(obj, ns);
        if (n == null) return true;
        for (String p : list) if (Glob.matches(p, n)) return false;
        return true;
    }

    private boolean labelSelector(Value obj) throws MatchException {
        Value sel = Obj.get(match, "labelSelector");
        if (Obj.isNull(sel)) return true;
        return selector(sel).matches(Obj.labels(obj));
    }

    private boolean namespaceSelector(Value obj, Value ns) throws MatchException {
        Value sel = Obj.get(match, "namespaceSelector");
        if (Obj.isNull(sel)) return true;
        boolean isNs = isNamespace(obj);
        if (!isNs && ns == null && Obj.namespace(obj).isEmpty()) return true;
        LabelSelector s = selector(sel);
        if (isNs) return s.matches(Obj.labels(obj));
        if (ns == null) throw new MatchException("namespace selector for namespace-scoped object but missing Namespace");
        return s.matches(Obj.labels(ns));
    }

    private static LabelSelector selector(Value sel) throws MatchException {
        try {
            return LabelSelector.parse(sel);
        } catch (IllegalArgumentException e) {
            throw new MatchException(e.getMessage());
        }
    }

    private boolean name(Value obj) {
        String name = Obj.str(match, "name");
        if (name.isEmpty()) return true;
        return Glob.matches(name, Obj.name(obj)) || Glob.matchesGenerateName(name, Obj.str(obj, "metadata", "generateName"));
    }

    private boolean source(Value obj, String target) throws MatchException {
        String m = Obj.str(match, "source");
        if (m.isEmpty()) m = "All";
        else if (!m.equals("All") && !m.equals("Original") && !m.equals("Generated")) {
            throw new MatchException("invalid source field \"" + m + "\"");
        }
        String t = target == null ? "" : target;
        if (t.isEmpty() && !m.equals("All")) {
            throw new MatchException("source field not specified for resource " + Obj.name(obj));
        }
        if (m.equals("All")) return true;
        return m.equals(t);
    }
}
