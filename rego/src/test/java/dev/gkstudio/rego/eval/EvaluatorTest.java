package dev.gkstudio.rego.eval;

import dev.gkstudio.rego.*;
import dev.gkstudio.rego.result.*;
import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.ast.SourceFile;
import dev.gkstudio.rego.value.*;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

/** Evaluator behaviours policy authors rely on. */
class EvaluatorTest {

    static PreparedPolicy policy(String text) {
        CompileResult r = Rego.compile("policy.rego", text, RegoVersion.V1);
        assertTrue(r.ok(), () -> r.diagnostics().toString());
        return r.policy();
    }

    static Value json(String s) {
        try {
            return Json.parse(s);
        } catch (Json.ParseException e) {
            throw new AssertionError(e);
        }
    }

    static EvalResult eval(String mod, String query, String input) {
        return policy(mod).query(query, EvalOptions.builder().input(input == null ? null : json(input)).build());
    }

    @Test
    void undefinedVersusFalse() {
        String mod = "package t\nallow if input.user == \"admin\"\ndeny := false\n";
        assertTrue(eval(mod, "data.t.allow", "{\"user\":\"bob\"}").bindings().isEmpty(), "undefined");
        EvalResult r = eval(mod, "x := data.t.deny", null);
        assertEquals(BooleanValue.FALSE, r.first("x"));
        // OPA's Rego API (opa eval) answers a lone false expression with its value; topdown fails it
        EvalResult lone = eval(mod, "data.t.deny", null);
        assertEquals(1, lone.bindings().size());
        assertEquals(BooleanValue.FALSE, lone.value());
        assertTrue(policy(mod).prepareTopdown("data.t.deny").eval(EvalOptions.DEFAULT).bindings().isEmpty(),
                "false expression fails in topdown");
        assertTrue(eval(mod, "data.t.deny; true", null).bindings().isEmpty(), "false expression fails among others");
    }

    @Test
    void callsNestedInANegationAreEvaluatedBeforeIt() {
        // OPA hoists f(x) out of `not f(x) == 0`: an undefined call fails the rule instead of satisfying the not.
        String mod = "package t\nf(x) := y if y := x.uid\np if not f(input) == 0\nq if not f(input)\n";
        assertTrue(eval(mod, "data.t.p", "{}").bindings().isEmpty(), "undefined call under not fails the body");
        assertEquals(BooleanValue.TRUE, eval(mod, "x := data.t.p", "{\"uid\": 1}").first("x"));
        assertEquals(BooleanValue.TRUE, eval(mod, "x := data.t.q", "{}").first("x"), "a negated call itself is not hoisted");
    }

    @Test
    void partialSetsObjectsAndIteration() {
        String mod = """
                package t
                names contains n if n := input.items[_].name
                byName[n] := i if { some i; n := input.items[i].name }
                """;
        EvalResult r = eval(mod, "s := data.t.names; o := data.t.byName", "{\"items\":[{\"name\":\"a\"},{\"name\":\"b\"}]}");
        assertEquals(SetValue.of(StringValue.of("a"), StringValue.of("b")), r.first("s"));
        assertEquals(json("{\"a\":0,\"b\":1}"), r.first("o"));
    }

    @Test
    void gatekeeperViolation() {
        String mod = """
                package k8sallowedrepos
                import future.keywords.in
                violation[{"msg": msg}] {
                  container := input.review.object.spec.containers[_]
                  not strings.any_prefix_match(container.image, input.parameters.repos)
                  msg := sprintf("container <%v> has an invalid image repo <%v>, allowed repos are %v", [container.name, container.image, input.parameters.repos])
                }
                """;
        CompileResult cr = Rego.compile(List.of(new SourceFile("t.rego", mod)), RegoVersion.V0);
        assertTrue(cr.ok(), cr.diagnostics()::toString);
        PreparedQuery q = cr.policy().prepare("data.k8sallowedrepos.violation[v]");
        EvalResult r = q.eval(json("""
                {"parameters":{"repos":["gcr.io/ok/"]},"review":{"object":{"spec":{"containers":[
                 {"name":"a","image":"gcr.io/ok/x"},{"name":"b","image":"docker.io/evil"}]}}}}"""));
        assertNull(r.error());
        assertEquals(1, r.bindings().size());
        assertEquals("container <b> has an invalid image repo <docker.io/evil>, allowed repos are [\"gcr.io/ok/\"]",
                ((StringValue) ((ObjectValue) r.first("v")).get("msg")).value());
    }

    @Test
    void conflictErrors() {
        EvalResult r = eval("package t\np := 1\np := 2 if true\n", "data.t.p = x", null);
        assertEquals(EvalError.CONFLICT, r.error().code());
        assertTrue(r.error().toString().contains("complete rules must not produce multiple outputs"), r.error().toString());
        assertTrue(r.error().toString().startsWith("policy.rego:"), r.error().toString());
        r = eval("package t\nf(x) := 1\nf(x) := 2\n", "data.t.f(1) = x", null);
        assertTrue(r.error().message().contains("functions must not produce multiple outputs for same inputs"));
        r = eval("package t\np[k] := v if { some k, v in {\"a\": 1, \"b\": 2} }\np.a := 3\n",
                "data.t.p = x", null);
        assertEquals(EvalError.CONFLICT, r.error().code());
    }

    @Test
    void strictBuiltinErrors() {
        PreparedPolicy p = policy("package t\nxs contains x if { some s in [\"1\", \"a\", \"2\"]; x := to_number(s) }\n");
        EvalResult lax = p.query("x := data.t.xs", EvalOptions.DEFAULT);
        assertNull(lax.error());
        assertEquals(SetValue.of(NumberValue.of(1), NumberValue.of(2)), lax.first("x"));
        EvalResult strict = p.query("x := data.t.xs", EvalOptions.builder().strictBuiltinErrors(true).build());
        assertNotNull(strict.error());
        assertTrue(strict.error().message().startsWith("to_number:"), strict.error().toString());
    }

    @Test
    void withReplacesInputDataAndFunctions() {
        String mod = """
                package t
                p if input.x == 1
                q := data.cfg.level
                f(x) := x * 2
                r := f(2)
                """;
        PreparedPolicy p = policy(mod);
        assertEquals(1, p.query("data.t.p with input as {\"x\": 1}", EvalOptions.DEFAULT).bindings().size());
        assertEquals(1, p.query("data.t.p with input.x as 1", EvalOptions.DEFAULT).bindings().size());
        assertEquals(NumberValue.of(7), p.query("y := data.t.q with data.cfg.level as 7", EvalOptions.DEFAULT).first("y"));
        assertEquals(NumberValue.of(4), p.query("y := data.t.r", EvalOptions.DEFAULT).first("y"));
        assertEquals(NumberValue.of(9), p.query("y := data.t.r with data.t.f as 9", EvalOptions.DEFAULT).first("y"));
        assertEquals(NumberValue.of(5), p.query("y := count([1]) with count as 5", EvalOptions.DEFAULT).first("y"));
    }

    @Test
    void printIsCapturedWithLocations() {
        PreparedPolicy p = policy("package t\np if {\n  print(\"hello\", input.missing, 1)\n}\n");
        EvalResult r = p.query("data.t.p", EvalOptions.DEFAULT);
        assertEquals(1, r.prints().size());
        assertEquals("hello <undefined> 1", r.prints().get(0).text());
        assertEquals("policy.rego:3: hello <undefined> 1", r.prints().get(0).toString());
    }

    @Test
    void coverageFromOneEvaluation() {
        PreparedPolicy p = policy("package t\np if {\n  input.x == 1\n}\nq if {\n  input.y == 2\n}\n");
        EvalResult r = p.query("data.t.p", EvalOptions.builder().coverage(true).input(json("{\"x\":1}")).build());
        Coverage.FileCoverage fc = r.coverage().files().get("policy.rego");
        assertTrue(fc.covered().containsAll(List.of(2, 3)), fc.toString());
        assertTrue(fc.notCovered().containsAll(List.of(5, 6)), fc.toString());
    }

    @Test
    void someDeclarationsAreNeitherCoveredNorNotCovered() {
        // OPA's compiler drops `some x, y`: its line is in neither list (`some x in xs` is an expression and is)
        PreparedPolicy p = policy("package t\np if {\n  some x, y\n  x = input.x\n  y = 2\n  some z in [x, y]\n}\n");
        EvalResult r = p.query("data.t.p", EvalOptions.builder().coverage(true).input(json("{\"x\":1}")).build());
        Coverage.FileCoverage fc = r.coverage().files().get("policy.rego");
        assertEquals(List.of(2, 4, 5, 6), List.copyOf(fc.covered()), fc.toString());
        assertEquals(List.of(), List.copyOf(fc.notCovered()), fc.toString());
    }

    @Test
    void limits() {
        PreparedPolicy p = policy("package t\nn := count([x | some x in numbers.range(1, 100000); x % 7 == 0])\n"
                + "s := concat(\"\", [x | some i in numbers.range(1, 20000); x := \"abcdefghij\"])\n");
        EvalResult steps = p.query("x := data.t.n", EvalOptions.builder().maxSteps(1000).build());
        assertEquals(EvalError.LIMIT, steps.error().code());
        assertTrue(steps.error().message().contains("maxSteps"));
        EvalResult time = p.query("x := data.t.n", EvalOptions.builder().timeout(Duration.ofNanos(1)).build());
        assertEquals(EvalError.CANCEL, time.error().code());
        EvalResult out = p.query("x := data.t.s", EvalOptions.builder().maxOutputBytes(1000).build());
        assertEquals(EvalError.LIMIT, out.error().code());
        assertTrue(out.error().message().contains("maxOutputBytes"));
        EvalResult ok = p.query("x := data.t.n", EvalOptions.DEFAULT);
        assertEquals(NumberValue.of(14285), ok.first("x"));
    }

    @Test
    void deepDataDoesNotEscapeAsStackOverflow() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 200_000; i++) sb.append('[');
        for (int i = 0; i < 200_000; i++) sb.append(']');
        Value deep = ArrayValue.EMPTY;
        for (int i = 0; i < 100_000; i++) deep = ArrayValue.of(deep);
        PreparedPolicy p = policy("package t\nn := count([x | walk(input, x)])\n");
        EvalResult r = p.query("x := data.t.n", EvalOptions.builder().input(deep).build());
        assertNotNull(r.error());
        assertEquals(EvalError.LIMIT, r.error().code());
    }

    @Test
    void preparedQueryIsThreadSafe() throws Exception {
        PreparedQuery q = policy("package t\ndouble := input.n * 2\n").prepare("x := data.t.double");
        ExecutorService ex = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> fs = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                fs.add(ex.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        EvalResult r = q.eval(NumberValue.of(i).equals(NumberValue.of(-1)) ? null
                                : ObjectValue.of(Map.of(StringValue.of("n"), NumberValue.of(i))));
                        if (!NumberValue.of(2L * i).equals(r.first("x"))) return false;
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : fs) assertTrue(f.get());
        } finally {
            ex.shutdownNow();
        }
    }

    @Test
    void everyAndSomeIn() {
        PreparedPolicy p = policy("package t\nall_pos if every x in input.xs { x > 0 }\nhas_two if some 2 in input.xs\n");
        assertEquals(1, p.query("data.t.all_pos", EvalOptions.builder().input(json("{\"xs\":[1,2]}")).build()).bindings().size());
        assertTrue(p.query("data.t.all_pos", EvalOptions.builder().input(json("{\"xs\":[1,-2]}")).build()).bindings().isEmpty());
        assertEquals(1, p.query("data.t.has_two", EvalOptions.builder().input(json("{\"xs\":[1,2]}")).build()).bindings().size());
    }

    @Test
    void regoMetadataRuleAndChainFromAnnotations() {
        String mod = """
                # METADATA
                # description: pkg docs
                package t

                # METADATA
                # scope: document
                # title: doc
                p := 1 if false

                # METADATA
                # title: rule title
                # authors:
                # - Jane Doe <jane@example.com>
                # custom:
                #   severity: high
                p := x if x := rego.metadata.chain()

                r := rego.metadata.rule()
                q := rego.metadata.rule() if false else := rego.metadata.chain()
                """;
        EvalResult r = eval(mod, "p := data.t.p; r := data.t.r; q := data.t.q", null);
        assertEquals(json("""
                [{"path": ["t", "p"], "annotations": {"scope": "rule", "title": "rule title",
                  "authors": [{"name": "Jane Doe", "email": "jane@example.com"}], "custom": {"severity": "high"}}},
                 {"path": ["t", "p"], "annotations": {"scope": "document", "title": "doc"}},
                 {"path": ["t"], "annotations": {"scope": "package", "description": "pkg docs"}}]
                """), r.first("p"));
        assertEquals(ObjectValue.EMPTY, r.first("r"));
        assertEquals(json("[{\"path\": [\"t\", \"q\"]}, {\"path\": [\"t\"], \"annotations\": {\"scope\": \"package\", \"description\": \"pkg docs\"}}]"),
                r.first("q"));
    }

    @Test
    void templateStringInFunctionArgIsUnifiedAfterTheBody() {
        String mod = """
                package t
                p := f("foo bar")
                f($"{x} {input.y}") := 42 if x = "foo"
                """;
        assertEquals(NumberValue.of(42), eval(mod, "p := data.t.p", "{\"y\": \"bar\"}").first("p"));
        assertTrue(eval(mod, "p := data.t.p", "{\"y\": \"baz\"}").bindings().isEmpty());
    }
}
