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
    void printArgumentsMayOnlyUseVarsBoundBeforeThePrint() {
        // OPA's rewritePrintCalls runs before the safety checks and does not reorder: x is bound after the print
        CompileResult r = compile("package test\n\np if {\n\tprint(\"x is\", x)\n\tx = 1\n}\n\n"
                + "q if {\n\ty := [z | z := 1; print(z, w)]\n\tevery k in [1] { print(k, u) }\n}\n\n"
                + "f(a) := a if print(a, input.b, data.test.p)\n", RegoVersion.V1, CompileOptions.defaults());
        assertEquals(List.of("test.rego:4: rego_compile_error: var x is undeclared",
                "test.rego:9: rego_compile_error: var w is undeclared",
                "test.rego:10: rego_compile_error: var u is undeclared"),
                r.diagnostics().stream().map(Diagnostic::toString).toList());
        assertEquals(16, r.diagnostics().get(0).location().startCol()); // at the argument
    }

    @Test
    void unsafeHeadVar() {
        Diagnostic d = single("package test\n\np contains y if {\n\tx := 1\n}\n");
        assertEquals("rego_unsafe_var_error", d.code());
        assertEquals("var y is unsafe", d.message());
        // OPA (checkSafetyRuleHeads): at the rule's location
        assertEquals(3, d.location().startLine());
        assertEquals(1, d.location().startCol());
    }

    @Test
    void unsafeVarAtTheFirstExpressionUsingIt() {
        // OPA's safetyErrorSlice reports the expression's location, sorted by location, one error per var
        CompileResult r = compile("package test\n\np if {\n\tcount([1,\n\t\tz]) > 0\n\tz > y\n}\n", RegoVersion.V1,
                CompileOptions.defaults());
        assertEquals(List.of("test.rego:4: rego_unsafe_var_error: var z is unsafe",
                "test.rego:6: rego_unsafe_var_error: var y is unsafe"),
                r.diagnostics().stream().map(Diagnostic::toString).toList());
        assertEquals(2, r.diagnostics().get(0).location().startCol());
        // closures: at the enclosing expression
        Diagnostic c = single("package test\n\np if {\n\tx := 1\n\ty := [a |\n\t\tb := 1\n\t]\n}\n");
        assertEquals("test.rego:5: rego_unsafe_var_error: var a is unsafe", c.toString());
    }

    @Test
    void onlyTheFirstFailingStageIsReported() {
        // OPA stops after CheckUndefinedFuncs: the unsafe var (CheckSafetyRuleBodies) is not reported
        CompileResult r = compile("package test\n\np if {\n\tx > 1\n\tfoo(2)\n}\n", RegoVersion.V1, CompileOptions.defaults());
        assertEquals(List.of("test.rego:5: rego_type_error: undefined function foo"),
                r.diagnostics().stream().map(Diagnostic::toString).toList());
        // local-var errors (RewriteLocalVars) come before conflicts (CheckRuleConflicts)
        CompileResult r2 = compile("package test\n\nq := 1\n\nq contains 2\n\np if {\n\tx := 1\n\tx := 2\n}\n",
                RegoVersion.V1, CompileOptions.defaults());
        assertEquals(List.of("test.rego:9: rego_compile_error: var x assigned above"),
                r2.diagnostics().stream().map(Diagnostic::toString).toList());
    }

    @Test
    void errorLimit() {
        StringBuilder sb = new StringBuilder("package test\n\np if {\n");
        for (int i = 0; i < 12; i++) sb.append("\tv").append(i).append(" > 0\n");
        sb.append("}\n");
        CompileResult r = compile(sb.toString(), RegoVersion.V1, CompileOptions.defaults());
        assertEquals(11, r.diagnostics().size(), r.diagnostics().toString());
        assertEquals("test.rego:4: rego_unsafe_var_error: var v0 is unsafe", r.diagnostics().get(0).toString());
        assertEquals("rego_compile_error: error limit reached", r.diagnostics().get(10).toString());
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
        // OPA's checkUndefinedFuncs / arityMismatchError: have = types in the compiler's type env, want = named args
        assertEquals("count: arity mismatch\n\thave: (array<number>, number, number)"
                + "\n\twant: (collection: any<string, array[any], object[any: any], set[any]>)", d.message());
        assertEquals("test.rego:3: rego_type_error: count: arity mismatch\n\thave: (array<number>, number, number)"
                + "\n\twant: (collection: any<string, array[any], object[any: any], set[any]>)", d.toString());
        Diagnostic d2 = single("package test\n\np if {\n\tx := concat(\",\")\n}\n");
        // a nested call gets OPA's generated output var (???)
        assertEquals("concat: arity mismatch\n\thave: (string, ???)\n\twant: (delimiter: string, collection: any<array[string], set[string]>)",
                d2.message());
        assertEquals(4, d2.location().startLine());
        Diagnostic d3 = single("package test\n\nf(x) := x\n\np if f(1, 2, 3)\n");
        assertEquals("function data.test.f has arity 1, got 3 arguments", d3.message());
        Diagnostic d4 = single("package test\n\nf(x, y) := x\n\np if {\n\tz := f(1)\n}\n");
        assertEquals("function data.test.f has arity 2, got 1 argument", d4.message());
        // the output argument is allowed for call expressions
        assertTrue(compile("package test\n\np if count([1], 1)\n", RegoVersion.V1, CompileOptions.defaults()).ok());
    }

    @Test
    void argumentTypes() {
        Diagnostic d = single("package test\n\np if {\n\tx := count(1)\n}\n");
        assertEquals("rego_type_error", d.code());
        assertTrue(d.message().startsWith("count: invalid argument(s)\n\thave: (number, ???)\n\twant: (collection: any<"), d.message());
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
        // OPA: the locations of all defaults, reported at the package
        assertEquals("multiple default rules data.test.p found at test.rego:3, test.rego:5", d.message());
        assertEquals(1, d.location().startLine());
    }

    @Test
    void ruleConflictsWithRulesInItsExtent() {
        Diagnostic d = single("package test\n\np := 1\n\np.q := 2\n");
        assertEquals("rule data.test.p conflicts with [data.test.p.q]", d.message());
        assertEquals(3, d.location().startLine());
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
        // one stage at a time, as OPA: unused imports (ResolveRefs), then unused assignments (RewriteLocalVars),
        // then deprecated builtins (CheckDeprecatedBuiltins)
        assertEquals(List.of("import data.foo unused"), r.diagnostics().stream().map(Diagnostic::message).toList());
        CompileResult r2 = compile("package test\n\np {\n\tx := 1\n\tany([true])\n}\n", RegoVersion.V0, CompileOptions.strictMode());
        assertEquals(List.of("assigned var x unused"), r2.diagnostics().stream().map(Diagnostic::message).toList());
        CompileResult r3 = compile("package test\n\np {\n\tany([true])\n}\n", RegoVersion.V0, CompileOptions.strictMode());
        assertEquals(List.of("deprecated built-in function calls in expression: any"),
                r3.diagnostics().stream().map(Diagnostic::message).toList());
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
        // OPA generates the key of `some y in` (__local1__, not an author's var) before declaring y
        assertEquals("__local1__", prog.userName("__local1__"));
        assertEquals("y", prog.userName("__local2__"));
        assertEquals(List.of("data.test.q"), List.copyOf(prog.dependencies().get("data.test.p")));
    }

    @Test
    void importsResolved() {
        ParseResult lib = RegoParser.parseModule(new SourceFile("lib.rego", "package lib.x\n\ny := 1\n\nf(a) := a\n"), RegoVersion.V1);
        ParseResult main = RegoParser.parseModule(new SourceFile("main.rego",
                "package test\n\nimport data.lib.x as alias\nimport input.spec\n\np if {\n\talias.y == alias.f(spec.z)\n}\n"), RegoVersion.V1);
        CompileResult r = RegoCompiler.compile(List.of(lib.module(), main.module()), CompileOptions.defaults());
        assertTrue(r.ok(), r.diagnostics().toString());
        // OPA's RewriteExprTerms: the nested call is bound to a generated var before the expression; RewriteEquals
        // turns == into =, RewriteDynamicTerms binds the call's ref argument first
        assertEquals("__local1__ = input.spec.z; data.lib.x.f(__local1__, __local0__); data.lib.x.y = __local0__",
                r.program().rules("data.test.p").get(0).body().toString());
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
        // wildcards take no __localqN__ number (OPA keeps them as $N), so generated vars number as OPA's
        assertEquals("__localq0__ = data.test.p[__localqw0__]; y = __localq0__", body);
        assertEquals("x", qr.query().userName("__localq0__"));
        assertEquals("_", qr.query().userName("__localqw0__"));
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
