package dev.gkstudio.rego.compiler;

import dev.gkstudio.rego.ast.Body;

import java.util.Map;

/**
 * A compiled query: refs resolved, {@code :=}/{@code some}/wildcard vars renamed to {@code __localqN__}, body
 * reordered for safety.
 *
 * @param body          compiled body (evaluate in this order)
 * @param rewrittenVars generated var name to the name the author wrote ({@code __localq0__ -> x}); wildcards map
 *                      to {@code _}
 * @param original      the query as parsed
 */
public record CompiledQuery(Body body, Map<String, String> rewrittenVars, Body original) {
    /** @return the user-visible name of a (possibly generated) var. */
    public String userName(String var) { return rewrittenVars.getOrDefault(var, var); }
}
