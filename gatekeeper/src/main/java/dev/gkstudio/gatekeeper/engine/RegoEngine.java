package dev.gkstudio.gatekeeper.engine;

import dev.gkstudio.gatekeeper.template.RegoCode;

/**
 * The Rego engine as the Gatekeeper layer needs it: compile a template's Rego once (running
 * Gatekeeper's template checks: parse, required {@code violation} rule, lib packages, imports, data
 * references, compile) and evaluate its {@code violation} set many times.
 */
public interface RegoEngine {
    /**
     * Compiles the template code. Throws with Gatekeeper's error text, e.g.
     * {@code invalid ConstraintTemplate: invalid rego: invalid module: missing required rules: [violation]}.
     */
    CompiledTemplate compile(RegoCode code) throws TemplateCompileException;
}
