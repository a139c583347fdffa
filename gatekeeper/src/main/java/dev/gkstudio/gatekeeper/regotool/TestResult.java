package dev.gkstudio.gatekeeper.regotool;

import dev.gkstudio.rego.result.EvalError;
import dev.gkstudio.rego.ast.Location;
import dev.gkstudio.rego.trace.TraceEvent;
import java.util.List;

/**
 * The outcome of one test rule, as OPA's tester reports it.
 *
 * @param location    the rule's location (file, row, col)
 * @param pkg         {@code data.<package>}
 * @param name        the rule name up to the {@code test_} / {@code todo_test_} part, e.g. {@code test_x}
 * @param fail        the rule was undefined or not {@code true}
 * @param error       the evaluation error, or null
 * @param skip        a {@code todo_test_} rule, not evaluated
 * @param durationNs  evaluation time in nanoseconds
 * @param output      the {@code print()} lines, each ending in a newline
 * @param trace       trace events (only when tracing was asked for), else empty
 */
public record TestResult(Location location, String pkg, String name, boolean fail, EvalError error, boolean skip,
                         long durationNs, String output, List<TraceEvent> trace) {
    public TestResult {
        trace = List.copyOf(trace);
    }

    public boolean pass() {
        return !fail && !skip && error == null;
    }

    /** PASS, FAIL, SKIPPED or ERROR. */
    public String outcome() {
        if (pass()) return "PASS";
        if (fail) return "FAIL";
        if (skip) return "SKIPPED";
        return "ERROR";
    }

    /** {@code data.pkg.test_x}: what {@code --run} matches. */
    public String fullName() {
        return pkg + "." + name;
    }

    /** OPA's result line: {@code data.pkg.test_x: PASS (1.2ms)}; skipped tests have no duration. */
    public String line() {
        if (skip) return fullName() + ": " + outcome();
        return fullName() + ": " + outcome() + " (" + GoDuration.format(durationNs) + ")";
    }
}
