package dev.gkstudio.rego.compiler;

import dev.gkstudio.rego.ast.*;
import dev.gkstudio.rego.ast.Module;
import dev.gkstudio.rego.parser.ParseResult;
import dev.gkstudio.rego.parser.QueryResult;
import dev.gkstudio.rego.parser.RegoParser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Targeted compiler diagnostics: codes, messages (OPA wording) and positions. */
class CompilerErrorsTest {

    static CompileResult compile(String src, RegoVersion v, CompileOptions o) {
        ParseResult pr = RegoParser.parseModule(new SourceFile("test.rego", src), v);
        assertEquals(List.of(), pr.diagnostics(), "parse errors");
        return RegoCompiler.compile(List.of(pr.module()), o);
    }

    static Diagnostic single(String src) {
        CompileResult r = compile(src, RegoVersion.V1, CompileOptions.defaults());
        assertEquals(1, r.diagnostics().size(), r.diagnostics().toString());
        return r.diagnostics().get(0);
    }

    @Test
    void unsafeVar() {
        Diagnostic d = single("package test\n\np if {\n\tx > 1\n}\n");
        assertEquals("rego_unsafe_var_error", d.code());
        assertEquals("var x is unsafe", d.message());
        assertEquals(4, d.location().startLine());
        assertEquals(2, d.location().startCol());
        assertEquals("test.rego:4: rego_unsafe_var_error: var x is unsafe", d.toString());
    }

    @Test
    void unsafeHeadVar() {
        Diagnostic d = single("package test\n\np contains y if {\n\tx := 1\n}\n");
        assertEquals("rego_unsafe_var_error", d.code());
        assertEquals("var y is unsafe", d.message());
        assertEquals(3, d.location().startLine());
        assertEquals(12, d.location().startCol());
    }

    @Test
    void recursion() {
        CompileResult r = compile("package test\n\np if q\n\nq if p\n", RegoVersion.V1, CompileOptions.defaults());
        assertEquals(2, r.diagnostics().size(), r.diagnostics().toString());
        Diagnostic d = r.diagnostics().get(0);
        assertEquals("rego_recursion_error", d.code());
        assertEquals("rule data.test.p is recursive: data.test.p -> data.test.q -> data.test.p", d.message());
        assertEquals(3, d.location().startLine());
        assertEquals("rule data.test.q is recursive: data.test.q -> data.test.p -> data.test.q", r.diagnostics().get(1).message());
    }

    @Test
    void undefinedFunction() {
        Diagnostic d = single("package test\n\np if foo(1)\n");
        assertEquals("rego_type_error", d.code());
        assertEquals("undefined function foo", d.message());
        assertEquals(3, d.location().startLine());
        assertEquals(6, d.location().startCol());
    }

    @Test
    void arity() {
        Diagnostic d = single("package test\n\np if count([1], 2, 3)\n");
        assertEquals("rego_type_error", d.code());
        assertEquals("count: too many arguments", d.message());
        Diagnostic d2 = single("package test\n\np if {\n\tx := concat(\",\")\n}\n");
        assertEquals("concat: too few arguments", d2.message());
        assertEquals(4, d2.location().startLine());
        // the output argument is allowed for call expressions
        assertTrue(compile("package test\n\np if count([1], 1)\n", RegoVersion.V1, CompileOptions.defaults()).ok());
    }

    @Test
    void argumentTypes() {
        Diagnostic d = single("package test\n\np if {\n\tx := count(1)\n}\n");
        assertEquals("rego_type_error", d.code());
        assertEquals("count: invalid argument(s)", d.message());
    }

    @Test
    void conflictingRules() {
        Diagnostic d = single("package test\n\np := 1\n\np contains 2\n");
        assertEquals("rego_type_error", d.code());
        assertEquals("conflicting rules data.test.p found", d.message());
    }

    @Test
    void multipleDefaults() {
        Diagnostic d = single("package test\n\ndefault p := 1\n\ndefault p := 2\n");
        assertEquals("rego_type_error", d.code());
        assertEquals("multiple default rules data.test.p found", d.message());
        assertEquals(5, d.location().startLine());
    }

    @Test
    void assignedAbove() {
        Diagnostic d = single("package test\n\np if {\n\tx := 1\n\tx := 2\n}\n");
        assertEquals("rego_compile_error", d.code());
        assertEquals("var x assigned above", d.message());
        assertEquals(5, d.location().startLine());
        assertEquals(2, d.location().startCol());
    }

    @Test
    void referencedAbove() {
        Diagnostic d = single("package test\n\np if {\n\tx == 1\n\tx := 2\n}\n");
        assertEquals("rego_compile_error", d.code());
        assertEquals("var x referenced above", d.message());
    }

    @Test
    void withTarget() {
        Diagnostic d = single("package test\n\nq := 1\n\np if {\n\tq with foo as 1\n}\n");
        assertEquals("rego_type_error", d.code());
        assertEquals("with keyword target must reference existing input, data, or a function", d.message());
        assertTrue(compile("package test\n\nq := count([1])\n\np if {\n\tq with count as 2\n\tq with input.x as 1\n}\n",
                RegoVersion.V1, CompileOptions.defaults()).ok());
    }

    @Test
    void strictMode() {
        CompileResult r = compile("package test\n\nimport data.foo\n\np {\n\tx := 1\n\tany([true])\n}\n",
                RegoVersion.V0, CompileOptions.strictMode());
        List<String> msgs = r.diagnostics().stream().map(Diagnostic::message).toList();
        assertTrue(msgs.contains("import data.foo unused"), msgs.toString());
        assertTrue(msgs.contains("assigned var x unused"), msgs.toString());
        assertTrue(msgs.contains("deprecated built-in function calls in expression: any"), msgs.toString());
        // not strict: fine in v0
        assertTrue(compile("package test\n\nimport data.foo\n\np {\n\tx := 1\n\tany([true])\n}\n",
                RegoVersion.V0, CompileOptions.defaults()).ok());
        CompileResult s = compile("package test\n\np if {\n\tinput := 1\n}\n", RegoVersion.V1, CompileOptions.strictMode());
        assertTrue(s.diagnostics().stream().anyMatch(d -> d.message().equals("variables must not shadow input (use a different variable name)")),
                s.diagnostics().toString());
    }

    @Test
    void reorderingMakesBodySafe() {
        CompileResult r = compile("package test\n\np if {\n\tx = y\n\ty = 1\n}\n", RegoVersion.V1, CompileOptions.defaults());
        assertTrue(r.ok(), r.diagnostics().toString());
        Rule p = r.program().rules("data.test.p").get(0);
        assertEquals("y = 1; x = y", p.body().toString());
        assertEquals(0, p.body().get(0).index());
        // closures wait for their free vars
        CompileResult r2 = compile("package test\n\np if {\n\tc := count([z | z := x[_]])\n\tx = [1, 2]\n\tc == 2\n}\n",
                RegoVersion.V1, CompileOptions.defaults());
        assertTrue(r2.ok(), r2.diagnostics().toString());
        String b = r2.program().rules("data.test.p").get(0).body().toString();
        assertTrue(b.indexOf("[1, 2]") < b.indexOf("count("), b);
    }

    @Test
    void localsAreRewrittenAndMappedBack() {
        CompileResult r = compile("package test\n\nq := 3\n\np if {\n\tx := q\n\tsome y in [1]\n\tx > y\n}\n",
                RegoVersion.V1, CompileOptions.defaults());
        assertTrue(r.ok(), r.diagnostics().toString());
        CompiledProgram prog = r.program();
        Rule p = prog.rules("data.test.p").get(0);
        String body = p.body().toString();
        assertTrue(body.contains("__local0__ = data.test.q"), body);
        assertEquals("x", prog.userName("__local0__"));
        assertEquals("y", prog.userName("__local1__"));
        assertEquals(List.of("data.test.q"), List.copyOf(prog.dependencies().get("data.test.p")));
    }

    @Test
    void importsResolved() {
        ParseResult lib = RegoParser.parseModule(new SourceFile("lib.rego", "package lib.x\n\ny := 1\n\nf(a) := a\n"), RegoVersion.V1);
        ParseResult main = RegoParser.parseModule(new SourceFile("main.rego",
                "package test\n\nimport data.lib.x as alias\nimport input.spec\n\np if {\n\talias.y == alias.f(spec.z)\n}\n"), RegoVersion.V1);
        CompileResult r = RegoCompiler.compile(List.of(lib.module(), main.module()), CompileOptions.defaults());
        assertTrue(r.ok(), r.diagnostics().toString());
        assertEquals("equal(data.lib.x.y, data.lib.x.f(input.spec.z))", r.program().rules("data.test.p").get(0).body().toString());
        assertNotNull(r.program().ruleTree().find("lib.x.f"));
        assertEquals(1, r.program().functions().get("data.lib.x.f"));
    }

    @Test
    void queryCompilation() {
        CompileResult r = compile("package test\n\np := [1, 2]\n", RegoVersion.V1, CompileOptions.defaults());
        QueryResult q = RegoParser.parseQuery("x := data.test.p[_]; y = x", RegoVersion.V1);
        QueryCompileResult qr = RegoCompiler.compileQuery(q.body(), r.program(), CompileOptions.defaults());
        assertTrue(qr.ok(), qr.diagnostics().toString());
        String body = qr.query().body().toString();
        assertEquals("__localq1__ = data.test.p[__localq0__]; y = __localq1__", body);
        assertEquals("x", qr.query().userName("__localq1__"));
        assertEquals("_", qr.query().userName("__localq0__"));
        QueryResult bad = RegoParser.parseQuery("x > 1", RegoVersion.V1);
        QueryCompileResult br = RegoCompiler.compileQuery(bad.body(), r.program(), CompileOptions.defaults());
        assertEquals("var x is unsafe", br.diagnostics().get(0).message());
    }

    @Test
    void nonGroundRefHeadsIndexedByGroundPrefix() {
        CompileResult r = compile("package test\n\na.b[x] := 1 if some x in [\"k\"]\n\nc.d.e := 2\n", RegoVersion.V1, CompileOptions.defaults());
        assertTrue(r.ok(), r.diagnostics().toString());
        assertEquals(1, r.program().rules("data.test.a.b").size());
        assertEquals(RuleKind.PARTIAL_OBJECT, r.program().rules("data.test.a.b").get(0).kind());
        assertEquals(RuleKind.COMPLETE, r.program().rules("data.test.c.d.e").get(0).kind());
    }
}
