package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.SetValue;
import dev.gkstudio.rego.value.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** graph.reachable and graph.reachable_paths over an adjacency object. */
final class GraphBuiltins {
    private GraphBuiltins() {}

    static void register(Map<String, BuiltinFunction> t) {
        t.put("graph.reachable", (c, a) -> {
            ObjectValue g = Args.obj("graph.reachable", a, 0);
            List<Value> init = initial("graph.reachable", a[1]);
            Set<Value> reached = new LinkedHashSet<>();
            Deque<Value> queue = new ArrayDeque<>(init);
            while (!queue.isEmpty()) {
                Value node = queue.poll();
                Value edges = g.get(node);
                if (edges != null) {
                    for (Value n : vertices(edges)) if (!reached.contains(n)) queue.add(n);
                    reached.add(node);
                }
            }
            return SetValue.wrap(reached);
        });
        t.put("graph.reachable_paths", (c, a) -> {
            ObjectValue g = Args.obj("graph.reachable_paths", a, 0);
            List<Value> init = initial("graph.reachable_paths", a[1]);
            Set<Value> result = new LinkedHashSet<>();
            for (Value node : init) {
                Value edges = g.get(node);
                if (edges == null) continue;
                List<Value> vs = vertices(edges);
                if (vs.isEmpty()) {
                    result.add(ArrayValue.of(node));
                    continue;
                }
                Set<Value> reached = new HashSet<>();
                reached.add(node);
                for (Value n : vs) paths(c, g, n, List.of(node), result, reached);
            }
            return SetValue.wrap(result);
        });
    }

    private static void paths(BuiltinContext c, ObjectValue g, Value root, List<Value> path, Set<Value> out,
                              Set<Value> reached) {
        // the number of paths can grow exponentially with the graph: stay within the time and memory limits
        if (c != null) c.checkCancelled();
        Limits.ensure(c, "graph.reachable_paths", 16L * (out.size() + 1) * (path.size() + 1));
        Value edges = g.get(root);
        if (edges == null) {
            out.add(ArrayValue.of(path));
            return;
        }
        if (path.contains(root)) {
            out.add(ArrayValue.of(path));
            return;
        }
        List<Value> vs = vertices(edges);
        if (vs.isEmpty()) {
            List<Value> p = new ArrayList<>(path);
            p.add(root);
            out.add(ArrayValue.of(p));
            return;
        }
        reached.add(root);
        List<Value> p = new ArrayList<>(path);
        p.add(root);
        for (Value n : vs) paths(c, g, n, p, out, reached);
    }

    private static List<Value> initial(String b, Value v) {
        if (v instanceof ArrayValue arr) return arr.list();
        if (v instanceof SetValue s) return s.sorted();
        throw BuiltinException.operand(b, 2, v, "{set, array}");
    }

    private static List<Value> vertices(Value edges) {
        if (edges instanceof ArrayValue arr) return arr.list();
        if (edges instanceof SetValue s) return s.sorted();
        return Collections.emptyList();
    }
}
