package dev.gkstudio.backend.eval;

import dev.gkstudio.gatekeeper.regotool.RegoToolException;
import dev.gkstudio.gatekeeper.regotool.TestResult;
import dev.gkstudio.gatekeeper.regotool.TestRunner;
import dev.gkstudio.rego.CompileResult;
import dev.gkstudio.rego.result.EvalOptions;
import dev.gkstudio.rego.Rego;
import dev.gkstudio.rego.ast.Diagnostic;
import dev.gkstudio.rego.ast.Every;
import dev.gkstudio.rego.ast.Expr;
import dev.gkstudio.rego.trace.TraceEvent;
import dev.gkstudio.rego.trace.TraceOp;
import dev.gkstudio.rego.trace.TracePrinter;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Runs the workspace's Rego unit tests ({@code test_*} rules of its test modules) as {@code opa test} does, over
 * the template, its libs and {@code data.inventory}. The Tests tab shows the reply.
 */
final class WorkspaceTests {
    private WorkspaceTests() {}

    /**
     * The {@code tests} message: one row per test; {@code problems} when the modules do not compile.
     *
     * @param failedAt for a failed test, the last expression that failed (where OPA's failure line points)
     * @param trace    the notes-and-fails trace of a failed test, as {@code opa test -v} prints it
     */
    record TestRow(String name, String pkg, String status, double timeMs, RegoModules.Position rule,
                   RegoModules.Position failedAt, String error, RegoModules.Position errorAt, List<String> prints,
                   String trace) {
    }

    record Reply(String type, long version, List<TestRow> tests, List<Problem> problems, int passed, int failed,
                 int errors, int skipped) {
    }

    static Reply run(long version, Workspace w, Value inventory, EvalOptions limits) {
        CompileResult c = Rego.compile(RegoModules.files(w), RegoModules.version(w));
        if (!c.ok()) {
            List<Problem> problems = new ArrayList<>();
            for (Diagnostic d : c.diagnostics()) {
                RegoModules.Position p = RegoModules.Position.of(d.location(), w);
                problems.add(Problem.at(p == null ? "rego" : p.module(), d.toString(), p == null ? 1 : p.line(),
                        p == null ? 1 : p.column()));
            }
            return new Reply("tests", version, List.of(), problems, 0, 0, 0, 0);
        }
        Value data = dataWith(inventory);
        // every test has the per-evaluation limits; all of them together get the workspace's budget
        long deadline = System.nanoTime() + WorkspaceEvaluator.BUDGET.toNanos();
        BooleanSupplier outer = limits.cancel();
        EvalOptions bounded = limits.toBuilder()
                .cancel(() -> System.nanoTime() - deadline > 0 || (outer != null && outer.getAsBoolean())).build();
        TestRunner.Outcome outcome;
        try {
            outcome = TestRunner.run(c, data, new TestRunner.Options("", true, false, limits.timeout(),
                    RegoModules.version(w), bounded));
        } catch (RegoToolException e) {
            return new Reply("tests", version, List.of(), List.of(Problem.at("rego", e.getMessage(), 1, 1)), 0, 0, 0, 0);
        }
        List<TestRow> rows = new ArrayList<>();
        int passed = 0, failed = 0, errors = 0, skipped = 0;
        for (TestResult r : outcome.results()) {
            switch (r.outcome()) {
                case "PASS" -> passed++;
                case "FAIL" -> failed++;
                case "SKIPPED" -> skipped++;
                default -> errors++;
            }
            TraceEvent at = r.fail() ? failedAt(r.trace()) : null;
            String trace = r.fail() ? TracePrinter.print(TracePrinter.lineage(r.trace(),
                    e -> e.op() == TraceOp.NOTE || e.op() == TraceOp.FAIL)) : null;
            List<String> prints = r.output().isEmpty() ? List.of() : List.of(r.output().split("\n"));
            rows.add(new TestRow(r.fullName(), r.pkg(), r.outcome().toLowerCase(), r.durationNs() / 1e6,
                    RegoModules.Position.of(r.location(), w), at == null ? null : RegoModules.Position.of(at.location(), w),
                    r.error() == null ? null : r.error().toString(),
                    r.error() == null ? null : RegoModules.Position.of(r.error().location(), w), prints, trace));
        }
        return new Reply("tests", version, rows, List.of(), passed, failed, errors, skipped);
    }

    /** {@code data} with the inventory at {@code data.inventory}, as Gatekeeper provides it. */
    static Value dataWith(Value inventory) {
        return inventory == null ? ObjectValue.EMPTY
                : ObjectValue.builder().put(StringValue.of("inventory"), inventory).build();
    }

    /** The last Fail event of a module expression (not the query's): OPA's failure line. */
    private static TraceEvent failedAt(List<TraceEvent> trace) {
        for (int i = trace.size() - 1; i >= 0; i--) {
            TraceEvent e = trace.get(i);
            if (e.op() == TraceOp.FAIL && e.location() != null && e.location().isKnown() && !e.location().file().isEmpty()
                    && e.node() instanceof Expr x && !(x.terms() instanceof Every)) {
                return e;
            }
        }
        return null;
    }
}
