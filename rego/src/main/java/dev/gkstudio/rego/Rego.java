package dev.gkstudio.rego;

import dev.gkstudio.rego.result.EvalOptions;
import dev.gkstudio.rego.result.EvalResult;
import dev.gkstudio.rego.ast.Diagnostic;
import dev.gkstudio.rego.ast.Module;
import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.ast.SourceFile;
import dev.gkstudio.rego.compiler.CompileOptions;
import dev.gkstudio.rego.compiler.RegoCompiler;
import dev.gkstudio.rego.eval.Program;

import java.util.List;

/**
 * Entry point of the Rego engine.
 *
 * <pre>{@code
 * CompileResult r = Rego.compile(List.of(new SourceFile("policy.rego", text)), RegoVersion.V0);
 * if (!r.ok()) { r.diagnostics().forEach(System.out::println); return; }
 * PreparedQuery q = r.policy().prepare("data.k8sallowedrepos.violation[v]");
 * EvalResult res = q.eval(EvalOptions.builder().input(review).build());
 * }</pre>
 *
 * Compilation delegates to the front end (parser and compiler); evaluation follows OPA 1.x semantics.
 */
public final class Rego {
    private Rego() {}

    /** Parses and compiles the modules with the given Rego version. */
    public static CompileResult compile(List<SourceFile> files, RegoVersion version) {
        Program.Compiled c = Program.compile(files, version);
        List<Diagnostic> diags = c.diagnostics();
        PreparedPolicy p = c.program() == null ? null : new PreparedPolicy(c.program());
        return new CompileResult(diags, c.modules(), p);
    }

    /** Compiles one module. */
    public static CompileResult compile(String fileName, String text, RegoVersion version) {
        return compile(List.of(new SourceFile(fileName, text)), version);
    }

    /**
     * The compile errors of modules already parsed (each with its own Rego version), without planning them for
     * evaluation: what editors show while the user types.
     */
    public static List<Diagnostic> check(List<Module> modules) {
        return RegoCompiler.compile(modules, CompileOptions.defaults()).diagnostics();
    }
}
