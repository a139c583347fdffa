package dev.gkstudio.rego.eval;

import dev.gkstudio.rego.*;
import dev.gkstudio.rego.result.*;
import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.compiler.CompileOptions;
import dev.gkstudio.rego.compiler.RegoCompiler;
import dev.gkstudio.rego.parser.RegoParser;
import dev.gkstudio.rego.ast.SourceFile;
import dev.gkstudio.rego.value.*;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Corners where OPA's parser and evaluator answer in ways a first guess would not: whitespace before a rule head's
 * argument list, input/data as locals in plain v0, json.filter/json.remove path segments, removing and re-adding
 * the root with json.patch, and the hidden {@code system} base document.
 */
class OpaEdgeSemanticsTest {

    private static CompileResult compile(String text, RegoVersion v) {
        return Rego.compile("t.rego", text, v);
    }

    private static Value value(String text, RegoVersion v, String query, String data) {
        CompileResult c = compile(text, v);
        assertTrue(c.ok(), () -> c.diagnostics().toString());
        try {
            EvalResult r = c.policy().query(query, EvalOptions.builder().data(data == null ? null : Json.parse(data)).build());
            assertNull(r.error(), () -> String.valueOf(r.error()));
            return r.value();
        } catch (Json.ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static Value json(String s) {
        try {
            return Json.parse(s);
        } catch (Json.ParseException e) {
            throw new AssertionError(e);
        }
    }

    // ---------------------------------------------------------------- rule heads

    @Test
    void ruleHeadsMayHaveWhitespaceBeforeTheirArguments() {
        String v0 = "package t\nadd2 (a, b) = c { c := a + b }\nx := add2(1, 2)\n";
        assertEquals(NumberValue.of(3), value(v0, RegoVersion.V0, "data.t.x", null));
        String v1 = "package t\nadd2 (a, b) := c if { c := a + b }\nx := add2(1, 2)\n";
        assertEquals(NumberValue.of(3), value(v1, RegoVersion.V1, "data.t.x", null));
        String bodiless = "package t\nadd2 (a, b) := a + b\np .q := 1\nx := [add2(1, 2), p.q]\n";
        assertEquals(json("[3, 1]"), value(bodiless, RegoVersion.V1, "data.t.x", null));
        String set = "package t\np [x] { x := 1 }\n";
        assertEquals(SetValue.of(List.of(NumberValue.of(1))), value(set, RegoVersion.V0, "data.t.p", null));
    }

    @Test
    void callsInBodiesMustNotHaveWhitespaceBeforeTheirArguments() {
        CompileResult c = compile("package t\np if { count ([1]) == 1 }\n", RegoVersion.V1);
        assertFalse(c.ok());
        assertTrue(c.diagnostics().get(0).toString().startsWith("t.rego:2: rego_parse_error"), c.diagnostics()::toString);
    }

    // ---------------------------------------------------------------- input and data as locals

    @Test
    void plainV0LetsInputAndDataBeAssignedInABody() {
        assertEquals(BooleanValue.TRUE, value("package t\np { input := 1; input == 1 }\n", RegoVersion.V0, "data.t.p", null));
        assertEquals(NumberValue.of(2), value("package t\np = x { input := [1, 2]; x := input[1] }\n",
                RegoVersion.V0, "data.t.p", null));
        // the local replaces the whole data document inside that body only
        String shadow = "package t\nq := 3\np = x { data := {\"a\": 7}; x := data.a }\nr = x { x := data.t.q }\n";
        assertEquals(NumberValue.of(7), value(shadow, RegoVersion.V0, "data.t.p", null));
        assertEquals(NumberValue.of(3), value(shadow, RegoVersion.V0, "data.t.r", null));
        assertNull(value("package t\nq := 3\np = x { data := {}; x := data.t.q }\n", RegoVersion.V0, "data.t.p", null));
        assertEquals(NumberValue.of(3), value("package t\np = x { [input, y] := [1, 2]; x := input + y }\n",
                RegoVersion.V0, "data.t.p", null));
    }

    @Test
    void v1AndStrictModeForbidShadowingInputAndData() {
        CompileResult v1 = compile("package t\np if { input := 1; input == 1 }\n", RegoVersion.V1);
        assertEquals("t.rego:2: rego_compile_error: variables must not shadow input (use a different variable name)",
                v1.diagnostics().get(0).toString());
        var parsed = RegoParser.parseModule(new SourceFile("t.rego", "package t\np { data := 1 }\n"), RegoVersion.V0);
        var strict = RegoCompiler.compile(List.of(parsed.module()), CompileOptions.strictMode());
        assertEquals("t.rego:2: rego_compile_error: variables must not shadow data (use a different variable name)",
                strict.diagnostics().get(0).toString());
    }

    // ---------------------------------------------------------------- json.filter / json.remove / json.patch

    private static Value builtin(String call) {
        return value("package t\n", RegoVersion.V1, call, null);
    }

    @Test
    void jsonFilterAndRemoveFindArrayItemsByStringIndexOnly() {
        assertEquals(json("{\"a\": [\"y\"]}"), builtin("json.filter({\"a\": [\"x\", \"y\"]}, [\"a/1\"])"));
        assertEquals(json("{\"a\": [\"y\"]}"), builtin("json.filter({\"a\": [\"x\", \"y\"]}, [[\"a\", \"1\"]])"));
        assertEquals(json("{\"a\": []}"), builtin("json.filter({\"a\": [\"x\", \"y\"]}, [[\"a\", 1]])"),
                "a number segment names no array item");
        assertEquals(json("{\"a\": [\"x\"]}"), builtin("json.remove({\"a\": [\"x\", \"y\"]}, [[\"a\", \"1\"]])"));
        assertEquals(json("{\"a\": [\"x\", \"y\"]}"), builtin("json.remove({\"a\": [\"x\", \"y\"]}, [[\"a\", 1]])"));
    }

    @Test
    void jsonPatchCanRemoveTheRootAndAddANewOne() {
        assertEquals(json("{\"b\": 2}"), builtin("json.patch({\"a\": 1}, [{\"op\": \"remove\", \"path\": \"\"}, "
                + "{\"op\": \"add\", \"path\": \"\", \"value\": {\"b\": 2}}])"));
        assertEquals(json("[1, 9]"), builtin("json.patch({\"a\": 1}, [{\"op\": \"remove\", \"path\": []}, "
                + "{\"op\": \"add\", \"path\": [], \"value\": [1]}, {\"op\": \"add\", \"path\": \"/-\", \"value\": 9}])"));
        assertNull(builtin("json.patch({\"a\": 1}, [{\"op\": \"remove\", \"path\": \"\"}])"), "no document is left");
        assertNull(builtin("json.patch({\"a\": 1}, [{\"op\": \"remove\", \"path\": \"\"}, {\"op\": \"add\", \"path\": \"/a\", \"value\": 1}])"),
                "nothing can be added below a removed root");
        assertNull(builtin("json.patch({\"a\": 1}, [{\"op\": \"remove\", \"path\": \"\"}, {\"op\": \"remove\", \"path\": \"\"}])"));
    }

    // ---------------------------------------------------------------- data.system

    @Test
    void theDataDocumentHidesTheSystemBaseDocument() {
        String data = "{\"system\": {\"token\": \"s3cret\"}, \"a\": 2}";
        String mod = "package t\np := 1\n";
        assertEquals(json("{\"a\": 2, \"t\": {\"p\": 1}}"), value(mod, RegoVersion.V1, "data", data));
        CompileResult c = compile(mod, RegoVersion.V1);
        EvalResult keys = c.policy().query("data[k]", EvalOptions.builder().data(json(data)).build());
        assertEquals(List.of(StringValue.of("a"), StringValue.of("t")), keys.bindings().stream().map(b -> b.get("k")).toList());
        assertEquals(json("{\"token\": \"s3cret\"}"), value(mod, RegoVersion.V1, "data.system", data), "named explicitly it reads");
        assertEquals(BooleanValue.TRUE, value(mod, RegoVersion.V1, "k := \"system\"; data[k].token == \"s3cret\"", data));
    }
}
