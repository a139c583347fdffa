package dev.gkstudio.rego.compiler.stages;

import dev.gkstudio.rego.ast.Diagnostic;
import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.ast.SourceFile;
import dev.gkstudio.rego.parser.RegoParser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gkstudio.rego.compiler.stages.StageFixture.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a v0 module that imports {@code rego.v1} gets, as a Rego v1 module does (OPA's regoV1Compatible):
 * CheckKeywordOverrides, CheckDuplicateImports and CheckDeprecatedBuiltins apply, and the parser's rule checks.
 */
class RegoV1CompatibleChecksTest {

    static List<String> parseErrors(String src, RegoVersion v) {
        return RegoParser.parseModule(new SourceFile("m0.rego", src), v).diagnostics().stream()
                .map(Diagnostic::toString).toList();
    }

    @Test
    void bareRefRuleWithoutValueOrBody() {
        String src = "package p\nimport rego.v1\na.b.c\n";
        assertEquals(List.of("m0.rego:3: rego_parse_error: rule must have value assignment and/or body declaration"),
                parseErrors(src, RegoVersion.V0));
        assertEquals(List.of("m0.rego:2: rego_parse_error: rule must have value assignment and/or body declaration"),
                parseErrors("package p\na.b.c\n", RegoVersion.V1));
        // plain v0 still accepts it (a.b.c = true), and a value or a body is enough
        assertEquals(List.of(), parseErrors("package p\na.b.c\n", RegoVersion.V0));
        assertEquals(List.of(), parseErrors("package p\nimport rego.v1\na.b.c := 1\na.b.d if input.x\n", RegoVersion.V0));
    }

    @Test
    void rulesArgsAndVarsMustNotShadowRootDocuments() {
        assertEquals(List.of("m0.rego:3: rego_compile_error: rules must not shadow data (use a different rule name)"),
                errors(RegoVersion.V0, "package p\nimport rego.v1\ndata := 1\n"));
        assertEquals(List.of("m0.rego:2: rego_compile_error: rules must not shadow input (use a different rule name)"),
                errors(RegoVersion.V1, "package p\ninput := 1\n"));
        assertEquals(List.of("m0.rego:3: rego_compile_error: variables must not shadow input (use a different variable name)"),
                errors(RegoVersion.V0, "package p\nimport rego.v1\np if { input := 1 }\n"));
        assertEquals(List.of(), errors(RegoVersion.V0, "package p\ndata := 1\n"));
    }

    @Test
    void duplicateRegoV1Import() {
        assertEquals(List.of("m0.rego:3: rego_compile_error: import must not shadow import rego.v1"),
                errors(RegoVersion.V0, "package p\nimport rego.v1\nimport rego.v1\nx := 1\n"));
        assertEquals(List.of("m0.rego:4: rego_compile_error: import must not shadow import data.a.q"),
                errors(RegoVersion.V0, "package p\nimport rego.v1\nimport data.a.q\nimport data.b.q\nx := 1\n"));
        assertEquals(List.of(), errors(RegoVersion.V0, "package p\nimport data.a.q\nimport data.b.q\nx := 1\n"));
    }

    @Test
    void deprecatedBuiltins() {
        assertEquals(List.of("m0.rego:3: rego_type_error: deprecated built-in function calls in expression: any"),
                errors(RegoVersion.V0, "package p\nimport rego.v1\nx := any([true])\n"));
        assertEquals(List.of(), errors(RegoVersion.V0, "package p\nx := any([true])\n"));
    }
}
