package dev.gkstudio.rego.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.gkstudio.rego.ast.Comment;
import dev.gkstudio.rego.ast.Import;
import dev.gkstudio.rego.ast.Module;
import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.ast.Rule;
import dev.gkstudio.rego.parser.ComplianceCases;
import dev.gkstudio.rego.parser.ParseResult;
import dev.gkstudio.rego.parser.RegoParser;

/**
 * Formats every module of the OPA compliance cases (directory from {@code opa.compliance.dir}):
 * formatting is idempotent, keeps every comment and gives a module that parses to the same AST.
 * v0 modules are also converted to v1, and the result must parse as v1 to the same rules.
 */
class FormatterComplianceTest {

    @Test
    void v0ModulesFormatIdempotentlyToTheSameAst() throws Exception {
        check("v0", RegoVersion.V0, RegoVersion.V0);
    }

    @Test
    void v1ModulesFormatIdempotentlyToTheSameAst() throws Exception {
        check("v1", RegoVersion.V1, RegoVersion.V1);
    }

    @Test
    void v0ModulesConvertToV1() throws Exception {
        check("v0", RegoVersion.V0, RegoVersion.V1);
    }

    private static void check(String tree, RegoVersion from, RegoVersion to) throws Exception {
        Set<String> modules = new LinkedHashSet<>();
        for (ComplianceCases.Case c : ComplianceCases.load(tree)) modules.addAll(c.modules());
        int parsed = 0, ok = 0, notConvertible = 0;
        List<String> failures = new ArrayList<>();
        for (String text : modules) {
            ParseResult pr = RegoParser.parseModule("test.rego", text, from);
            if (!pr.ok()) continue; // cases that test parse errors
            parsed++;
            String once;
            try {
                once = from != to ? RegoFormatter.toV1("test.rego", text) : RegoFormatter.format(pr.module(), text, to);
            } catch (RegoFormatter.FormatException e) {
                // v0 modules that use a v1 keyword as a name cannot be converted as they are
                notConvertible++;
                continue;
            } catch (RuntimeException e) {
                failures.add("crash " + e + "\n" + text);
                continue;
            }
            ParseResult again = RegoParser.parseModule("test.rego", once, to);
            if (!again.ok()) {
                failures.add("unparsable " + again.diagnostics() + "\n--- in\n" + text + "\n--- out\n" + once);
                continue;
            }
            if (!canonical(pr.module(), from != to).equals(canonical(again.module(), from != to))) {
                failures.add("AST differs\n--- in\n" + text + "\n--- out\n" + once + "\n--- a\n"
                        + canonical(pr.module(), from != to) + "\n--- b\n" + canonical(again.module(), from != to));
                continue;
            }
            if (!comments(pr.module()).equals(comments(again.module()))) {
                failures.add("comments differ\n--- in\n" + text + "\n--- out\n" + once);
                continue;
            }
            String twice = RegoFormatter.format(again.module(), once, to);
            if (!twice.equals(once)) {
                failures.add("not idempotent\n--- once\n" + once + "\n--- twice\n" + twice);
                continue;
            }
            ok++;
        }
        System.out.printf("formatter %s→%s: %d/%d modules idempotent with equal AST (%d distinct, %d unparsable input, "
                + "%d not convertible)%n", from, to, ok, parsed, modules.size(), modules.size() - parsed, notConvertible);
        assertTrue(notConvertible <= 5, notConvertible + " modules could not be converted");
        for (int i = 0; i < Math.min(Integer.getInteger("show", 3), failures.size()); i++) System.out.println(failures.get(i).length() > 1500 ? failures.get(i).substring(0, 1500) : failures.get(i));
        assertTrue(parsed > 500, "too few modules: " + parsed);
        assertEquals(List.of(), failures.size() > 0 ? failures.subList(0, 1) : List.of(),
                failures.size() + " of " + parsed + " modules failed");
    }

    /** The module without locations: package, imports (syntax imports ignored when converting) and rules. */
    private static String canonical(Module m, boolean converting) {
        StringBuilder sb = new StringBuilder(m.pkg().toString()).append('\n');
        for (Import i : m.imports()) {
            if (converting && i.isSyntaxImport()) continue;
            sb.append(i).append('\n');
        }
        for (Rule r : m.rules()) sb.append(r.isDefault() ? "default " : "").append(r).append('\n');
        // v1 heads always use :=, which means the same as = there
        return sb.toString().replace(" := ", " = ");
    }

    private static List<String> comments(Module m) {
        List<String> out = new ArrayList<>();
        for (Comment c : m.comments()) out.add(c.text());
        out.sort(null);
        return out;
    }
}
