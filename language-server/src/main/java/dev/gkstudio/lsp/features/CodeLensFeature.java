package dev.gkstudio.lsp.features;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.Command;

import dev.gkstudio.lsp.workspace.DocumentState;
import dev.gkstudio.lsp.workspace.RegoUnit;
import dev.gkstudio.rego.ast.Module;
import dev.gkstudio.rego.ast.Rule;
import dev.gkstudio.rego.ast.Var;

/**
 * Code lenses over Rego unit tests, as Regal's editors show them: "Run test" above each {@code test_*} rule (the
 * command carries the document and {@code data.<package>.<rule>}) and "Run all tests" above the package of a module
 * that has tests. The client runs them (the Studio: its Tests tab).
 */
public final class CodeLensFeature {
    public static final String RUN_TEST = "gkstudio.runTest";
    public static final String RUN_ALL_TESTS = "gkstudio.runAllTests";

    private CodeLensFeature() {}

    public static List<CodeLens> lenses(DocumentState doc) {
        List<CodeLens> out = new ArrayList<>();
        for (RegoUnit u : doc.units()) {
            if (!u.parsed() || u.module() == null) continue;
            Module m = u.module();
            String pkg = m.pkg().path().toString();
            List<CodeLens> tests = new ArrayList<>();
            List<String> seen = new ArrayList<>();
            for (Rule r : m.rules()) {
                String name = testName(r);
                if (name == null || seen.contains(name) || !r.location().isKnown()) continue;
                seen.add(name);
                int offset = r.location().startOffset();
                tests.add(new CodeLens(u.toHost(offset, offset),
                        new Command("Run test", RUN_TEST, List.of(u.uri(), pkg + "." + name)), null));
            }
            if (tests.isEmpty()) continue;
            int offset = m.pkg().location().startOffset();
            out.add(new CodeLens(u.toHost(offset, offset),
                    new Command("Run all tests", RUN_ALL_TESTS, List.of(u.uri(), pkg)), null));
            out.addAll(tests);
        }
        return out;
    }

    /** {@code test_x} for a rule named test_x (todo_test_ rules are skipped by the runner: no lens). */
    private static String testName(Rule r) {
        if (r.head().ref().terms().isEmpty() || !(r.head().ref().terms().get(0) instanceof Var v)) return null;
        return v.name().startsWith("test_") && r.head().ref().terms().size() == 1 ? v.name() : null;
    }
}
