package dev.gkstudio.rego.compiler.stages;

import dev.gkstudio.rego.ast.Diagnostic;
import dev.gkstudio.rego.ast.ErrorCodes;
import dev.gkstudio.rego.ast.Location;

import java.util.*;
import java.util.function.Function;

/**
 * OPA's {@code CheckRecursion} stage on the rule dependency graph: a rule that depends on itself, directly or through
 * other rules, is a {@code rego_recursion_error} {@code rule P is recursive: P -> Q -> P} (the shortest cycle), once
 * per rule on the cycle, at the rule's first definition.
 */
public final class CheckRecursion {
    private CheckRecursion() {}

    /**
     * @param deps         rule path to the rule paths it reads
     * @param ruleLocation location of the first rule at a path
     */
    public static List<Diagnostic> check(Map<String, Set<String>> deps, Function<String, Location> ruleLocation) {
        List<Diagnostic> out = new ArrayList<>();
        for (String start : deps.keySet()) {
            List<String> cycle = findCycle(start, deps);
            if (cycle != null) {
                out.add(new Diagnostic(ErrorCodes.RECURSION_ERROR, "rule " + start + " is recursive: "
                        + String.join(" -> ", cycle), ruleLocation.apply(start)));
            }
        }
        return out;
    }

    /** Breadth-first search for the shortest path start -> ... -> start, or null. */
    static List<String> findCycle(String start, Map<String, Set<String>> deps) {
        Map<String, String> prev = new HashMap<>();
        Deque<String> q = new ArrayDeque<>();
        for (String n : deps.getOrDefault(start, Set.of())) {
            if (n.equals(start)) return List.of(start, start);
            if (prev.putIfAbsent(n, start) == null) q.add(n);
        }
        while (!q.isEmpty()) {
            String cur = q.poll();
            for (String n : deps.getOrDefault(cur, Set.of())) {
                if (n.equals(start)) {
                    LinkedList<String> path = new LinkedList<>();
                    path.addFirst(start);
                    for (String x = cur; x != null && !x.equals(start); x = prev.get(x)) path.addFirst(x);
                    path.addFirst(start);
                    return path;
                }
                if (!prev.containsKey(n)) {
                    prev.put(n, cur);
                    q.add(n);
                }
            }
        }
        return null;
    }
}
