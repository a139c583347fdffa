package dev.gkstudio.rego.compiler.stages;

import org.junit.jupiter.api.Test;

import static dev.gkstudio.rego.compiler.stages.StageFixture.body;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** OPA's RewriteComprehensionTerms: a comprehension head that needs evaluation is bound in the body. */
class RewriteComprehensionTermsTest {

    @Test
    void refHeadsAreBoundInTheBody() {
        // as OPA numbers them: the key of `some n in` (__local0__) before n (__local1__), xs __local2__
        assertEquals("__local2__ = [__local3__ | __local1__ = input.items[__local0__]; __local3__ = __local1__.name]",
                body("data.p.v", "package p\nv if { xs := [n.name | some n in input.items] }\n"));
    }

    @Test
    void varAndScalarHeadsStay() {
        assertEquals("__local1__ = {__local0__ | __local0__ = input.xs[__localw0__]}",
                body("data.p.v", "package p\nv if { s := {x | x := input.xs[_]} }\n"));
    }
}
