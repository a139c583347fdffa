package dev.gkstudio.rego.compiler;

import dev.gkstudio.rego.ast.Module;
import dev.gkstudio.rego.ast.Rule;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compiled form the evaluator runs.
 * <ul>
 * <li>{@link #modules()}: rewritten modules (all refs absolute: {@code data.pkg.rule}, {@code input.x}; imports removed
 * from refs; local vars renamed to {@code __localN__}; {@code :=} turned into {@code =}; {@code some} declarations
 * removed, {@code some x in xs} turned into {@code x = xs[__localN__]}; bodies reordered for safety).</li>
 * <li>{@link #rulesByPath()}: rule index by path, e.g. {@code data.test.p} (ground prefix of the head ref; rules of
 * {@code a.b[x] := 1} in package {@code test} are under {@code data.test.a.b}). Values keep source order; else
 * chains hang off their first rule.</li>
 * <li>{@link #ruleTree()}: the same rules as a tree of path segments.</li>
 * <li>{@link #dependencies()}: rule path to the rule paths its heads/bodies reference (for LSP and traces).</li>
 * <li>{@link #rewrittenVars()}: generated var name to the name the author wrote (for traces/messages).</li>
 * <li>{@link #functions()}: user function paths with their arity.</li>
 * </ul>
 *
 * @param modules       rewritten modules in input order
 * @param rulesByPath   rule index
 * @param ruleTree      rule tree root ({@code data})
 * @param dependencies  dependency graph
 * @param rewrittenVars generated to original var names
 * @param functions     function path to arity
 * @param rulePaths     identity map from each (top-level) compiled rule to its path
 */
public record CompiledProgram(List<Module> modules, Map<String, List<Rule>> rulesByPath, RuleTree ruleTree,
                              Map<String, Set<String>> dependencies, Map<String, String> rewrittenVars,
                              Map<String, Integer> functions, IdentityHashMap<Rule, String> rulePaths) {

    /** @return rules at exactly this path ({@code data.test.p}), or an empty list. */
    public List<Rule> rules(String path) { return rulesByPath.getOrDefault(path, List.of()); }

    /** @return the path of a compiled rule, or null. */
    public String pathOf(Rule r) { return rulePaths.get(r); }

    /** @return the user-visible name of a (possibly generated) var. */
    public String userName(String var) { return rewrittenVars.getOrDefault(var, var); }
}
