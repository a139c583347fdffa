package dev.gkstudio.rego.compiler.stages;

import dev.gkstudio.rego.ast.*;
import dev.gkstudio.rego.ast.Module;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * OPA's {@code CheckDuplicateImports} stage (v1/ast/compile.go {@code checkDuplicateImports}): two imports binding
 * the same name are an error, {@code import rego.v1} and {@code future.keywords} imports included. OPA runs it in
 * strict mode and for v1-compatible modules (Rego v1, or v0 with {@code import rego.v1}); the driver decides that.
 */
public final class CheckDuplicateImports {
    private CheckDuplicateImports() {}

    public static List<Diagnostic> check(Module m) {
        List<Diagnostic> out = new ArrayList<>();
        Map<String, Import> seen = new HashMap<>();
        for (Import imp : m.imports()) {
            Import before = seen.putIfAbsent(imp.name(), imp);
            if (before != null) {
                out.add(new Diagnostic(ErrorCodes.COMPILE_ERROR, "import must not shadow import " + before.path()
                        + (before.alias() != null ? " as " + before.alias() : ""), imp.location()));
            }
        }
        return out;
    }
}
