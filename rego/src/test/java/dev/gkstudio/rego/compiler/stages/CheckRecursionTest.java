package dev.gkstudio.rego.compiler.stages;

import dev.gkstudio.rego.ast.RegoVersion;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gkstudio.rego.compiler.stages.StageFixture.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** OPA's CheckRecursion: each rule on a dependency cycle is reported with the shortest cycle through it. */
class CheckRecursionTest {

    @Test
    void cycleAcrossModulesOfOnePackage() {
        assertEquals(List.of(
                        "m0.rego:2: rego_recursion_error: rule data.p.a is recursive: data.p.a -> data.p.b -> data.p.a",
                        "m1.rego:2: rego_recursion_error: rule data.p.b is recursive: data.p.b -> data.p.a -> data.p.b"),
                errors(RegoVersion.V1, "package p\na if b\n", "package p\nb if a\n"));
    }

    @Test
    void selfReferenceAndNoCycle() {
        assertEquals(List.of("m0.rego:2: rego_recursion_error: rule data.p.f is recursive: data.p.f -> data.p.f"),
                errors(RegoVersion.V1, "package p\nf(x) := f(x)\n"));
        assertEquals(List.of(), errors(RegoVersion.V1, "package p\na if b\nb if c\nc := true\n"));
    }
}
