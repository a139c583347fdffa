package dev.gkstudio.rego.compiler.stages;

import dev.gkstudio.rego.ast.RegoVersion;
import org.junit.jupiter.api.Test;

import static dev.gkstudio.rego.compiler.stages.StageFixture.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * OPA's RewriteDynamicTerms: what is hoisted (golden bodies) and what it means (an undefined call argument fails the
 * body, also under {@code not}).
 */
class RewriteDynamicTermsTest {

    @Test
    void callArgumentsThatAreRefsAreBoundFirst() {
        assertEquals("__local0__ = input.a; __local1__ = input.b; startswith(__local0__, __local1__)",
                body("data.p.v", "package p\nv if startswith(input.a, input.b)\n"));
        assertEquals("__local0__ = input.a; not startswith(__local0__, \"x\")",
                body("data.p.v", "package p\nv if not startswith(input.a, \"x\")\n"));
    }

    @Test
    void refsInsideCollectionArgumentsAndRefOperands() {
        // n is __local0__, RewriteExprTerms' output of count __local1__, then this stage's vars in order
        assertEquals("__local2__ = input.a; __local3__ = input.k; __local4__ = data.p.q[__local3__]; "
                        + "count([__local2__, {\"k\": __local4__}], __local1__); __local0__ = __local1__",
                body("data.p.v", "package p\nq := {}\nv if n := count([input.a, {\"k\": q[input.k]}])\n"));
    }

    @Test
    void unificationKeepsItsRefOperands() {
        assertEquals("x = input.a; __local0__ = input.k; y = input.b[__local0__]",
                body("data.p.v", "package p\nv if { x = input.a; y = input.b[input.k] }\n"));
    }

    @Test
    void everyDomainAndComprehensionBodies() {
        assertEquals("__local2__ = input.xs; every __local1__ in __local2__ { __local3__ = input.max; lte(__local1__, __local3__) }",
                body("data.p.v", "package p\nv if every x in input.xs { x <= input.max }\n"));
    }

    @Test
    void negatedCallWithAnUndefinedArgumentFailsTheBody() {
        String m = "package p\nf(x) if x == 1\nv if { x := input; not f(x.missing) }\n";
        assertEquals("undefined", value("data.p.v", "{}", RegoVersion.V1, m));
        assertEquals("true", value("data.p.v", "{\"missing\": 2}", RegoVersion.V1, m));
        String b = "package p\nv if not startswith(input.image, \"gcr.io/\")\n";
        assertEquals("undefined", value("data.p.v", "{}", RegoVersion.V1, b));
        assertEquals("true", value("data.p.v", "{\"image\": \"docker.io/x\"}", RegoVersion.V1, b));
    }

    @Test
    void comparisonsOtherThanEqualityFailTheBodyToo() {
        String m = "package p\nv if not input.missing != \"a\"\nw if not input.missing < 1\n";
        assertEquals("undefined", value("data.p.v", "{}", RegoVersion.V1, m));
        assertEquals("undefined", value("data.p.w", "{}", RegoVersion.V1, m));
        assertEquals("true", value("data.p.v", "{\"missing\": \"a\"}", RegoVersion.V1, m));
    }

    /** RewriteEquals runs first: == is a unification, whose ref operand is not hoisted (OPA answers true). */
    @Test
    void negatedEqualityOnAnUndefinedRefIsTrue() {
        assertEquals("true", value("data.p.v", "{}", RegoVersion.V1, "package p\nv if not input.missing == \"a\"\n"));
        assertEquals("undefined", value("data.p.v", "{\"missing\": \"a\"}", RegoVersion.V1,
                "package p\nv if not input.missing == \"a\"\n"));
    }

    @Test
    void queriesAreRewrittenToo() {
        assertEquals("undefined", value("startswith(input.missing, \"a\")", "{}", RegoVersion.V1, "package p\n"));
    }

    @Test
    void withModifiersGoWithTheBoundExpressions() {
        String m = "package p\nf(x) := x\nv := y if y := f(input.a) with input as {\"a\": 7}\n";
        assertEquals("7", value("data.p.v", "{}", RegoVersion.V1, m));
    }

    @Test
    void printKeepsUndefinedArguments() {
        assertEquals("true", value("data.p.v", "{}", RegoVersion.V1, "package p\nv if print(input.missing)\n"));
    }

    /** Modules importing future.keywords.not keep the operands inside the negation (not-body semantics). */
    @Test
    void notBodySemanticsKeepTheNegationWhole() {
        String m = "package p\nimport future.keywords.not\nv if not startswith(input.missing, \"a\")\n";
        assertEquals("true", value("data.p.v", "{}", RegoVersion.V1, m));
    }
}
