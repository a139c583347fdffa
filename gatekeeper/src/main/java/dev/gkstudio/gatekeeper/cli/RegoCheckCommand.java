package dev.gkstudio.gatekeeper.cli;

import dev.gkstudio.gatekeeper.regotool.Errors;
import dev.gkstudio.gatekeeper.regotool.LoadedFiles;
import dev.gkstudio.gatekeeper.regotool.RegoLoader;
import dev.gkstudio.gatekeeper.regotool.RegoToolException;
import dev.gkstudio.rego.ast.Diagnostic;
import dev.gkstudio.rego.ast.Module;
import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.ast.SourceFile;
import dev.gkstudio.rego.compiler.CompileOptions;
import dev.gkstudio.rego.compiler.CompileResult;
import dev.gkstudio.rego.compiler.RegoCompiler;
import dev.gkstudio.rego.parser.ParseResult;
import dev.gkstudio.rego.parser.RegoParser;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gkstudio rego check [--strict] PATH...}: {@code opa check}; silent with exit 0, or errors on stderr and exit 1. */
@Command(name = "check", description = "Check Rego source files for parse and compilation errors")
public final class RegoCheckCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH")
    List<String> paths;

    @Option(names = {"-S", "--strict"}, description = "enable compiler strict mode")
    boolean strict;

    @Option(names = "--v0-compatible", description = "parse modules as Rego v0 (default Rego v1)")
    boolean v0;

    @Override
    public Integer call() {
        return run(System.out, System.err);
    }

    int run(PrintStream out, PrintStream err) {
        LoadedFiles files;
        try {
            files = RegoLoader.load(paths);
        } catch (RegoToolException e) {
            err.println(e.getMessage());
            return 1;
        }
        List<Module> modules = new ArrayList<>();
        List<Diagnostic> diags = new ArrayList<>();
        for (SourceFile f : files.modules()) {
            ParseResult r = RegoParser.parseModule(f, v0 ? RegoVersion.V0 : RegoVersion.V1);
            diags.addAll(r.diagnostics());
            if (r.module() != null) modules.add(r.module());
        }
        if (diags.isEmpty()) {
            CompileResult c = RegoCompiler.compile(modules, strict ? CompileOptions.strictMode() : CompileOptions.defaults());
            diags.addAll(c.diagnostics());
        }
        if (diags.isEmpty()) return 0;
        err.println(Errors.format(diags));
        return 1;
    }
}
