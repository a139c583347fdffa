package dev.gkstudio.rego.parser;

import dev.gkstudio.rego.ast.*;
import dev.gkstudio.rego.ast.Module;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** rego_parse_error messages/positions and AST shape/locations. */
class ParserErrorsTest {

    static List<Diagnostic> errs(String src, RegoVersion v) {
        return RegoParser.parseModule(new SourceFile("test.rego", src), v).diagnostics();
    }

    @Test
    void unexpectedEof() {
        List<Diagnostic> d = errs("package test\np := [1, 2", RegoVersion.V1);
        // like OPA: the term error, then the rule-head error
        assertEquals(2, d.size(), d.toString());
        assertEquals("rego_parse_error", d.get(0).code());
        assertEquals("unexpected eof token: expected \",\" or \"]\"", d.get(0).message());
        assertEquals("unexpected eof token: expected rule value term (e.g., p := <VALUE> { ... })", d.get(1).message());
        assertEquals("test.rego:2: rego_parse_error: unexpected eof token: expected \",\" or \"]\"", d.get(0).toString());
    }

    @Test
    void nonTerminatedString() {
        List<Diagnostic> d = errs("package test\n\np := \"abc\n", RegoVersion.V1);
        assertEquals("non-terminated string", d.get(0).message());
        assertEquals(3, d.get(0).location().startLine());
        assertEquals(6, d.get(0).location().startCol());
    }

    @Test
    void ifRequiredInV1() {
        List<Diagnostic> d = errs("package test\n\np { true }\n", RegoVersion.V1);
        assertEquals(1, d.size(), d.toString());
        assertEquals("`if` keyword is required before rule body", d.get(0).message());
        assertEquals(3, d.get(0).location().startLine());
        assertTrue(errs("package test\n\nq[x] { x := 1 }\n", RegoVersion.V0).isEmpty());
        List<Diagnostic> d3 = errs("package test\nimport rego.v1\n\nq[x] if { x := 1 }\ns[x] { x := 1 }\n", RegoVersion.V0);
        assertEquals("`if` keyword is required before rule body", d3.get(0).message());
    }

    @Test
    void containsRequired() {
        List<Diagnostic> d = errs("package test\n\np[x]\n", RegoVersion.V1);
        assertEquals("`contains` keyword is required for partial set rules", d.get(0).message());
    }

    @Test
    void packageExpected() {
        List<Diagnostic> d = errs("p := 1\n", RegoVersion.V1);
        assertEquals("package expected", d.get(0).message());
        assertEquals("empty module", errs("# just a comment\n", RegoVersion.V1).get(0).message());
    }

    @Test
    void bodyErrors() {
        assertEquals("found empty body", errs("package test\n\np { }\n", RegoVersion.V0).get(0).message());
        List<Diagnostic> d = errs("package test\n\np if { x := 1 y := 2 }\n", RegoVersion.V1);
        assertEquals("unexpected ident token: expected \\n or ; or }", d.get(0).message());
        assertEquals(3, d.get(0).location().startLine());
        assertEquals(15, d.get(0).location().startCol());
    }

    @Test
    void importErrors() {
        List<Diagnostic> d = errs("package test\nimport foo.bar\n", RegoVersion.V1);
        assertEquals("unexpected import path, must begin with one of: {data, future, input, rego}, got: foo"
                + " (hint: if this is unexpected, try updating OPA)", d.get(0).message());
        assertEquals("invalid import `rego.v2`, must be `rego.v1`", errs("package test\nimport rego.v2\n", RegoVersion.V0).get(0).message());
        assertEquals("unexpected keyword, must be one of [and contains every if in not or]",
                errs("package test\nimport future.keywords.xyz\n", RegoVersion.V0).get(0).message());
    }

    @Test
    void someAndEveryErrors() {
        assertEquals("unexpected some keyword: illegal negation of 'some'",
                errs("package test\n\np if { not some x }\n", RegoVersion.V1).get(0).message());
        assertEquals("unexpected { token: missing body".replace("{ token", "eof token"),
                errs("package test\n\np if { every x in [1] }", RegoVersion.V1).get(0).message().replace("} token", "eof token"));
    }

    @Test
    void collectsSeveralErrors() {
        List<Diagnostic> d = errs("package test\n\np := [1,\n\nq := 2\n\nr := {\n\ns := 3\n", RegoVersion.V1);
        assertTrue(d.size() >= 2, d.toString());
        assertEquals(5, d.get(0).location().startLine());
    }

    @Test
    void defaultRuleValidation() {
        assertEquals("illegal default rule (value cannot contain var)",
                errs("package test\n\ndefault p := x\n", RegoVersion.V1).get(0).message());
    }

    @Test
    void numbersAreExact() {
        Module m = RegoParser.parseModule(new SourceFile("t.rego", "package t\n\np := 123456789012345678901234567890.000000000000000000001\nq := -1e400\n"), RegoVersion.V1).module();
        Scalar s = (Scalar) m.rules().get(0).head().value();
        assertEquals(new BigDecimal("123456789012345678901234567890.000000000000000000001"), s.numberValue());
        assertEquals("123456789012345678901234567890.000000000000000000001", s.text());
        assertEquals("-1e400", m.rules().get(1).head().value().toString());
        assertEquals("expected number without leading zero", errs("package t\np := 01\n", RegoVersion.V1).get(0).message().replace("unexpected number token: ", ""));
    }

    @Test
    void astShapesAndLocations() {
        String src = "package test\n\nimport future.keywords.in\n\nq[x] = y {\n  some x, y in input.a\n  not x == 2 with input as {}\n}\n";
        ParseResult r = RegoParser.parseModule(new SourceFile("f.rego", src), RegoVersion.V0);
        assertTrue(r.ok(), r.diagnostics().toString());
        Rule rule = r.module().rules().get(0);
        assertEquals(RuleKind.PARTIAL_OBJECT, rule.kind());
        assertEquals("q[x]", rule.head().ref().toString());
        Expr some = rule.body().get(0);
        assertTrue(some.terms() instanceof SomeDecl sd && sd.isIn());
        assertEquals("some x, y in input.a", some.toString());
        Expr neg = rule.body().get(1);
        assertEquals("not equal(x, 2) with input as {}", neg.toString());
        assertEquals(7, neg.location().startLine());
        assertEquals(3, neg.location().startCol());
        assertEquals(7, neg.location().endLine());
        assertEquals(30, neg.location().endCol());
        assertEquals("not x == 2 with input as {}", neg.location().text(src));
        Var x = (Var) ((Call) neg.terms()).args().get(0);
        assertEquals("x", x.location().text(src));
        assertEquals("data.test", r.module().pkg().path().toString());
    }

    @Test
    void infixPrecedenceAndCalls() {
        Body b = RegoParser.parseQuery("x := 1 + 2 * 3 - f(a)[0]; y = {1, 2} | {3}; z := count(x) > 1", RegoVersion.V1).body();
        assertEquals("x := minus(plus(1, mul(2, 3)), f(a)[0])", b.get(0).toString());
        assertEquals("y = or({1, 2}, {3})", b.get(1).toString());
        assertEquals("z := gt(count(x), 1)", b.get(2).toString());
        Body w = RegoParser.parseQuery("data.test.q[_] with input.x as 1 with data.y as 2", RegoVersion.V1).body();
        assertEquals(2, w.get(0).withs().size());
        assertEquals("data.test.q[$0] with input.x as 1 with data.y as 2", w.get(0).toString());
    }

    @Test
    void v0KeywordsNeedImports() {
        assertFalse(errs("package t\n\np { x in [1] }\n", RegoVersion.V0).isEmpty());
        assertTrue(errs("package t\nimport future.keywords.in\n\np { 1 in [1] }\n", RegoVersion.V0).isEmpty());
        assertTrue(errs("package t\nimport rego.v1\n\np if { 1 in [1] }\n", RegoVersion.V0).isEmpty());
    }

    @Test
    void templatesAndLogic() {
        Body b = RegoParser.parseQuery("x := $\"a {1 + 2} \\{b}\"", RegoVersion.V1).body();
        TemplateString ts = (TemplateString) ((Call) b.get(0).terms()).args().get(1);
        assertEquals(3, ts.parts().size());
        assertEquals(" {b}", ts.parts().get(2).literal());
        ParseResult r = RegoParser.parseModule(new SourceFile("t.rego",
                "package t\nimport future.keywords.and\nimport future.keywords.or\n\np if { input.a or input.b and { x := 1; x > 0 } }\n"), RegoVersion.V1);
        assertTrue(r.ok(), r.diagnostics().toString());
        LogicalExpr le = (LogicalExpr) r.module().rules().get(0).body().get(0).terms();
        assertEquals(LogicalExpr.Op.OR, le.op());
        assertTrue(le.operands().get(1).get(0).terms() instanceof LogicalExpr and && and.op() == LogicalExpr.Op.AND);
    }

    @Test
    void annotations() {
        String src = "# METADATA\n# title: Pkg\npackage t\n\n# METADATA\n# title: Rule P\n# custom:\n#   severity: high\np := 1\n";
        ParseResult r = RegoParser.parseModule(new SourceFile("t.rego", src), RegoVersion.V1);
        assertTrue(r.ok(), r.diagnostics().toString());
        assertEquals(2, r.module().annotations().size());
        assertEquals("package", r.module().annotations().get(0).scope());
        Annotation a = r.module().rules().get(0).annotations().get(0);
        assertEquals("rule", a.scope());
        assertEquals("Rule P", a.title());
        assertEquals("high", a.custom().get("severity"));
        assertEquals("data.t.p", a.targetPath().toString());
    }
}
