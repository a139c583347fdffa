package dev.gkstudio.rego.compiler.stages;

import dev.gkstudio.rego.ast.RegoVersion;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gkstudio.rego.compiler.stages.StageFixture.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OPA's CheckTypes: unifications of literals that can never match are {@code match error}s. */
class CheckTypesTest {

    @Test
    void arraysOfDifferentLengths() {
        assertEquals(List.of("m0.rego:3: rego_type_error: match error\n\tleft  : array<???, ???>\n\tright : array<number, number, number>"),
                errors(RegoVersion.V1, "package p\np if {\n  [x, y] = [1, 2, 3]\n}\n"));
        // := is a unification as well
        assertEquals(List.of("m0.rego:3: rego_type_error: match error\n\tleft  : array<???, ???>\n\tright : array<number>"),
                errors(RegoVersion.V1, "package p\np if {\n  [x, y] := [1]\n}\n"));
    }

    @Test
    void arrayAgainstObject() {
        assertEquals(List.of("m0.rego:3: rego_type_error: match error\n\tleft  : array<???>\n\tright : object<k: number>"),
                errors(RegoVersion.V0, "package p\np {\n  [x] = {\"k\": 1}\n}\n"));
    }

    @Test
    void nestedElementsOfDifferentKinds() {
        assertEquals(List.of("m0.rego:3: rego_type_error: match error\n\tleft  : array<???, number>\n\tright : array<number, string>"),
                errors(RegoVersion.V1, "package p\np if {\n  [x, 1] = [2, \"a\"]\n}\n"));
    }

    @Test
    void shapesThatMayMatchAreFine() {
        assertEquals(List.of(), errors(RegoVersion.V1,
                "package p\np if {\n  [x, y] = [1, 2]\n  [a] = input.xs\n  {\"k\": v} = {\"k\": 1}\n}\n"));
    }

    @Test
    void literalArgumentOfTheWrongType() {
        List<String> errs = errors(RegoVersion.V1, "package p\np if {\n  x := upper(1)\n}\n");
        assertEquals(1, errs.size(), errs.toString());
        assertTrue(errs.get(0).startsWith("m0.rego:3: rego_type_error: upper: invalid argument(s)\n\thave: (number, ???)"
                + "\n\twant: (x: string"), errs.get(0));
        // a var or a ref is typed by evaluation, not here; a literal of the declared type passes
        assertEquals(List.of(), errors(RegoVersion.V1, "package p\np if {\n  x := upper(input.s)\n  y := upper(\"a\")\n}\n"));
    }

    @Test
    void typeErrorsComeAfterTheEarlierStages() {
        // an undefined function (CheckUndefinedFuncs) stops the compiler before CheckTypes reports the match error
        assertEquals(List.of("m0.rego:4: rego_type_error: undefined function nope"),
                errors(RegoVersion.V1, "package p\np if {\n  [x, y] = [1]\n  nope(1)\n}\n"));
    }
}
