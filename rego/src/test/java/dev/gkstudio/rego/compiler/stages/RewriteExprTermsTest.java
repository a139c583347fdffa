package dev.gkstudio.rego.compiler.stages;

import org.junit.jupiter.api.Test;

import static dev.gkstudio.rego.compiler.stages.StageFixture.body;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** OPA's RewriteExprTerms: nested calls become call expressions with generated outputs, placed before their use. */
class RewriteExprTermsTest {

    @Test
    void nestedCallsArgumentsFirstLeftToRight() {
        assertEquals("__local0__ = input.s; split(__local0__, \",\", __local1__); count(__local1__, __local2__); "
                        + "gt(__local2__, 1)",
                body("data.p.v", "package p\nv if { x := input.s; count(split(x, \",\")) > 1 }\n"));
    }

    @Test
    void headValueCallsAreAppendedToTheBody() {
        assertEquals("true; __local1__ = input.a; plus(__local1__, 1, __local0__)",
                body("data.p.v", "package p\nv := input.a + 1\n"));
    }

    @Test
    void refSubjectsThatAreCollectionsAreBound() {
        assertEquals("__local0__ = [1, 2]; x = __local0__[i]",
                body("data.p.v", "package p\nv contains x if { x = [1, 2][i] }\n"));
    }

    @Test
    void withModifiersGoWithTheSupportExpressions() {
        assertEquals("upper(\"a\", __local0__) with input as 1; __local0__ = \"A\" with input as 1",
                body("data.p.v", "package p\nv if { upper(\"a\") == \"A\" with input as 1 }\n"));
    }
}
