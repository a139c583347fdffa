package dev.gkstudio.rego.compiler.stages;

import dev.gkstudio.rego.CompileResult;
import dev.gkstudio.rego.result.EvalOptions;
import dev.gkstudio.rego.result.EvalResult;
import dev.gkstudio.rego.Rego;
import dev.gkstudio.rego.ast.Module;
import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.ast.SourceFile;
import dev.gkstudio.rego.compiler.CompileOptions;
import dev.gkstudio.rego.compiler.RegoCompiler;
import dev.gkstudio.rego.ast.Diagnostic;
import dev.gkstudio.rego.parser.ParseResult;
import dev.gkstudio.rego.parser.RegoParser;
import dev.gkstudio.rego.value.Json;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Helpers for the stage tests, in the shape of OPA's compile_test.go: modules in, the compiled rule bodies (printed
 * as Rego) or the compile errors out; and the answers a policy gives, through the public engine.
 */
final class StageFixture {
    private StageFixture() {}

    static dev.gkstudio.rego.compiler.CompileResult compile(RegoVersion v, String... sources) {
        List<Module> ms = new ArrayList<>();
        for (int i = 0; i < sources.length; i++) {
            ParseResult pr = RegoParser.parseModule(new SourceFile("m" + i + ".rego", sources[i]), v);
            assertEquals(List.of(), pr.diagnostics(), "parse errors");
            ms.add(pr.module());
        }
        return RegoCompiler.compile(ms, CompileOptions.defaults());
    }

    /** The parsed modules (files m0.rego, m1.rego, ...), for tests that call one stage directly. */
    static List<Module> parse(RegoVersion v, String... sources) {
        List<Module> ms = new ArrayList<>();
        for (int i = 0; i < sources.length; i++) {
            ParseResult pr = RegoParser.parseModule(new SourceFile("m" + i + ".rego", sources[i]), v);
            assertEquals(List.of(), pr.diagnostics(), "parse errors");
            ms.add(pr.module());
        }
        return ms;
    }

    /** The compiled body of the only rule at {@code path}. */
    static String body(String path, String... sources) {
        var r = compile(RegoVersion.V1, sources);
        assertTrue(r.ok(), r.diagnostics().toString());
        var rules = r.program().rules(path);
        assertEquals(1, rules.size(), path);
        return rules.get(0).body().toString();
    }

    /** The compile errors, as {@code file:row: code: message}. */
    static List<String> errors(RegoVersion v, String... sources) {
        return compile(v, sources).diagnostics().stream().map(Diagnostic::toString).toList();
    }

    /** The value of {@code ref} (query {@code x := ref}), or "undefined". */
    static String value(String ref, String input, RegoVersion v, String... sources) {
        List<SourceFile> files = new ArrayList<>();
        for (int i = 0; i < sources.length; i++) files.add(new SourceFile("m" + i + ".rego", sources[i]));
        CompileResult c = Rego.compile(files, v);
        assertTrue(c.ok(), c.diagnostics().toString());
        EvalResult r;
        try {
            r = c.policy().query("x := " + ref, EvalOptions.builder().input(Json.parse(input)).build());
        } catch (Json.ParseException e) {
            throw new IllegalArgumentException(e);
        }
        assertNull(r.error(), String.valueOf(r.error()));
        if (r.bindings().isEmpty()) return "undefined";
        assertEquals(1, r.bindings().size(), r.bindings().toString());
        return String.valueOf(r.bindings().get(0).get("x"));
    }
}
