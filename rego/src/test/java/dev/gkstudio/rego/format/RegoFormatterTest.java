package dev.gkstudio.rego.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import dev.gkstudio.rego.ast.RegoVersion;

/** Golden outputs in {@code opa fmt} style. */
class RegoFormatterTest {

    private static final String V0 = """
            # header
            package  k8s.required
            import data.lib.util
            violation[{"msg": msg, "details": {}}] {
              provided := {label | input.review.object.metadata.labels[label]}
              required := {label | label := input.parameters.labels[_]}
                missing := required - provided   # trailing
              count(missing) > 0


              msg := sprintf("missing: %v", [missing])
            }
            default allow = false
            allow { true }
            f(x) = y { y := x * (2 + 1) }
            """;

    @Test
    void formatsV0InOpaFmtStyle() throws Exception {
        assertEquals("""
                # header
                package k8s.required

                import data.lib.util

                violation[{"msg": msg, "details": {}}] {
                	provided := {label | input.review.object.metadata.labels[label]}
                	required := {label | label := input.parameters.labels[_]}
                	missing := required - provided # trailing
                	count(missing) > 0

                	msg := sprintf("missing: %v", [missing])
                }

                default allow = false

                allow {
                	true
                }

                f(x) = y {
                	y := x * (2 + 1)
                }
                """, RegoFormatter.format("t.rego", V0, RegoVersion.V0));
    }

    @Test
    void convertsV0ToV1() throws Exception {
        assertEquals("""
                # header
                package k8s.required

                import data.lib.util

                violation contains {"msg": msg, "details": {}} if {
                	provided := {label | input.review.object.metadata.labels[label]}
                	required := {label | label := input.parameters.labels[_]}
                	missing := required - provided # trailing
                	count(missing) > 0

                	msg := sprintf("missing: %v", [missing])
                }

                default allow := false

                allow if {
                	true
                }

                f(x) := y if {
                	y := x * (2 + 1)
                }
                """, RegoFormatter.toV1("t.rego", V0));
    }

    @Test
    void keepsOneLineIfBodiesAndMultiLineCollections() throws Exception {
        String in = """
                package p
                allow if input.x == 1
                xs := [
                  1, # one
                  2
                ]
                deny contains msg if { some x in input.xs; msg := x }
                """;
        String out = """
                package p

                allow if input.x == 1

                xs := [
                	1, # one
                	2,
                ]

                deny contains msg if {
                	some x in input.xs
                	msg := x
                }
                """;
        assertEquals(out, RegoFormatter.format("t.rego", in, RegoVersion.V1));
        assertEquals(out, RegoFormatter.format("t.rego", out, RegoVersion.V1));
    }

    @Test
    void groupsElementsByTheLineTheyStartOnAsOpaFmtDoes() throws Exception {
        String in = """
                package p
                xs := [1, 2,
                  3]
                ys := [1, 2
                ]
                msg := sprintf("%s: %v",
                  [input.a, input.b])
                one := sprintf("%v", [
                  input.a,
                ])
                zs := [x |
                  some x in input.xs
                ]
                """;
        String out = """
                package p

                xs := [
                	1, 2,
                	3,
                ]

                ys := [1, 2]

                msg := sprintf(
                	"%s: %v",
                	[input.a, input.b],
                )

                one := sprintf("%v", [
                	input.a,
                ])

                zs := [x |
                	some x in input.xs
                ]
                """;
        assertEquals(out, RegoFormatter.format("t.rego", in, RegoVersion.V1));
        assertEquals(out, RegoFormatter.format("t.rego", out, RegoVersion.V1));
    }

    @Test
    void refusesUnparsableInput() {
        assertThrows(RegoFormatter.FormatException.class, () -> RegoFormatter.format("t.rego", "package\n", RegoVersion.V1));
    }
}
