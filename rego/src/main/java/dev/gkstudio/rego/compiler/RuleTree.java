package dev.gkstudio.rego.compiler;

import dev.gkstudio.rego.ast.Rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rule tree: one node per path segment below {@code data}; a node holds the rules defined exactly at its path.
 */
public final class RuleTree {
    private final String key;
    /** The parent node, null at the root. */
    private final RuleTree parent;
    /** The full path, computed when asked: storing it in every node costs O(depth²) for a deep package. */
    private String path;
    private final Map<String, RuleTree> children = new TreeMap<>();
    private final List<Rule> rules = new ArrayList<>();

    RuleTree(String key, String path) {
        this.key = key;
        this.path = path;
        this.parent = null;
    }

    private RuleTree(String key, RuleTree parent) {
        this.key = key;
        this.parent = parent;
    }

    public String key() { return key; }

    /** @return full path, e.g. {@code data.test.p}. */
    public String path() {
        if (path == null) {
            List<String> keys = new ArrayList<>();
            RuleTree n = this;
            for (; n.path == null; n = n.parent) keys.add(n.key);
            StringBuilder sb = new StringBuilder(n.path);
            for (int i = keys.size() - 1; i >= 0; i--) sb.append('.').append(keys.get(i));
            path = sb.toString();
        }
        return path;
    }

    public Map<String, RuleTree> children() { return children; }

    public List<Rule> rules() { return rules; }

    /** @return the node at a dotted path relative to this node ({@code test.p}), or null. */
    public RuleTree find(String relPath) {
        RuleTree n = this;
        if (relPath.isEmpty()) return n;
        for (String s : relPath.split("\\.")) {
            n = n.children.get(s);
            if (n == null) return null;
        }
        return n;
    }

    RuleTree child(String k) {
        return children.computeIfAbsent(k, x -> new RuleTree(x, this));
    }
}
