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
    private final String path;
    private final Map<String, RuleTree> children = new TreeMap<>();
    private final List<Rule> rules = new ArrayList<>();

    RuleTree(String key, String path) {
        this.key = key;
        this.path = path;
    }

    public String key() { return key; }

    /** @return full path, e.g. {@code data.test.p}. */
    public String path() { return path; }

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
        return children.computeIfAbsent(k, x -> new RuleTree(x, path + "." + x));
    }
}
