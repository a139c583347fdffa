package dev.gkstudio.rego.compiler.stages;

import dev.gkstudio.rego.ast.RegoVersion;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gkstudio.rego.compiler.stages.StageFixture.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** OPA's CheckUndefinedFuncs: calls name a builtin or a function of the program, with a fitting arity. */
class CheckUndefinedFuncsTest {

    @Test
    void unknownFunction() {
        // a name that is no rule of the package stays unresolved, as in OPA
        assertEquals(List.of("m0.rego:2: rego_type_error: undefined function g"),
                errors(RegoVersion.V1, "package p\nq if g(1)\n"));
        assertEquals(List.of("m0.rego:2: rego_type_error: undefined function no.such.builtin"),
                errors(RegoVersion.V1, "package p\nq if no.such.builtin(1)\n"));
    }

    @Test
    void functionOfAnotherModuleIsDefined() {
        assertEquals(List.of(), errors(RegoVersion.V1, "package p\nf(x) := x\n", "package p\nq if f(1)\n"));
    }

    @Test
    void userFunctionArity() {
        assertEquals(List.of("m0.rego:3: rego_type_error: function data.p.f has arity 1, got 3 arguments"),
                errors(RegoVersion.V1, "package p\nf(x) := x\nq if f(1, 2, 3)\n"));
        // a call expression may add the output argument; a nested call may not
        assertEquals(List.of(), errors(RegoVersion.V1, "package p\nf(x) := x\nq if f(1, 1)\n"));
        assertEquals(List.of("m0.rego:3: rego_type_error: function data.p.f has arity 1, got 2 arguments"),
                errors(RegoVersion.V1, "package p\nf(x) := x\nq if { y := f(1, 1) }\n"));
    }

    @Test
    void builtinArity() {
        assertEquals(List.of("m0.rego:2: rego_type_error: upper: arity mismatch\n\thave: (string, string, string)\n\twant: (x: string)"),
                errors(RegoVersion.V1, "package p\nq if upper(\"a\", \"b\", \"c\")\n"));
        // variadic builtins take any number
        assertEquals(List.of(), errors(RegoVersion.V1, "package p\nq if print(1, 2, 3)\n"));
    }
}
