package dev.gkstudio.gatekeeper.regotool;

import dev.gkstudio.rego.trace.TraceEvent;
import dev.gkstudio.rego.trace.TraceOp;
import dev.gkstudio.rego.trace.TracePrinter;
import java.util.ArrayList;
import java.util.List;

/**
 * OPA's {@code PrettyReporter} (OPA 1.x before streaming): with {@code -v} a FAILURES section with each failed
 * test's notes-and-fails trace, then a SUMMARY header; one line per test (all with {@code -v}, else only those not
 * passing) grouped under their file name, print output indented, errors under their test, and the
 * {@code PASS: n/m}, {@code FAIL}, {@code SKIPPED}, {@code ERROR} totals after a rule.
 */
public final class PrettyTestReporter {
    private static final String RULE = "-".repeat(80);

    private PrettyTestReporter() {}

    public static String report(List<TestResult> results, boolean verbose) {
        StringBuilder out = new StringBuilder();
        int pass = 0, fail = 0, skip = 0, errs = 0;
        List<TestResult> failures = new ArrayList<>();
        for (TestResult r : results) {
            if (r.skip()) skip++;
            else if (r.error() != null) errs++;
            else if (r.fail()) {
                fail++;
                failures.add(r);
            } else pass++;
        }
        if (fail > 0 && verbose) {
            out.append("FAILURES\n").append(RULE).append('\n');
            for (TestResult f : failures) {
                out.append(f.line()).append('\n');
                out.append('\n');
                List<TraceEvent> notes = TracePrinter.lineage(f.trace(), e -> e.op() == TraceOp.NOTE || e.op() == TraceOp.FAIL);
                out.append(indent(TracePrinter.print(notes), "  "));
                out.append('\n');
            }
            out.append("SUMMARY\n").append(RULE).append('\n');
        }
        boolean dirty = false;
        String lastFile = null;
        for (TestResult r : results) {
            if (verbose || !r.pass()) {
                String file = r.location().file();
                if (!file.equals(lastFile)) {
                    if (lastFile != null) out.append('\n');
                    out.append(file).append(":\n");
                    lastFile = file;
                }
                dirty = true;
                out.append(r.line()).append('\n');
                if (!r.output().isEmpty()) {
                    out.append('\n').append(indent(r.output().strip() + "\n", "  ")).append('\n');
                }
            }
            if (r.error() != null) out.append("  ").append(r.error()).append('\n');
        }
        if (dirty) out.append(RULE).append('\n');
        int total = pass + fail + skip + errs;
        if (pass != 0) out.append("PASS: ").append(pass).append('/').append(total).append('\n');
        if (fail != 0) out.append("FAIL: ").append(fail).append('/').append(total).append('\n');
        if (skip != 0) out.append("SKIPPED: ").append(skip).append('/').append(total).append('\n');
        if (errs != 0) out.append("ERROR: ").append(errs).append('/').append(total).append('\n');
        return out.toString();
    }

    private static String indent(String text, String pad) {
        StringBuilder sb = new StringBuilder();
        boolean start = true;
        for (char c : text.toCharArray()) {
            if (start) sb.append(pad);
            sb.append(c);
            start = c == '\n';
        }
        return sb.toString();
    }
}
