package dev.gkstudio.gatekeeper.mutation;

import dev.gkstudio.rego.value.StringValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gatekeeper's core mutation walk: follows the location through the object, creating missing objects and
 * keyed-list elements (unless a path test forbids it), visiting every element under a glob, and hands the
 * last field to the setter. Returns whether the object changed.
 */
final class PathWalk {
    private final MutationPath path;
    private final PathTester tester;
    private final Setter setter;

    PathWalk(MutationPath path, PathTester tester, Setter setter) {
        this.path = path;
        this.tester = tester;
        this.setter = setter;
    }

    boolean apply(Map<String, Object> object) throws MutationException {
        if (path.nodes().isEmpty()) throw new MutationException("attempting to mutate an empty target location");
        return walk(object, 0).mutated;
    }

    private record Step(boolean mutated, Object value) {
    }

    private static final Step NONE = new Step(false, null);

    private Step walk(Object current, int depth) throws MutationException {
        MutationPath.Node node = path.nodes().get(depth);
        boolean last = depth == path.nodes().size() - 1;
        if (node instanceof MutationPath.Field f) {
            Map<String, Object> obj = Tree.asMap(current);
            if (obj == null) {
                throw new MutationException("mismatch between path entry (type: object) and received object (type: "
                        + Tree.goType(current) + "). Path: &{Reference:" + f.name() + "}");
            }
            boolean exists = obj.containsKey(f.name());
            if (exists ? !tester.existsOkay(depth) : !tester.missingOkay(depth)) return NONE;
            if (last) return new Step(setter.set(obj, f.name()), obj);
            Object next = exists ? obj.get(f.name()) : createMissing(depth);
            Step s = walk(next, depth + 1);
            if (s.mutated) obj.put(f.name(), s.value != null ? s.value : next);
            return new Step(s.mutated, obj);
        }
        MutationPath.ListSelector sel = (MutationPath.ListSelector) node;
        List<Object> list = Tree.asList(current);
        if (list == null) {
            throw new MutationException("mismatch between path entry (type: List) and received object (type: "
                    + Tree.goType(current) + "). Path: &{KeyField:" + sel.keyField() + " KeyValue:"
                    + (sel.glob() ? "<nil>" : sel.keyValue()) + " Glob:" + sel.glob() + "}");
        }
        List<Object> copy = new ArrayList<>(list);
        if (last) {
            if (!setter.keyedListOkay()) throw new MutationException("cannot mutate a keyed list with this mutator: only Assign can replace list elements");
            return setListElement(copy, sel, depth);
        }
        if (sel.glob() && !tester.existsOkay(depth)) return NONE;
        boolean mutated = false, found = false;
        for (Object element : copy) {
            if (sel.glob()) {
                mutated |= walk(element, depth + 1).mutated;
                found = true;
            } else if (element instanceof Map<?, ?> m && keyMatches(m.get(sel.keyField()), sel.keyValue())) {
                if (!tester.existsOkay(depth)) return NONE;
                mutated |= walk(element, depth + 1).mutated;
                found = true;
            }
        }
        if (!sel.glob() && !found) {
            if (!tester.missingOkay(depth)) return NONE;
            Object next = createMissing(depth);
            copy.add(next);
            mutated |= walk(next, depth + 1).mutated;
        }
        return new Step(mutated, copy);
    }

    /** Gatekeeper compares list keys as Go values: only a string field equals the selector's value. */
    private static boolean keyMatches(Object element, String keyValue) {
        return element instanceof StringValue s && s.value().equals(keyValue);
    }

    private Step setListElement(List<Object> list, MutationPath.ListSelector sel, int depth) throws MutationException {
        if (sel.glob()) throw new MutationException("last path entry can not be globbed");
        Map<String, Object> value = setter.keyedListValue();
        for (int i = 0; i < list.size(); i++) {
            Map<String, Object> element = Tree.asMap(list.get(i));
            if (element == null) {
                throw new MutationException("cast error, unable to case " + Tree.goType(list.get(i)) + " to map[string]interface{}");
            }
            if (keyMatches(element.get(sel.keyField()), sel.keyValue())) {
                if (!keyMatches(value.get(sel.keyField()), sel.keyValue())) {
                    throw new MutationException("key value of replaced object must not change");
                }
                if (!tester.existsOkay(depth)) return NONE;
                list.set(i, value);
                return new Step(true, list);
            }
        }
        if (!tester.missingOkay(depth)) return NONE;
        list.add(value);
        return new Step(true, list);
    }

    private Object createMissing(int depth) throws MutationException {
        MutationPath.Node node = path.nodes().get(depth);
        MutationPath.Node nextNode = path.nodes().get(depth + 1);
        Object next = nextNode instanceof MutationPath.Field ? new LinkedHashMap<String, Object>() : new ArrayList<>();
        if (node instanceof MutationPath.ListSelector sel) {
            Map<String, Object> m = Tree.asMap(next);
            if (m == null) throw new MutationException("two consecutive list path entries not allowed");
            if (sel.glob()) throw new MutationException("list entry has no key value");
            m.put(sel.keyField(), StringValue.of(sel.keyValue()));
        }
        return next;
    }
}
