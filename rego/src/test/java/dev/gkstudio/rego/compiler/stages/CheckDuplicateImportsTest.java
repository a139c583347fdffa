package dev.gkstudio.rego.compiler.stages;

import dev.gkstudio.rego.ast.Diagnostic;
import dev.gkstudio.rego.ast.RegoVersion;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gkstudio.rego.compiler.stages.StageFixture.errors;
import static dev.gkstudio.rego.compiler.stages.StageFixture.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** OPA's CheckDuplicateImports: two imports binding one name, in v1-compatible modules. */
class CheckDuplicateImportsTest {

    private static List<String> check(RegoVersion v, String src) {
        return CheckDuplicateImports.check(parse(v, src).get(0)).stream().map(Diagnostic::toString).toList();
    }

    @Test
    void sameNameTwice() {
        assertEquals(List.of("m0.rego:3: rego_compile_error: import must not shadow import data.a.q"),
                check(RegoVersion.V1, "package p\nimport data.a.q\nimport data.b.q\n"));
        // an alias names the earlier import in the message
        assertEquals(List.of("m0.rego:3: rego_compile_error: import must not shadow import data.a as x",
                        "m0.rego:4: rego_compile_error: import must not shadow import data.a as x"),
                check(RegoVersion.V1, "package p\nimport data.a as x\nimport data.b.x\nimport input.x\n"));
        assertEquals(List.of(), check(RegoVersion.V1, "package p\nimport data.a.q\nimport data.a.r\nimport data.b.q as s\n"));
    }

    @Test
    void syntaxImportsCount() {
        assertEquals(List.of("m0.rego:3: rego_compile_error: import must not shadow import rego.v1"),
                check(RegoVersion.V0, "package p\nimport rego.v1\nimport rego.v1\n"));
    }

    @Test
    void onlyForV1CompatibleModulesThroughTheCompiler() {
        assertEquals(List.of("m0.rego:3: rego_compile_error: import must not shadow import data.a.q"),
                errors(RegoVersion.V1, "package p\nimport data.a.q\nimport data.b.q\nx := 1\n"));
        assertEquals(List.of(), errors(RegoVersion.V0, "package p\nimport data.a.q\nimport data.b.q\nx := 1\n"));
    }
}
