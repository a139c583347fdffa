package dev.gkstudio.gatekeeper.gator;

import java.util.List;

/** Results of gator verify, suite → test → case. Runtimes in nanoseconds. */
public final class VerifyResults {
    private VerifyResults() {
    }

    public record SuiteResult(String path, String error, long runtime, List<TestResult> tests, boolean skipped) {
        public boolean isFailure() {
            if (error != null) return true;
            for (TestResult t : tests) if (t.isFailure()) return true;
            return false;
        }
    }

    public record TestResult(String name, boolean skipped, String error, long runtime, List<CaseResult> cases) {
        public boolean isFailure() {
            if (error != null) return true;
            for (CaseResult c : cases) if (c.error() != null) return true;
            return false;
        }
    }

    /** @param prints print() output of the case's evaluation (shown with -v) */
    public record CaseResult(String name, boolean skipped, String error, long runtime, String trace, List<String> prints) {
    }
}
