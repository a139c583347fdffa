package dev.gkstudio.rego.compiler.stages;

import dev.gkstudio.rego.ast.RegoVersion;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gkstudio.rego.compiler.stages.StageFixture.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The target check of OPA's RewriteWithValues: input, data, a builtin or a user function. */
class RewriteWithValuesTest {

    @Test
    void targetsThatExist() {
        assertEquals(List.of(), errors(RegoVersion.V1, """
                package p
                f(x) := x
                q := f(count([1]))
                r if {
                  q with input.x as 1
                  q with data.p.f as 2
                  q with count as 2
                  q with f as 3
                }
                """));
    }

    @Test
    void targetsThatDoNotExist() {
        assertEquals(List.of("m0.rego:4: rego_type_error: with keyword target must reference existing input, data, or a function",
                        "m0.rego:5: rego_type_error: with keyword target must reference existing input, data, or a function"),
                errors(RegoVersion.V1, "package p\nq := 1\nr if {\n  q with foo as 1\n  q with no.such.fn as 1\n}\n"));
    }
}
