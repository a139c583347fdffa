package dev.gkstudio.rego.compiler.stages;

import dev.gkstudio.rego.ast.*;
import dev.gkstudio.rego.ast.Module;
import dev.gkstudio.rego.compiler.RegoCompiler;

import java.util.*;
import java.util.function.UnaryOperator;

/**
 * OPA's {@code CheckRuleConflicts} stage, one error per rule-tree node in this precedence: a complete ground rule
 * with rules inside its extent ({@code rule X conflicts with [Y ...]}), mixed kinds/arities ({@code conflicting rules
 * X found}, at the first rule), several defaults ({@code multiple default rules X found at f:r, f:r}, at the package
 * of the first default); then packages that collide with a rule ({@code package P conflicts with rule R defined at
 * f:r}). X is the full ref of the node's last rule with the author's var names. All are {@code rego_type_error}s.
 */
public final class CheckRuleConflicts {
    private CheckRuleConflicts() {}

    /**
     * @param rulesByPath rules by path ({@code data.p.q}), each list in source order
     * @param moduleOf    the module of each rule
     * @param modules     the modules as written (package collisions are checked on their rules)
     * @param displayVar  the author's name of a (generated) var
     */
    public static List<Diagnostic> check(Map<String, List<Rule>> rulesByPath, Map<Rule, Module> moduleOf,
                                         List<Module> modules, UnaryOperator<String> displayVar) {
        List<Diagnostic> out = new ArrayList<>();
        // sorted paths: the rules inside a path's extent are the ranges after "path." and "path[" (linear, not a
        // scan of every path per rule: 100,000 rules took minutes)
        TreeSet<String> sortedPaths = new TreeSet<>(rulesByPath.keySet());
        for (var e : rulesByPath.entrySet()) {
            List<Rule> rules = e.getValue();
            String path = e.getKey();
            Set<Boolean> kinds = new HashSet<>(); // OPA: single-value or multi-value (partial set)
            Set<Integer> arities = new HashSet<>();
            int complete = 0, partial = 0;
            List<Rule> defaults = new ArrayList<>();
            String name = path;
            boolean groundRule = false;
            for (Rule r : rules) {
                Module m = moduleOf.get(r);
                name = m == null ? path : displayRef(m.pkg().path(), r.head(), displayVar);
                RuleKind k = r.kind();
                kinds.add(k == RuleKind.PARTIAL_SET);
                arities.add(r.head().args() == null ? 0 : r.head().args().size());
                if (r.isDefault()) defaults.add(r);
                boolean ground = groundHead(r.head().ref());
                if (ground) groundRule = true;
                if (k != RuleKind.PARTIAL_SET && k != RuleKind.PARTIAL_OBJECT && ground) complete++;
                else partial++;
            }
            List<String> children = new ArrayList<>();
            if (groundRule) {
                for (char sep : new char[] {'.', '['}) {
                    // in sorted order the paths a child covers (its prefix) follow it directly
                    String last = null;
                    for (String other : sortedPaths.subSet(path + sep, path + (char) (sep + 1))) {
                        if (last != null && other.startsWith(last)) continue;
                        children.add(other);
                        last = other;
                    }
                }
            }
            if (!children.isEmpty()) {
                Collections.sort(children);
                out.add(new Diagnostic(ErrorCodes.TYPE_ERROR, "rule " + name + " conflicts with "
                        + "[" + String.join(" ", children) + "]", rules.get(0).location()));
            } else if (kinds.size() > 1 || arities.size() > 1 || (complete >= 1 && partial >= 1)) {
                out.add(new Diagnostic(ErrorCodes.TYPE_ERROR, "conflicting rules " + name + " found",
                        rules.get(0).location()));
            } else if (defaults.size() > 1) {
                List<String> locs = new ArrayList<>();
                for (Rule d : defaults) locs.add(RegoCompiler.locString(d.location()));
                Module m = moduleOf.get(defaults.get(0));
                Location at = m != null ? m.pkg().location() : defaults.get(0).location();
                out.add(new Diagnostic(ErrorCodes.TYPE_ERROR, "multiple default rules " + name
                        + " found at " + String.join(", ", locs), at));
            }
        }
        // packages colliding with a (fully ground) rule of another module
        for (Module m : modules) {
            for (Rule r : m.rules()) {
                if (!groundHead(r.head().ref())) continue;
                String rp = RegoCompiler.rulePath(m.pkg().path(), r.head().ref()).toString();
                for (Module other : modules) {
                    if (other == m || !other.pkg().path().toString().equals(rp)) continue;
                    out.add(new Diagnostic(ErrorCodes.TYPE_ERROR, "package "
                            + other.pkg().path().toString().replaceFirst("^data\\.", "") + " conflicts with rule "
                            + r.head().ref() + " defined at " + RegoCompiler.locString(r.location()),
                            m.pkg().location()));
                }
            }
        }
        return out;
    }

    /** OPA's Ref.IsGround of a rule's head ref (the head var is the rule name). */
    private static boolean groundHead(Ref ref) {
        for (int i = 1; i < ref.size(); i++) if (!ref.get(i).isGround()) return false;
        return true;
    }

    /** The full ref of a rule ({@code data.pkg.p[x]}) with generated vars shown under the author's names. */
    private static String displayRef(Ref pkg, RuleHead h, UnaryOperator<String> displayVar) {
        List<Term> ts = new ArrayList<>(pkg.terms());
        Ref hr = h.ref();
        ts.add(Scalar.string(h.name(), hr.location()));
        for (int i = 1; i < hr.size(); i++) {
            Term t = hr.get(i);
            if (t instanceof Var v) t = new Var(displayVar.apply(v.name()), v.location());
            ts.add(t);
        }
        return new Ref(ts, hr.location()).toString();
    }
}
