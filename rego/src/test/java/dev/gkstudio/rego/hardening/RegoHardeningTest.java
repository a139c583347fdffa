package dev.gkstudio.rego.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gkstudio.rego.CompileResult;
import dev.gkstudio.rego.result.EvalError;
import dev.gkstudio.rego.result.EvalOptions;
import dev.gkstudio.rego.result.EvalResult;
import dev.gkstudio.rego.Rego;
import dev.gkstudio.rego.ast.RegoVersion;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile policies through the facade with the Studio's limits (2 s, 20M steps, 4 MiB output): every one ends in
 * time with a result or an error naming the limit, never an escaping Throwable (OutOfMemoryError,
 * StackOverflowError), a hang, or a network / file access.
 */
// per attack, both modes (strict and not), each with a deadline of at most LIMIT_TIMEOUT
@Timeout(value = 45, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RegoHardeningTest {

    static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** Deadline for attacks a size limit must stop: long enough that a loaded machine's deadline never wins the race. */
    static final Duration LIMIT_TIMEOUT = Duration.ofSeconds(10);
    static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    /** Numbers no Rego literal can write (the parser refuses them) but JSON input can carry. */
    static final String PRELUDE = "big := json.unmarshal(\"1e999999999\")\nnegbig := json.unmarshal(\"-1e999999999\")\n"
            + "small := json.unmarshal(\"1e-999999999\")\n";

    /** What an attack must end with. */
    enum Want { ENDS, LIMIT, CANCEL, LIMIT_OR_CANCEL, BUILTIN, ANY_ERROR, NO_ERROR }

    static EvalResult eval(String body, boolean strict, Duration timeout) {
        CompileResult c = Rego.compile("attack.rego", "package t\n" + PRELUDE + body + "\n", RegoVersion.V1);
        if (!c.ok()) fail("does not compile: " + c.diagnostics());
        return c.policy().prepare("x := data.t.p").eval(EvalOptions.builder()
                .timeout(timeout).maxSteps(20_000_000).maxOutputBytes(4 << 20)
                .strictBuiltinErrors(strict).build());
    }

    static Stream<Arguments> attacks() {
        return Stream.of(
                // ---- runaway evaluation
                a("nested comprehensions", Want.LIMIT_OR_CANCEL,
                        "p := count([x | some a in numbers.range(1, 1000); some b in numbers.range(1, 1000); "
                                + "some c in numbers.range(1, 1000); x := a + b + c])"),
                a("numbers.range 1e12", Want.LIMIT, "p := count(numbers.range(1, 1e12))"),
                a("numbers.range_step tiny step", Want.LIMIT, "p := count(numbers.range_step(1, 1e12, 1))"),
                a("numbers.range exponent", Want.LIMIT, "p := count(numbers.range(0, big))"),
                a("concat doubling", Want.LIMIT, doubling("concat(\"\", [s%d, s%d])", "\"xxxxxxxx\"")),
                a("array.concat doubling", Want.LIMIT, doubling("array.concat(s%d, s%d)", "[1, 2, 3, 4]")),
                a("strings.replace blowup", Want.LIMIT, doubling("replace(s%d, \"x\", \"xx\")", "\"xxxxxxxx\"")),
                a("sprintf huge width", Want.NO_ERROR, "p := sprintf(\"%999999999d\", [1])"),
                a("sprintf huge precision", Want.NO_ERROR, "p := sprintf(\"%.999999999f\", [1])"),
                a("format_int huge", Want.NO_ERROR, "p := count(format_int(1e400, 2))"),
                a("bits.lsh 1e9", Want.BUILTIN, "p := bits.lsh(1, 1e9)"),
                a("bits.lsh chain", Want.LIMIT, "p := [x | some i in numbers.range(1, 100000); x := bits.lsh(i, 100000)]"),
                a("pow-like multiply chain", Want.NO_ERROR, "p := 1e308 * 1e308 * 1e308"),
                a("huge exponent plus", Want.LIMIT, "p := big + 1"),
                a("huge exponent round", Want.LIMIT, "p := round(big)"),
                a("huge exponent floor", Want.LIMIT, "p := floor(big)"),
                a("huge exponent ceil", Want.LIMIT, "p := ceil(negbig)"),
                a("huge exponent modulo", Want.LIMIT, "p := big % 7"),
                a("huge exponent divide", Want.LIMIT, "p := big / 3"),
                a("huge exponent compare", Want.NO_ERROR, "p := big > small"),
                a("huge exponent to_number", Want.NO_ERROR, "p := to_number(\"1e999999999\")"),
                a("huge exponent json", Want.NO_ERROR, "p := json.unmarshal(\"1e999999999\")"),
                a("huge exponent format_int", Want.LIMIT, "p := format_int(big, 10)"),
                a("huge exponent sprintf", Want.NO_ERROR, "p := sprintf(\"%d %v %f %e\", [big, big, 1, 1e99])"),
                a("huge exponent numbers.range", Want.LIMIT, "p := numbers.range(big, big + 3)"),
                a("huge exponent bits", Want.LIMIT, "p := bits.and(big, 1)"),
                a("huge exponent array index", Want.NO_ERROR, "p := [[1, 2][big]]"),
                a("huge exponent substring", Want.NO_ERROR, "p := substring(\"abc\", big, 1)"),
                a("huge exponent units", Want.NO_ERROR, "p := units.parse(\"1e999999999\")"),
                a("huge exponent units_bytes", Want.NO_ERROR, "p := units.parse_bytes(\"1e999999999G\")"),
                a("huge exponent time", Want.ANY_ERROR, "p := time.date(big)"),
                a("huge exponent time.add_date", Want.ANY_ERROR, "p := time.add_date(0, big, 0, 0)"),
                a("huge exponent time.format", Want.ANY_ERROR, "p := time.format(big)"),
                a("huge exponent rand", Want.NO_ERROR, "p := rand.intn(\"x\", big)"),
                a("huge exponent sum", Want.LIMIT, "p := sum([big, small])"),
                a("huge exponent product", Want.LIMIT, "p := product([big, big])"),
                a("huge exponent to string", Want.NO_ERROR, "p := count(format_int(1e18, 36))"),
                a("huge exponent json.marshal", Want.NO_ERROR, "p := json.marshal(big)"),
                a("huge exponent hash", Want.NO_ERROR, "p := crypto.sha256(json.marshal([big]))"),
                a("time.add_date huge years", Want.ANY_ERROR, "p := time.add_date(0, 2000000000, 0, 0)"),
                a("time.date far future", Want.NO_ERROR, "p := time.date(9223372036854775807)"),
                a("time.parse_rfc3339 far year", Want.ANY_ERROR, "p := time.parse_rfc3339_ns(\"99999-01-01T00:00:00Z\")"),
                a("time.parse_duration huge", Want.ANY_ERROR, "p := time.parse_duration_ns(\"99999999999999999999h\")"),
                a("units.parse giant", Want.ENDS, "p := units.parse(concat(\"\", [\"9\" | some i in numbers.range(1, 100000)]))"),
                a("units.parse_bytes giant", Want.ENDS, "p := units.parse_bytes(\"99999999999999999999999999999999EiB\")"),
                a("to_number giant digits", Want.NO_ERROR, "p := count(format_int(to_number(concat(\"\", [\"9\" | some i in numbers.range(1, 20000)])), 10))"),
                a("semver giant", Want.NO_ERROR, "p := semver.compare(concat(\"\", [\"9\" | some i in numbers.range(1, 100000)]), \"1.0.0\")"),
                a("uuid parse", Want.NO_ERROR, "p := uuid.parse(\"00000000-0000-0000-0000-000000000000\")"),
                // ---- shared structures (a DAG whose tree form is 2^48 nodes)
                a("dag json.marshal", Want.LIMIT, doubling("[s%d, s%d]", "[\"x\"]").replace("count(s48)", "count(json.marshal(s48))")),
                a("dag sprintf", Want.LIMIT, doubling("[s%d, s%d]", "[\"x\"]").replace("count(s48)", "count(sprintf(\"%v\", [s48]))")),
                a("dag yaml.marshal", Want.LIMIT, doubling("[s%d, s%d]", "[\"x\"]").replace("count(s48)", "count(yaml.marshal(s48))")),
                a("dag set hash", Want.ENDS, doubling("[s%d, s%d]", "[\"x\"]").replace("count(s48)", "count({s48, s47})")),
                a("dag object set hash", Want.ENDS, doubling("{\"a\": s%d, \"b\": s%d}", "{}").replace("count(s48)", "count({s48, s47})")),
                a("dag as output", Want.LIMIT, doubling("[s%d, s%d]", "[\"x\"]").replace("count(s48)", "s48")),
                a("dag equality", Want.LIMIT_OR_CANCEL, twoDags("[s%d, s%d]", "[\"x\"]", "p := s48 == t48")),
                a("dag ordering", Want.LIMIT_OR_CANCEL, twoDags("[s%d, s%d]", "[\"x\"]", "p := s48 < t48")),
                a("dag object equality", Want.LIMIT_OR_CANCEL, twoDags("{\"a\": s%d, \"b\": s%d}", "{}", "p := s48 == t48")),
                a("dag walk", Want.LIMIT_OR_CANCEL, doubling("[s%d, s%d]", "[\"x\"]").replace("count(s48)", "count([1 | walk(s48, _)])")),
                a("dag walk stops early", Want.NO_ERROR, doubling("[s%d, s%d]", "[\"x\"]").replace("p := count(s48)", "p if walk(s48, [_, \"x\"])")),
                a("dag print", Want.LIMIT_OR_CANCEL, doubling("[s%d, s%d]", "[\"x\"]").replace("count(s48)", "count([1 | print(s48)])")),
                a("dag template string", Want.LIMIT_OR_CANCEL, doubling("[s%d, s%d]", "[\"x\"]").replace("count(s48)", "count($\"{s48}\")")),
                a("template string doubling", Want.LIMIT, doubling("$\"{s%d}{s%d}\"", "\"xxxxxxxx\"")),
                // ---- regexes and globs
                a("regex backtracking", Want.NO_ERROR, "p := regex.match(\"(a+)+$\", concat(\"\", [\"a\" | some i in numbers.range(1, 50000)]))"),
                a("regex backreference refused", Want.BUILTIN, "p := regex.match(\"(a)\\\\1\", \"aa\")"),
                a("regex huge repetition", Want.BUILTIN, "p := regex.match(\"a{1000}{1000}\", \"a\")"),
                a("regex.globs_match blowup", Want.NO_ERROR, "p := regex.globs_match(\"" + "a*".repeat(200) + "\", \"" + "b*".repeat(200) + "\")"),
                a("glob backtracking", Want.NO_ERROR, "p := glob.match(\"" + "*a".repeat(50) + "b\", [], \"" + "a".repeat(5000) + "\")"),
                a("glob star-star backtracking", Want.NO_ERROR, "p := glob.match(\"" + "**.".repeat(30) + "b\", [\".\"], \"" + "a.".repeat(3000) + "\")"),
                a("regex.replace blowup", Want.LIMIT, doubling("regex.replace(s%d, \"x\", \"xx\")", "\"xxxxxxxx\"")),
                a("regex.split huge", Want.NO_ERROR, "p := count(regex.split(\"\", concat(\"\", [\"a\" | some i in numbers.range(1, 100000)])))"),
                // ---- bombs inside a policy
                a("json.unmarshal deep", Want.ANY_ERROR, "p := json.unmarshal(concat(\"\", array.concat([\"[\" | some i in numbers.range(1, 100000)], [\"]\" | some i in numbers.range(1, 100000)])))"),
                a("yaml.unmarshal deep", Want.ANY_ERROR, "p := yaml.unmarshal(concat(\"\", array.concat([\"[\" | some i in numbers.range(1, 100000)], [\"]\" | some i in numbers.range(1, 100000)])))"),
                a("yaml.unmarshal alias bomb", Want.ANY_ERROR, "p := count(json.marshal(yaml.unmarshal(" + quote(aliasBomb()) + ")))"),
                a("yaml.unmarshal java tag", Want.ANY_ERROR, "p := yaml.unmarshal(\"!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\\\"http://127.0.0.1:1/\\\"]]]]\")"),
                a("yaml.is_valid alias bomb", Want.NO_ERROR, "p := yaml.is_valid(" + quote(aliasBomb()) + ")"),
                a("json.is_valid deep", Want.NO_ERROR, "p := json.is_valid(concat(\"\", [\"[\" | some i in numbers.range(1, 100000)]))"),
                a("json.marshal deep", Want.ANY_ERROR, "p := count(json.marshal(json.unmarshal(concat(\"\", array.concat([\"[\" | some i in numbers.range(1, 5000)], [\"]\" | some i in numbers.range(1, 5000)])))))"),
                a("walk deep", Want.NO_ERROR, "v := json.unmarshal(concat(\"\", array.concat([\"[\" | some i in numbers.range(1, 900)], [\"]\" | some i in numbers.range(1, 900)])))\n"
                        + "p := count([path | walk(v, [path, _])])"),
                a("walk wide", Want.ENDS, "v := [numbers.range(1, 700) | some i in numbers.range(1, 700)]\np := count([path | walk(v, [path, _])])"),
                a("base64 of huge", Want.LIMIT, doubling("base64.encode(concat(\"\", [s%d, s%d]))", "\"xxxxxxxx\"")),
                a("json.marshal doubling", Want.LIMIT, doubling("json.marshal([s%d, s%d])", "\"x\"")),
                a("object.union nesting", Want.NO_ERROR, "p := count(json.marshal(object.union({\"a\": numbers.range(1, 1000)}, {\"b\": 1})))"),
                a("net.cidr_expand /0", Want.LIMIT, "p := count(net.cidr_expand(\"0.0.0.0/0\"))"),
                a("net.cidr_expand v6 /64", Want.LIMIT, "p := count(net.cidr_expand(\"fd00::/64\"))"),
                a("net.cidr_merge many", Want.NO_ERROR, "p := count(net.cidr_merge([sprintf(\"10.%d.%d.0/24\", [floor(i / 256), i % 256]) | some i in numbers.range(0, 2000)]))"),
                a("graph.reachable big", Want.NO_ERROR, "g := {sprintf(\"%d\", [i]): {sprintf(\"%d\", [i + 1])} | some i in numbers.range(1, 50000)}\np := count(graph.reachable(g, {\"1\"}))"),
                a("graph.reachable_paths big", Want.LIMIT_OR_CANCEL, "g := {sprintf(\"%d\", [i]): {sprintf(\"%d\", [i + 1]), sprintf(\"%d\", [i + 2])} | some i in numbers.range(1, 60)}\np := count(graph.reachable_paths(g, {\"1\"}))"),
                a("strings.render_template range number", Want.LIMIT, "p := count(strings.render_template(\"{{range $i := 100000000}}xxxxxxxxxxxx{{end}}\", {}))"),
                a("strings.render_template nested ranges", Want.LIMIT_OR_CANCEL, "p := count(strings.render_template(\"{{range .a}}{{range $.a}}{{range $.a}}{{range $.a}}x{{end}}{{end}}{{end}}{{end}}\", {\"a\": numbers.range(1, 1000)}))"),
                a("output size", Want.LIMIT, "line := concat(\"\", [\"x\" | some j in numbers.range(1, 1000)])\np := [line | some i in numbers.range(1, 10000)]"),
                a("print output flood", Want.LIMIT, "p := count([1 | some i in numbers.range(1, 1000000); print(\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\", i)])"),
                a("strings.count empty needle", Want.NO_ERROR, "p := strings.count(concat(\"\", [\"a\" | some i in numbers.range(1, 10000)]), \"\")"),
                a("split empty", Want.NO_ERROR, "p := count(split(concat(\"\", [\"a\" | some i in numbers.range(1, 100000)]), \"\"))"),
                a("indexof_n empty", Want.NO_ERROR, "p := count(indexof_n(concat(\"\", [\"a\" | some i in numbers.range(1, 100000)]), \"\"))"),
                a("crypto.x509 url", Want.ANY_ERROR, "p := crypto.x509.parse_certificates(\"http://127.0.0.1:1/cert.pem\")"),
                // ---- network and file system
                a("http.send", Want.BUILTIN, "p := http.send({\"method\": \"get\", \"url\": \"http://127.0.0.1:1/\"})"),
                a("net.lookup_ip_addr name", Want.BUILTIN, "p := net.lookup_ip_addr(\"example.invalid\")"),
                a("opa.runtime", Want.NO_ERROR, "p := opa.runtime()"),
                a("json.match_schema http ref", Want.ANY_ERROR, "p := json.match_schema({}, {\"$ref\": \"http://127.0.0.1:1/schema.json\"})"),
                a("json.match_schema file ref", Want.ANY_ERROR, "p := json.match_schema({}, {\"$ref\": \"file:///etc/passwd\"})"),
                a("json.match_schema classpath ref", Want.ANY_ERROR, "p := json.match_schema({}, {\"$ref\": \"classpath:application.properties\"})"),
                a("json.match_schema unknown $schema", Want.ANY_ERROR, "p := json.match_schema({}, {\"$schema\": \"http://127.0.0.1:1/meta\", \"type\": \"object\"})"),
                a("json.verify_schema file ref", Want.NO_ERROR, "p := json.verify_schema({\"properties\": {\"a\": {\"$ref\": \"file:///etc/passwd\"}}})"),
                a("json.match_schema nested file ref", Want.ANY_ERROR, "p := json.match_schema({\"a\": 1}, {\"properties\": {\"a\": {\"$ref\": \"file:///etc/passwd#/x\"}}})"),
                a("jwt jku", Want.NO_ERROR, "p := io.jwt.decode_verify(\"eyJhbGciOiJSUzI1NiIsImprdSI6Imh0dHA6Ly8xMjcuMC4wLjE6MS9qd2tzIiwieDV1IjoiaHR0cDovLzEyNy4wLjAuMToxL3g1dSJ9.eyJhIjoxfQ.c2ln\", {\"cert\": \"\"})"),
                a("rego.parse_module", Want.NO_ERROR, "p := rego.parse_module(\"x.rego\", \"package x\\nimport data.y\\np := 1\")"),
                a("rego.parse_module deep", Want.ANY_ERROR, "p := rego.parse_module(\"x.rego\", concat(\"\", array.concat([\"package x\\np := \"], array.concat([\"[\" | some i in numbers.range(1, 100000)], [\"]\" | some i in numbers.range(1, 100000)]))))"));
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    static String aliasBomb() {
        StringBuilder sb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            sb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) sb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            sb.append("]\n");
        }
        return sb.toString();
    }

    /** s0 := seed; s(i+1) := expr(si, si) ... 48 times; p := count(s48). */
    static String doubling(String expr, String seed) {
        StringBuilder sb = new StringBuilder("s0 := " + seed + "\n");
        for (int i = 1; i <= 48; i++) {
            sb.append("s").append(i).append(" := ").append(expr.replace("%d", String.valueOf(i - 1))).append('\n');
        }
        sb.append("p := count(s48)");
        return sb.toString();
    }

    /** Two equal shared structures built separately (s48 and t48), so that comparing them cannot stop at identity. */
    static String twoDags(String expr, String seed, String use) {
        String s = doubling(expr, seed).replace("p := count(s48)", "");
        return s + s.replace('s', 't') + use;
    }

    static Arguments a(String name, Want want, String body) {
        return Arguments.of(name, want, body);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void attack(String name, Want want, String body) {
        // Limits must hold in both modes: Gatekeeper evaluates without strict builtin errors.
        for (boolean strict : new boolean[] {true, false}) {
            // CPU time of this thread, not wall time: the bound is about the attack's own cost, and
            // must not fail because other builds share the machine.
            long t0 = CPU.getCurrentThreadCpuTime();
            EvalResult r;
            try {
                r = eval(body, strict, want == Want.LIMIT ? LIMIT_TIMEOUT : TIMEOUT);
            } catch (Throwable t) {
                fail(name + ": escaped " + t, t);
                return;
            }
            long ms = (CPU.getCurrentThreadCpuTime() - t0) / 1_000_000;
            String outcome = r.error() != null ? r.error().toString()
                    : r.bindings().isEmpty() ? "undefined" : abbreviate(String.valueOf(r.bindings().get(0).get("x")));
            System.out.println("ATTACK " + name + " strict=" + strict + " " + ms + "ms -> " + abbreviate(outcome));
            assertTrue(ms < 4000, name + " took " + ms + " ms of CPU");
            if (!strict && want == Want.BUILTIN) continue; // undefined without strict mode, as in OPA
            String code = r.error() == null ? null : r.error().code();
            switch (want) {
                case LIMIT -> assertEquals(EvalError.LIMIT, code, outcome);
                case CANCEL -> assertEquals(EvalError.CANCEL, code, outcome);
                case LIMIT_OR_CANCEL -> assertTrue(EvalError.LIMIT.equals(code) || EvalError.CANCEL.equals(code), outcome);
                case BUILTIN -> assertEquals(EvalError.BUILTIN, code, outcome);
                case ANY_ERROR -> { if (strict) assertTrue(code != null, outcome); }
                case ENDS -> { }
                case NO_ERROR -> assertFalse(code != null && !code.equals(EvalError.BUILTIN) && !code.equals(EvalError.TYPE), outcome);
            }
        }
    }

    static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…(" + s.length() + " chars)" : s;
    }
}
