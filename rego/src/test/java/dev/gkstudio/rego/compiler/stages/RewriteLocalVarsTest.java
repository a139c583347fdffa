package dev.gkstudio.rego.compiler.stages;

import dev.gkstudio.rego.ast.RegoVersion;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gkstudio.rego.compiler.stages.StageFixture.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * OPA's RewriteLocalVars redeclaration errors (rewriteDeclaredVar): a name already assigned, declared, referenced
 * or an argument in the same scope cannot be declared again.
 */
class RewriteLocalVarsTest {

    @Test
    void someInAfterAnAssignment() {
        assertEquals(List.of("m0.rego:4: rego_compile_error: var v assigned above"),
                errors(RegoVersion.V1, "package p\np if {\n  v := 1\n  some v in [1, 2]\n}\n"));
    }

    @Test
    void someInAfterAUnification() {
        assertEquals(List.of("m0.rego:4: rego_compile_error: var v referenced above"),
                errors(RegoVersion.V1, "package p\np if {\n  v = 1\n  some v in [1, 2]\n}\n"));
    }

    @Test
    void assignmentAfterSome() {
        assertEquals(List.of("m0.rego:4: rego_compile_error: var v declared above"),
                errors(RegoVersion.V1, "package p\np if {\n  some v\n  v := 1\n}\n"));
        assertEquals(List.of("m0.rego:4: rego_compile_error: var v assigned above"),
                errors(RegoVersion.V1, "package p\np if {\n  v := 1\n  v := 2\n}\n"));
    }

    @Test
    void argumentRedeclared() {
        assertEquals(List.of("m0.rego:2: rego_compile_error: arg n redeclared"),
                errors(RegoVersion.V1, "package p\nf(n) if { n := 1 }\n"));
        assertEquals(List.of("m0.rego:2: rego_compile_error: arg n redeclared"),
                errors(RegoVersion.V1, "package p\nf(n) if { some n in [1] }\n"));
    }

    @Test
    void aNestedScopeMayShadow() {
        assertEquals(List.of(), errors(RegoVersion.V1,
                "package p\nf(n) := m if { m := [n | some n in [1]] }\ng := x if { x := 1; y := [x | x := 2] }\n"));
    }
}
