package dev.gkstudio.rego.compiler.stages;

import org.junit.jupiter.api.Test;

import static dev.gkstudio.rego.compiler.stages.StageFixture.body;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** OPA's RewriteEquals: an expression {@code a == b} of a module becomes {@code a = b}, everywhere in the rule. */
class RewriteEqualsTest {

    @Test
    void equalityExpressionsBecomeUnifications() {
        assertEquals("input.a = 1; not input.b = 2",
                body("data.p.v", "package p\nv if { input.a == 1; not input.b == 2 }\n"));
    }

    @Test
    void insideComprehensionsAndEvery() {
        assertEquals("__local2__ = input.xs; every __local1__ in __local2__ { __local1__ = 1 }",
                body("data.p.v", "package p\nv if every x in input.xs { x == 1 }\n"));
        assertEquals("__local1__ = [__local0__ | __local0__ = input.xs[__localw0__]; __local0__ = 1]",
                body("data.p.v", "package p\nv if n := [x | x := input.xs[_]; x == 1]\n"));
    }

    @Test
    void nestedEqualCallsStayCalls() {
        assertEquals("__local2__ = input.a; equal(__local2__, 1, __local1__); __local0__ = __local1__",
                body("data.p.v", "package p\nv if x := input.a == 1\n"));
    }
}
