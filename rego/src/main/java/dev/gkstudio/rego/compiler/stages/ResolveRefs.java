package dev.gkstudio.rego.compiler.stages;

import dev.gkstudio.rego.ast.*;
import dev.gkstudio.rego.ast.Module;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The name tables of OPA's {@code ResolveRefs} stage (v1/ast/compile.go {@code getExports}, {@code getGlobals}): the
 * rule names a package exports, collected over all of its modules (so {@code src.rego} and {@code src_test.rego}
 * see each other's rules), and the names each module's imports bind. A name resolves to the import first, then to
 * the package's rule (OPA's getGlobals puts imports over exports). The rewriting of vars to these refs runs in the
 * same walk as RewriteLocalVars ({@code RegoCompiler.rwTerm}), which knows which names are locals.
 */
public final class ResolveRefs {
    private ResolveRefs() {}

    /** Package path (as printed, {@code data.p}) to rule name to the rule's absolute ref ({@code data.p.g}). */
    public static Map<String, Map<String, Ref>> exports(List<Module> modules) {
        Map<String, Map<String, Ref>> exports = new HashMap<>();
        for (Module m : modules) {
            Map<String, Ref> globals = exports.computeIfAbsent(m.pkg().path().toString(), k -> new HashMap<>());
            for (Rule r : m.rules()) {
                if (r.head().ref().get(0) instanceof Var v && !globals.containsKey(v.name())) {
                    List<Term> ts = new ArrayList<>(m.pkg().path().terms());
                    ts.add(Scalar.string(v.name(), v.location()));
                    globals.put(v.name(), new Ref(ts, v.location()));
                }
            }
        }
        return exports;
    }

    /** The names a module's imports bind (alias or last path element) to the imported ref; syntax imports bind none. */
    public static Map<String, Ref> imports(Module m) {
        Map<String, Ref> imports = new LinkedHashMap<>();
        for (Import imp : m.imports()) if (!imp.isSyntaxImport()) imports.put(imp.name(), imp.path());
        return imports;
    }
}
