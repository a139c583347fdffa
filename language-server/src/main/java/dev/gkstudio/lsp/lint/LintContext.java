package dev.gkstudio.lsp.lint;

import java.util.HashSet;
import java.util.Set;

import dev.gkstudio.rego.ast.Module;
import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.ast.Rule;
import dev.gkstudio.lsp.workspace.Ast;

/**
 * What a lint rule sees: the parsed module, its text and version, whether it is a Gatekeeper template.
 *
 * @param module   the module (parsed without errors)
 * @param text     the module text
 * @param version  Rego version
 * @param template true for a template's entry module
 * @param embedded true for Rego that lives in a ConstraintTemplate (its YAML, or the Studio's template editor):
 *                 indented with spaces by Gatekeeper convention, so indentation style is not a finding
 */
public record LintContext(Module module, String text, RegoVersion version, boolean template, boolean embedded) {

    public LintContext(Module module, String text, RegoVersion version, boolean template) {
        this(module, text, version, template, template);
    }

    /** Names of the module's rules and functions. */
    public Set<String> ruleNames() {
        Set<String> out = new HashSet<>();
        for (Rule r : module.rules()) out.add(Ast.ruleName(r));
        return out;
    }
}
