package dev.gkstudio.gatekeeper.mutation;

import dev.gkstudio.gatekeeper.match.Matcher;
import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.NullValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds mutators from their objects with Gatekeeper's checks and wording (MutatorForAssign,
 * MutatorForAssignMetadata, MutatorForModifySet, MutatorForAssignImage).
 */
public final class Mutators {
    public static final Set<String> KINDS = Set.of("Assign", "AssignMetadata", "ModifySet", "AssignImage");

    private Mutators() {
    }

    /** Whether the object is a mutator gator reads (group mutations.gatekeeper.sh, one of the four kinds). */
    public static boolean isMutator(Value obj) {
        return Mutator.GROUP.equals(Obj.groupVersion(obj)[0]) && KINDS.contains(Obj.kind(obj));
    }

    public static Mutator of(ObjectValue obj) throws MutationException {
        String kind = Obj.kind(obj);
        String name = Obj.name(obj);
        if (name.length() > 63) throw new MutationException("name must be no more than 63 characters: " + kind + " " + name);
        ObjectValue spec = Obj.obj(obj, "spec");
        if (spec == null) spec = ObjectValue.EMPTY;
        return switch (kind) {
            case "Assign" -> assign(obj, name, spec);
            case "AssignMetadata" -> assignMetadata(obj, name, spec);
            case "ModifySet" -> modifySet(obj, name, spec);
            case "AssignImage" -> assignImage(obj, name, spec);
            default -> throw new MutationException("cannot convert mutator of kind \"" + kind + "\"");
        };
    }

    private static MutationPath location(ObjectValue spec, String kind, String name) throws MutationException {
        String loc = Obj.str(spec, "location");
        try {
            return MutationPath.parse(loc);
        } catch (MutationException e) {
            throw new MutationException("invalid location format `" + loc + "` for " + kind + " " + name + ": " + e.getMessage());
        }
    }

    private static boolean metadataRoot(MutationPath p) {
        return !p.nodes().isEmpty() && p.nodes().get(0).equals(new MutationPath.Field("metadata"));
    }

    private static void checkKeyNotChanged(MutationPath p) throws MutationException {
        if (p.nodes().isEmpty()) throw new MutationException("empty path");
        if (p.nodes().size() < 2) return;
        MutationPath.Node last = p.last();
        MutationPath.Node second = p.nodes().get(p.nodes().size() - 2);
        if (!(second instanceof MutationPath.ListSelector l)) return;
        if (!(last instanceof MutationPath.Field f)) throw new MutationException("invalid path format: child of a list can't be a list");
        if (f.name().equals(l.keyField())) throw new MutationException("invalid path format: changing the item key is not allowed");
    }

    private static PathTester tester(ObjectValue params, MutationPath location, String kind, String name) throws MutationException {
        PathTester t = new PathTester();
        ArrayValue tests = Obj.arr(params, "pathTests");
        if (tests == null) return t;
        for (Value test : tests.list()) {
            String sub = Obj.str(test, "subPath");
            MutationPath p;
            try {
                p = MutationPath.parse(sub);
            } catch (MutationException e) {
                throw new MutationException("problem parsing sub path `" + sub + "` for " + kind + " " + name + ": " + e.getMessage());
            }
            if (!p.isPrefixOf(location)) {
                throw new MutationException("all subpaths must be a prefix of the `location` value of the mutation");
            }
            t.add(p, Obj.str(test, "condition"));
        }
        return t;
    }

    private static List<Mutator.ApplyTo> applyTo(ObjectValue spec, String kind, String name) throws MutationException {
        List<Mutator.ApplyTo> out = new ArrayList<>();
        ArrayValue arr = Obj.arr(spec, "applyTo");
        if (arr != null) {
            for (Value a : arr.list()) {
                List<String> g = Obj.strings(Obj.get(a, "groups")), v = Obj.strings(Obj.get(a, "versions")),
                        k = Obj.strings(Obj.get(a, "kinds"));
                if (g.isEmpty() || v.isEmpty() || k.isEmpty()) {
                    throw new MutationException("invalid applyTo for " + kind + " mutator " + name
                            + ", all of group, version and kind must be specified");
                }
                out.add(new Mutator.ApplyTo(g, v, k));
            }
        }
        if (out.isEmpty()) throw new MutationException("applyTo required for " + kind + " mutator " + name);
        return out;
    }

    /** The parameters.assign field: exactly one of value, fromMetadata, externalData (the last is refused here). */
    private static Value assignField(ObjectValue params, String kind, String name) throws MutationException {
        ObjectValue assign = Obj.obj(params, "assign");
        Value value = assign == null ? null : assign.get("value");
        Value from = assign == null ? null : assign.get("fromMetadata");
        Value ext = assign == null ? null : assign.get("externalData");
        int set = (value != null ? 1 : 0) + (from != null ? 1 : 0) + (ext != null ? 1 : 0);
        if (set == 0) throw new MutationException("assign must set one of `externalData`, `value` or `fromMetadata`: invalid assign field");
        if (set > 1) throw new MutationException("assign must only set one of `externalData`, `value` or `fromMetadata`: invalid assign field");
        if (ext != null) {
            throw new MutationException(kind + " " + name + ": assign.externalData is not supported: gkstudio has no external data "
                    + "providers to call (use assign.value or assign.fromMetadata to try the policy)");
        }
        if (from != null) {
            String field = Obj.str(from, "field");
            if (!field.equals("name") && !field.equals("namespace")) {
                throw new MutationException("field " + field + " is not recognized: invalid fromMetadata field");
            }
        }
        return assign;
    }

    /** The value to assign to this object: a copy of value, or its name or namespace. */
    private static Object assignedValue(Value assign, Map<String, Object> object) {
        Value from = Obj.get(assign, "fromMetadata");
        if (from != null) {
            Value obj = Tree.value(object);
            return StringValue.of("name".equals(Obj.str(from, "field")) ? Obj.name(obj) : Obj.namespace(obj));
        }
        return Tree.of(Obj.get(assign, "value"));
    }

    private static Mutator assign(ObjectValue obj, String name, ObjectValue spec) throws MutationException {
        MutationPath path = location(spec, "Assign", name);
        if (metadataRoot(path)) throw new MutationException("assign " + name + " can't change metadata");
        checkKeyNotChanged(path);
        ObjectValue params = Obj.obj(spec, "parameters");
        if (params == null) params = ObjectValue.EMPTY;
        Value assign = assignField(params, "Assign", name);
        Value value = Obj.get(assign, "value");
        boolean listEnd = path.last() instanceof MutationPath.ListSelector;
        if (value != null && listEnd) {
            MutationPath.ListSelector l = (MutationPath.ListSelector) path.last();
            if (l.glob()) throw new MutationException("can't append to a globbed list");
            if (!(value instanceof ObjectValue vo)) {
                throw new MutationException("invalid value: `" + GoFormat.plusV(value) + "`, only objects can be added to keyed lists");
            }
            if (!(vo.get(l.keyField()) instanceof StringValue k && k.value().equals(l.keyValue()))) {
                throw new MutationException("adding object to list with different key " + l.keyField() + ": list key "
                        + l.keyValue() + ", object key " + GoFormat.plusV(vo.get(l.keyField())));
            }
        }
        if (listEnd && Obj.get(assign, "fromMetadata") != null) throw new MutationException("cannot assign a metadata field to a list");
        PathTester tester = tester(params, path, "Assign", name);
        List<Mutator.ApplyTo> applyTo = applyTo(spec, "Assign", name);
        ObjectValue assignIf = Obj.obj(params, "assignIf");
        Function<Map<String, Object>, Setter> setter = object -> new AssignSetter(assignedValue(assign, object), assignIf, name);
        return new Mutator("Assign", name, applyTo, new Matcher(Obj.obj(spec, "match")), path, tester, setter, false, obj);
    }

    private static Mutator assignMetadata(ObjectValue obj, String name, ObjectValue spec) throws MutationException {
        String loc = Obj.str(spec, "location");
        MutationPath path;
        try {
            path = MutationPath.parse(loc);
        } catch (MutationException e) {
            throw new MutationException("invalid location format for AssignMetadata " + name + ": " + loc + ": " + e.getMessage());
        }
        boolean valid = path.nodes().size() == 3 && path.nodes().stream().allMatch(n -> n instanceof MutationPath.Field)
                && path.nodes().get(0).equals(new MutationPath.Field("metadata"))
                && (path.nodes().get(1).equals(new MutationPath.Field("labels"))
                || path.nodes().get(1).equals(new MutationPath.Field("annotations")));
        if (!valid) throw new MutationException("invalid location for assignmetadata " + name + ": " + loc);
        ObjectValue params = Obj.obj(spec, "parameters");
        if (params == null) params = ObjectValue.EMPTY;
        Value assign = assignField(params, "AssignMetadata", name);
        Value value = Obj.get(assign, "value");
        if (value != null && !(value instanceof StringValue)) {
            throw new MutationException("spec.parameters.assign.value field must be a string for AssignMetadata \"" + name + "\"");
        }
        PathTester tester = new PathTester();
        // metadata is only ever added: an existing label or annotation is left as it is
        tester.add(path, PathTester.MUST_NOT_EXIST);
        Function<Map<String, Object>, Setter> setter = object -> new AssignSetter(assignedValue(assign, object), null, name);
        return new Mutator("AssignMetadata", name, List.of(), new Matcher(Obj.obj(spec, "match")), path, tester, setter, false, obj);
    }

    private static Mutator modifySet(ObjectValue obj, String name, ObjectValue spec) throws MutationException {
        MutationPath path = location(spec, "ModifySet", name);
        if (metadataRoot(path)) throw new MutationException("modifyset " + name + " can't change metadata");
        if (!path.nodes().isEmpty() && path.last() instanceof MutationPath.ListSelector) {
            throw new MutationException("final node in a modifyset location cannot be a keyed list");
        }
        ObjectValue params = Obj.obj(spec, "parameters");
        if (params == null) params = ObjectValue.EMPTY;
        PathTester tester = tester(params, path, "ModifySet", name);
        List<Mutator.ApplyTo> applyTo = applyTo(spec, "ModifySet", name);
        String op = Obj.str(params, "operation");
        if (op.isEmpty()) op = "merge";
        ArrayValue values = Obj.arr(params, "values", "fromList");
        List<Value> fromList = values == null ? List.of() : values.list();
        String operation = op;
        Function<Map<String, Object>, Setter> setter = object -> new ModifySetSetter(operation, fromList);
        return new Mutator("ModifySet", name, applyTo, new Matcher(Obj.obj(spec, "match")), path, tester, setter, false, obj);
    }

    private static Mutator assignImage(ObjectValue obj, String name, ObjectValue spec) throws MutationException {
        MutationPath path = location(spec, "assignImage", name);
        if (metadataRoot(path)) throw new MutationException("assignImage " + name + " can't change metadata");
        if (!path.nodes().isEmpty() && path.last() instanceof MutationPath.ListSelector) {
            throw new MutationException("assignImage " + name + " can't mutate a list terminal: location must end in a field holding the image string");
        }
        checkKeyNotChanged(path);
        ObjectValue params = Obj.obj(spec, "parameters");
        if (params == null) params = ObjectValue.EMPTY;
        String domain = Obj.str(params, "assignDomain"), p = Obj.str(params, "assignPath"), tag = Obj.str(params, "assignTag");
        try {
            ImageRef.validate(domain, p, tag);
        } catch (MutationException e) {
            throw new MutationException("assignImage " + name + " has invalid parameters: " + e.getMessage());
        }
        PathTester tester = tester(params, path, "AssignImage", name);
        List<Mutator.ApplyTo> applyTo = applyTo(spec, "AssignImage", name);
        Function<Map<String, Object>, Setter> setter = object -> (o, key) -> {
            Object cur = o.get(key);
            String s = "";
            if (cur != null) {
                if (!(cur instanceof StringValue sv)) {
                    throw new MutationException("expected value at AssignImage location to be a string, got "
                            + GoFormat.plusV(Tree.value(cur)) + " of type " + Tree.goType(cur));
                }
                s = sv.value();
            }
            o.put(key, StringValue.of(ImageRef.mutate(domain, p, tag, s)));
            return true;
        };
        return new Mutator("AssignImage", name, applyTo, new Matcher(Obj.obj(spec, "match")), path, tester, setter, true, obj);
    }

    /** Assign and AssignMetadata: set the value; with assignIf, only when the current value passes in/notIn. */
    private record AssignSetter(Object value, ObjectValue assignIf, String name) implements Setter {
        @Override
        public boolean set(Map<String, Object> obj, String key) {
            if (assignIf != null) {
                Value current = obj.containsKey(key) ? Tree.value(obj.get(key)) : NullValue.INSTANCE;
                ArrayValue in = Obj.arr(assignIf, "in"), notIn = Obj.arr(assignIf, "notIn");
                if (in != null && !in.list().contains(current)) return false;
                if (notIn != null && notIn.list().contains(current)) return false;
            }
            obj.put(key, Tree.copy(value));
            return true;
        }

        @Override
        public boolean keyedListOkay() {
            return true;
        }

        @Override
        public Map<String, Object> keyedListValue() throws MutationException {
            Map<String, Object> m = Tree.asMap(Tree.copy(value));
            if (m == null) throw new MutationException("assign.value for keyed list mutator " + name + " is not an object");
            return m;
        }
    }

    /** ModifySet: merge appends missing values (order kept), prune removes every equal value. */
    private record ModifySetSetter(String op, List<Value> values) implements Setter {
        @Override
        public boolean set(Map<String, Object> obj, String key) throws MutationException {
            Object cur = obj.get(key);
            if (!op.equals("merge") && !op.equals("prune")) throw new MutationException("unrecognized operation for modifyset: " + op);
            if (cur == null && !obj.containsKey(key)) {
                if (op.equals("merge")) obj.put(key, Tree.of(ArrayValue.of(values)));
                return true;
            }
            List<Object> list = Tree.asList(cur);
            if (list == null) {
                throw new MutationException(GoFormat.plusV(Tree.value(cur)) + " is not a list of values, cannot treat it as a set");
            }
            List<Object> out = new ArrayList<>();
            if (op.equals("merge")) {
                out.addAll(list);
                for (Value v : values) if (!contains(out, v)) out.add(Tree.of(v));
            } else {
                for (Object e : list) if (!values.contains(Tree.value(e))) out.add(e);
            }
            obj.put(key, out);
            return true;
        }

        private static boolean contains(List<Object> list, Value v) {
            for (Object e : list) if (Tree.value(e).equals(v)) return true;
            return false;
        }
    }
}
