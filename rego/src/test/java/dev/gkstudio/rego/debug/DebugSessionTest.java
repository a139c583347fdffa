package dev.gkstudio.rego.debug;

import dev.gkstudio.rego.CompileResult;
import dev.gkstudio.rego.result.EvalError;
import dev.gkstudio.rego.result.EvalOptions;
import dev.gkstudio.rego.PreparedQuery;
import dev.gkstudio.rego.Rego;
import dev.gkstudio.rego.ast.Location;
import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.trace.BufferTracer;
import dev.gkstudio.rego.trace.TraceEvent;
import dev.gkstudio.rego.trace.TraceOp;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Breakpoints, stepping, stacks, author names, watches and limits of a {@link DebugSession}. */
class DebugSessionTest {
    static final String FILE = "policy.rego";
    static final String POLICY = """
            package k8s

            violation contains msg if {
            	some c in input.containers
            	not allowed(c.image)
            	msg := sprintf("image %v not allowed", [c.image])
            }

            allowed(image) if {
            	prefix := data.repos[_]
            	startswith(image, prefix)
            }

            names := [n |
            	some c in input.containers
            	n := upper(c.name)
            ]

            all_named if {
            	every c in input.containers {
            		c.name != ""
            	}
            }

            mocked := m if {
            	m := inner with input as {"containers": [{"name": "w", "image": "w:1"}]}
            }

            inner := first if {
            	first := input.containers[0].name
            }
            """;
    static final String INPUT = """
            {"containers": [{"name": "a", "image": "good/a:1"}, {"name": "b", "image": "evil/b:1"}]}""";
    static final String DATA = "{\"repos\": [\"good/\"]}";

    /** Records stops and the end; the test thread drives the session. */
    static final class Driver implements DebugListener {
        final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

        @Override public void stopped(Pause pause) { events.add(pause); }

        @Override public void terminated(DebugOutcome outcome) { events.add(outcome); }

        Pause nextPause() throws InterruptedException {
            Object o = events.poll(20, TimeUnit.SECONDS);
            assertNotNull(o, "no event from the session");
            assertInstanceOf(Pause.class, o, () -> "expected a pause, got " + o);
            return (Pause) o;
        }

        DebugOutcome end() throws InterruptedException {
            Object o = events.poll(20, TimeUnit.SECONDS);
            assertInstanceOf(DebugOutcome.class, o, () -> "expected the end, got " + o);
            return (DebugOutcome) o;
        }
    }

    static PreparedQuery prepare(String policy, String query) {
        CompileResult cr = Rego.compile(FILE, policy, RegoVersion.V1);
        assertTrue(cr.ok(), () -> cr.diagnostics().toString());
        return cr.policy().prepare(query);
    }

    static EvalOptions options() throws Exception {
        return EvalOptions.builder().input(Json.parse(INPUT)).data(Json.parse(DATA)).build();
    }

    static DebugSession start(String query, DebugConfig cfg, Driver d, Breakpoint... bps) throws Exception {
        return DebugSession.start(prepare(POLICY, query), options(), cfg, List.of(bps), d);
    }

    static final String SPIN = """
            package spin
            n := count([1 | some i in numbers.range(1, 10000); some j in numbers.range(1, 10000); i != j])
            """;

    static int line(String snippet) {
        List<String> lines = POLICY.lines().toList();
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(snippet)) return i + 1;
        throw new AssertionError("no line " + snippet);
    }

    @Test
    void breakpointInRuleShowsStackAndAuthorNames() throws Exception {
        Driver d = new Driver();
        int bp = line("msg := sprintf");
        try (DebugSession s = start("v := data.k8s.violation", DebugConfig.DEFAULT, d, new Breakpoint(FILE, bp))) {
            Pause p = d.nextPause();
            assertEquals("breakpoint", p.reason());
            StackFrame top = p.top();
            assertEquals(bp, top.location().startLine());
            assertEquals("rule data.k8s.violation", top.name());
            assertEquals("query", p.frames().get(p.frames().size() - 1).name());
            // the author's `c`, not the compiler's __localN__
            assertEquals(Json.parse("{\"name\": \"b\", \"image\": \"evil/b:1\"}"), top.locals().get("c"));
            assertTrue(top.locals().keySet().stream().noneMatch(k -> k.startsWith("__")), top.locals().toString());
            s.resume(StepMode.CONTINUE);
            DebugOutcome o = d.end();
            assertNull(o.message());
            // the line holds two expressions (the call, the assignment): one stop per line
            assertEquals(dev.gkstudio.rego.value.SetValue.of(StringValue.of("image evil/b:1 not allowed")),
                    o.result().first("v"));
        }
    }

    @Test
    void breakpointInFunctionHasCallerFrame() throws Exception {
        Driver d = new Driver();
        int bp = line("startswith(image, prefix)");
        try (DebugSession s = start("data.k8s.violation", DebugConfig.DEFAULT, d, new Breakpoint(FILE, bp))) {
            Pause p = d.nextPause();
            assertEquals("function data.k8s.allowed", p.top().name());
            assertEquals(StringValue.of("good/a:1"), p.top().locals().get("image"));
            assertEquals(StringValue.of("good/"), p.top().locals().get("prefix"));
            // the caller's frame shows the call site
            StackFrame caller = p.frames().get(1).name().startsWith("not") ? p.frames().get(2) : p.frames().get(1);
            assertEquals("rule data.k8s.violation", caller.name());
            assertEquals(line("not allowed(c.image)"), caller.location().startLine());
            s.stop();
            DebugOutcome o = d.end();
            assertEquals("debug session stopped", o.message());
            assertEquals(EvalError.CANCEL, o.result().error().code());
        }
    }

    @Test
    void breakpointsInComprehensionEveryAndWith() throws Exception {
        Driver d = new Driver();
        try (DebugSession s = start("x := data.k8s.names", DebugConfig.DEFAULT, d,
                new Breakpoint(FILE, line("n := upper(c.name)")))) {
            Pause p = d.nextPause();
            assertEquals("comprehension", p.top().name());
            assertEquals(StringValue.of("a"), ((dev.gkstudio.rego.value.ObjectValue) p.top().locals().get("c")).get("name"));
            s.resume(StepMode.CONTINUE);
            Pause second = d.nextPause();
            assertEquals(StringValue.of("b"), ((dev.gkstudio.rego.value.ObjectValue) second.top().locals().get("c")).get("name"));
            s.resume(StepMode.CONTINUE);
            assertEquals(Json.parse("[\"A\", \"B\"]"), d.end().result().first("x"));
        }
        Driver e = new Driver();
        try (DebugSession s = start("data.k8s.all_named", DebugConfig.DEFAULT, e,
                new Breakpoint(FILE, line("c.name != \"\"")))) {
            Pause p = e.nextPause();
            assertTrue(p.top().name().startsWith("every"), p.top().name());
            assertTrue(p.top().locals().containsKey("c"), p.top().locals().toString());
            s.resume(StepMode.CONTINUE);
            e.nextPause();
            s.resume(StepMode.CONTINUE);
            assertNull(e.end().message());
        }
        Driver w = new Driver();
        try (DebugSession s = start("x := data.k8s.mocked", DebugConfig.DEFAULT, w,
                new Breakpoint(FILE, line("first := input.containers[0].name")))) {
            Pause p = w.nextPause();
            assertEquals("rule data.k8s.inner", p.top().name());
            // the input in scope is the one `with` put there, and watches see it too
            assertEquals(StringValue.of("w"), s.evaluate("input.containers[0].name", 0).value());
            assertEquals(Json.parse("{\"containers\": [{\"name\": \"w\", \"image\": \"w:1\"}]}"), p.input());
            s.resume(StepMode.CONTINUE);
            assertEquals(StringValue.of("w"), w.end().result().first("x"));
        }
    }

    @Test
    void stepIntoVisitsExpressionsInTraceOrder() throws Exception {
        String q = "data.k8s.violation";
        BufferTracer t = new BufferTracer();
        prepare(POLICY, q).eval(options().toBuilder().tracer(t).build());
        List<String> expected = new ArrayList<>();
        for (TraceEvent e : t.events()) if (e.op() == TraceOp.EVAL) expected.add(where(e.location()) + " " + e.text());

        Driver d = new Driver();
        List<String> got = new ArrayList<>();
        try (DebugSession s = start(q, DebugConfig.DEFAULT.withStopOnEntry(true), d)) {
            while (true) {
                Object o = d.events.poll(20, TimeUnit.SECONDS);
                assertNotNull(o);
                if (o instanceof DebugOutcome) break;
                Pause p = (Pause) o;
                got.add(where(p.top().location()) + " " + p.top().text());
                s.resume(StepMode.STEP_INTO);
            }
        }
        assertEquals(expected, got);
        assertTrue(got.size() >= 8, got.toString());
    }

    @Test
    void stepOverStaysInTheRuleAndStepOutReturnsToTheCaller() throws Exception {
        Driver d = new Driver();
        try (DebugSession s = start("data.k8s.violation", DebugConfig.DEFAULT, d,
                new Breakpoint(FILE, line("not allowed(c.image)")))) {
            Pause p = d.nextPause();
            int depth = p.frames().size();
            s.resume(StepMode.STEP_OVER);
            Pause next = d.nextPause();
            assertTrue(next.frames().size() <= depth, "step over went into " + next.top().name());
            assertEquals("rule data.k8s.violation", next.top().name());
            assertNotEquals("function data.k8s.allowed", next.top().name());
        }
        Driver e = new Driver();
        try (DebugSession s = start("data.k8s.violation", DebugConfig.DEFAULT, e,
                new Breakpoint(FILE, line("prefix := data.repos[_]")))) {
            Pause inFn = e.nextPause();
            assertEquals("function data.k8s.allowed", inFn.top().name());
            s.resume(StepMode.STEP_OUT);
            Pause out = e.nextPause();
            assertTrue(out.frames().size() < inFn.frames().size());
            assertNotEquals("function data.k8s.allowed", out.top().name());
        }
    }

    @Test
    void conditionalBreakpointStopsOnlyWhenTheConditionHolds() throws Exception {
        Driver d = new Driver();
        try (DebugSession s = start("data.k8s.violation", DebugConfig.DEFAULT, d,
                new Breakpoint(FILE, line("not allowed(c.image)"), "c.name == \"b\""))) {
            Pause p = d.nextPause();
            assertEquals(StringValue.of("b"), s.evaluate("c.name", 0).value());
            s.resume(StepMode.CONTINUE);
            assertNull(d.end().message());
        }
    }

    @Test
    void watchesEvaluateInThePausedFrame() throws Exception {
        Driver d = new Driver();
        try (DebugSession s = start("data.k8s.violation", DebugConfig.DEFAULT, d,
                new Breakpoint(FILE, line("startswith(image, prefix)")))) {
            d.nextPause();
            assertEquals(NumberValue.of(8), s.evaluate("count(image)", 0).value());
            assertEquals(Json.parse("true"), s.evaluate("startswith(image, prefix)", 0).value());
            assertEquals(Json.parse("[\"good/\"]"), s.evaluate("data.repos", 0).value());
            Watch.Result undefined = s.evaluate("input.nope", 0);
            assertFalse(undefined.defined());
            assertNull(undefined.error());
            Watch.Result bad = s.evaluate("count(", 0);
            assertNotNull(bad.error());
            assertTrue(bad.error().contains("rego_parse_error"), bad.error());
            // a query-shaped watch reports its variables
            assertEquals(Json.parse("{\"x\": \"a\"}"), s.evaluate("some x in [\"a\"]; x == \"a\"", 0).value());
            // a runaway watch is cut by its step cap, not left running
            Watch.Result runaway = s.evaluate("count([1 | some i in numbers.range(1, 10000); some j in numbers.range(1, 10000); i != j])", 0);
            assertNotNull(runaway.error());
        }
    }

    @Test
    void stopOnFailStopsAtTheFirstFailingExpression() throws Exception {
        Driver d = new Driver();
        try (DebugSession s = start("data.k8s.violation", DebugConfig.DEFAULT.withStopOnFail(true), d)) {
            Pause p = d.nextPause();
            assertEquals("fail", p.reason());
            // container a's image is allowed, so `not allowed(...)` is the first expression to fail
            assertEquals(line("not allowed(c.image)"), p.top().location().startLine());
            s.resume(StepMode.CONTINUE);
            assertNull(d.end().message());
        }
    }

    @Test
    void pausedTimeDoesNotCountAgainstTheRunBudget() throws Exception {
        Driver d = new Driver();
        DebugConfig cfg = DebugConfig.DEFAULT.withRunBudget(Duration.ofMillis(300));
        try (DebugSession s = start("data.k8s.violation", cfg, d, new Breakpoint(FILE, line("msg := sprintf")))) {
            d.nextPause();
            long before = s.runningNanos();
            Thread.sleep(600); // longer than the whole budget, spent paused
            assertEquals(before, s.runningNanos(), "running time moved while paused");
            s.resume(StepMode.CONTINUE);
            DebugOutcome o = d.end();
            assertNull(o.message());
            assertNull(o.result().error());
        }
    }

    @Test
    void runawayEvaluationEndsWithTheBudgetMessage() throws Exception {
        Driver d = new Driver();
        DebugConfig cfg = DebugConfig.DEFAULT.withRunBudget(Duration.ofMillis(200));
        PreparedQuery q = prepare(SPIN,
                "data.spin.n");
        try (DebugSession s = DebugSession.start(q, EvalOptions.DEFAULT, cfg, List.of(), d)) {
            DebugOutcome o = d.end();
            assertNotNull(o.message());
            assertTrue(o.message().contains("time budget of 200 ms"), o.message());
            assertEquals(EvalError.CANCEL, o.result().error().code());
        }
    }

    @Test
    void stepCapStaysInForce() throws Exception {
        Driver d = new Driver();
        PreparedQuery q = prepare(SPIN, "data.spin.n");
        EvalOptions o = EvalOptions.builder().maxSteps(5_000).build();
        try (DebugSession s = DebugSession.start(q, o, DebugConfig.DEFAULT.withRunBudget(null), List.of(), d)) {
            DebugOutcome end = d.end();
            assertEquals(EvalError.LIMIT, end.result().error().code());
        }
    }

    @Test
    void idleLimitEndsAPausedSession() throws Exception {
        Driver d = new Driver();
        DebugConfig cfg = DebugConfig.DEFAULT.withIdleLimit(Duration.ofMillis(100));
        try (DebugSession s = start("data.k8s.violation", cfg, d, new Breakpoint(FILE, line("msg := sprintf")))) {
            d.nextPause();
            DebugOutcome o = d.end(); // nobody resumes
            assertEquals("debug session ended: paused for longer than the idle limit of 100 ms", o.message());
            assertEquals(EvalError.CANCEL, o.result().error().code());
            assertFalse(s.isPaused());
        }
    }

    @Test
    void breakpointsCanChangeWhilePaused() throws Exception {
        Driver d = new Driver();
        try (DebugSession s = start("data.k8s.violation", DebugConfig.DEFAULT, d,
                new Breakpoint(FILE, line("some c in input.containers")))) {
            d.nextPause();
            s.setBreakpoints(FILE, List.of(new Breakpoint(FILE, line("msg := sprintf"))));
            s.resume(StepMode.CONTINUE);
            assertEquals(line("msg := sprintf"), d.nextPause().top().location().startLine());
            s.resume(StepMode.CONTINUE);
            assertNull(d.end().message());
        }
    }

    @Test
    void valuesArePaged() throws Exception {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 5000; i++) sb.append(i == 0 ? "" : ",").append(i);
        Value big = Json.parse(sb.append("]").toString());
        List<ValuePages.Child> page = ValuePages.page(big, 1000, 3);
        assertEquals(List.of("1000", "1001", "1002"), page.stream().map(ValuePages.Child::name).toList());
        assertEquals(NumberValue.of(1001), page.get(1).value());
        String preview = ValuePages.preview(big, 40);
        assertTrue(preview.length() <= 40 && preview.startsWith("[0, 1, 2"), preview);
        Value obj = Json.parse("{\"b\": 1, \"a\": {\"x\": true}}");
        assertEquals(List.of("a", "b"), ValuePages.page(obj, 0, 0).stream().map(ValuePages.Child::name).toList());
    }

    private static String where(Location l) {
        return l.file() + ":" + l.startLine() + ":" + l.startCol();
    }
}
