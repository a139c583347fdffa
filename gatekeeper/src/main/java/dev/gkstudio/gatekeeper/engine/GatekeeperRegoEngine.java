package dev.gkstudio.gatekeeper.engine;

import dev.gkstudio.gatekeeper.template.RegoCode;
import dev.gkstudio.rego.CompileResult;
import dev.gkstudio.rego.Rego;
import dev.gkstudio.rego.ast.Diagnostic;
import dev.gkstudio.rego.ast.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one adapter of the Gatekeeper layer over the rego facade. The Studio's evaluator and explain view, live
 * cluster audit and the CLI ({@code verify}, {@code test}) all compile templates here, so a template gets the
 * same answer wherever it runs; only the {@link EngineOptions} (limits, cancellation, print rendering) differ.
 *
 * <p>Compilation is the constraint framework's: Gatekeeper's template checks, then the entry point and libs
 * compiled together. The framework parses template modules without annotation processing (its parser options
 * leave {@code ProcessAnnotation} off), so {@code # METADATA} blocks are plain comments there: never an error,
 * and {@code rego.metadata.rule()} is {@code {}}. The same holds here ({@link TemplateChecks#withoutAnnotations}).
 */
public final class GatekeeperRegoEngine implements RegoEngine {
    private final EngineOptions options;

    public GatekeeperRegoEngine(EngineOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public EngineOptions options() {
        return options;
    }

    @Override
    public CompiledRegoTemplate compile(RegoCode code) throws TemplateCompileException {
        TemplateChecks.Parsed parsed = TemplateChecks.check(code);
        List<SourceFile> files = new ArrayList<>();
        files.add(new SourceFile(TemplateChecks.ENTRY_FILE, TemplateChecks.withoutAnnotations(code.rego())));
        for (int i = 0; i < code.libs().size(); i++) {
            files.add(new SourceFile(TemplateChecks.libFile(i), TemplateChecks.withoutAnnotations(code.libs().get(i))));
        }
        CompileResult r;
        try {
            r = Rego.compile(files, parsed.version());
        } catch (RuntimeException e) {
            throw new TemplateCompileException("unable to compile modules: " + e.getMessage(), null);
        }
        if (!r.ok()) throw compileError(r.diagnostics(), code.libs().size());
        String query = parsed.entry().pkg().path() + ".violation[result]";
        try {
            return new CompiledRegoTemplate(r.policy().prepare(query), r.modules(), options);
        } catch (RuntimeException e) {
            throw new TemplateCompileException("unable to compile modules: " + e.getMessage(), null);
        }
    }

    /** Gatekeeper reports the errors only (warnings when there is nothing else), positioned at the first. */
    private static TemplateCompileException compileError(List<Diagnostic> diagnostics, int libs) {
        List<Diagnostic> errors = new ArrayList<>();
        for (Diagnostic d : diagnostics) if (!d.code().contains("warning")) errors.add(d);
        if (errors.isEmpty()) errors = diagnostics;
        Diagnostic first = errors.get(0);
        return new TemplateCompileException("unable to compile modules: " + TemplateChecks.opaErrors(errors),
                TemplateChecks.where(moduleIndex(first.location().file(), libs), first.location()));
    }

    /** -1 for the entry point, i for {@code libs["lib_i"]}. */
    public static int moduleIndex(String file, int libs) {
        for (int i = 0; i < libs; i++) {
            if (TemplateChecks.libFile(i).equals(file)) return i;
        }
        return -1;
    }
}
