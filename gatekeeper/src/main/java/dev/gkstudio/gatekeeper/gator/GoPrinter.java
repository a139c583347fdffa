package dev.gkstudio.gatekeeper.gator;

import java.util.List;
import java.util.Locale;

/** gator verify's Go-test style output. */
public final class GoPrinter {
    private GoPrinter() {
    }

    static String dur(long nanos) {
        return String.format(Locale.ROOT, "%.3fs", nanos / 1e9);
    }

    public static String print(List<VerifyResults.SuiteResult> results, boolean verbose) {
        StringBuilder w = new StringBuilder();
        boolean fail = false;
        for (VerifyResults.SuiteResult r : results) {
            printSuite(w, r, verbose);
            if (r.isFailure()) fail = true;
        }
        w.append(fail ? "FAIL\n" : "PASS\n");
        return w.toString();
    }

    static void printSuite(StringBuilder w, VerifyResults.SuiteResult r, boolean verbose) {
        for (VerifyResults.TestResult t : r.tests()) printTest(w, t, verbose);
        if (r.isFailure()) {
            w.append("FAIL\t").append(r.path()).append('\t').append(dur(r.runtime())).append('\n');
            if (r.error() != null) w.append("  ").append(r.error()).append('\n');
        } else {
            w.append("ok\t").append(r.path()).append('\t').append(dur(r.runtime())).append('\n');
        }
    }

    static void printTest(StringBuilder w, VerifyResults.TestResult r, boolean verbose) {
        if (verbose) {
            if (r.skipped()) {
                w.append("=== SKIP  ").append(r.name()).append('\n');
                return;
            }
            w.append("=== RUN   ").append(r.name()).append('\n');
        }
        for (VerifyResults.CaseResult c : r.cases()) printCase(w, c, verbose);
        if (r.isFailure()) {
            w.append("--- FAIL: ").append(r.name()).append("\t(").append(dur(r.runtime())).append(")\n");
            if (r.error() != null) w.append("  ").append(r.error()).append('\n');
        } else if (verbose) {
            w.append("--- PASS: ").append(r.name()).append("\t(").append(dur(r.runtime())).append(")\n");
        }
    }

    static void printCase(StringBuilder w, VerifyResults.CaseResult r, boolean verbose) {
        if (verbose) {
            if (r.skipped()) {
                w.append("    === SKIP  ").append(r.name()).append('\n');
                return;
            }
            w.append("    === RUN   ").append(r.name()).append('\n');
            for (String p : r.prints()) w.append("        ").append(p).append('\n');
        }
        if (r.error() != null) {
            w.append("    --- FAIL: ").append(r.name()).append("\t(").append(dur(r.runtime())).append(")\n        ")
                    .append(r.error()).append('\n');
        } else if (verbose) {
            w.append("    --- PASS: ").append(r.name()).append("\t(").append(dur(r.runtime())).append(")\n");
        }
        if (r.trace() != null) {
            String prefix = verbose ? "    --- " : "";
            w.append(prefix).append("TRACE: ").append(r.name()).append('\t')
                    .append(r.trace().replace("\n", "\n" + prefix)).append('\n');
        }
    }
}
