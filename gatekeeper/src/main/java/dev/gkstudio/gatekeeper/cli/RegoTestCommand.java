package dev.gkstudio.gatekeeper.cli;

import dev.gkstudio.gatekeeper.regotool.CoverageReport;
import dev.gkstudio.gatekeeper.regotool.JsonTestReporter;
import dev.gkstudio.gatekeeper.regotool.LoadedFiles;
import dev.gkstudio.gatekeeper.regotool.PrettyTestReporter;
import dev.gkstudio.gatekeeper.regotool.RegoLoader;
import dev.gkstudio.gatekeeper.regotool.RegoToolException;
import dev.gkstudio.gatekeeper.regotool.TestResult;
import dev.gkstudio.gatekeeper.regotool.TestRunner;
import dev.gkstudio.rego.ast.RegoVersion;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gkstudio rego test PATH...}: {@code opa test}. Exit 0 when every test passes, 2 when one fails, errors or
 * is skipped (0 for skipped with {@code -z}), 1 when the files do not load or compile (and with
 * {@code --coverage}, when a test fails or errors: the report is not printed then).
 */
@Command(name = "test", description = "Execute Rego test cases (test_* rules; todo_test_* are skipped)")
public final class RegoTestCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "files or directories (.rego, .json, .yaml)")
    List<String> paths;

    @Option(names = {"-v", "--verbose"}, description = "set verbose reporting mode")
    boolean verbose;

    @Option(names = {"-r", "--run"}, description = "run only test cases matching the regular expression")
    String run = "";

    @Option(names = {"-c", "--coverage"}, description = "report coverage (overrides debug tracing)")
    boolean coverage;

    @Option(names = {"-f", "--format"}, description = "set output format: pretty, json (default pretty)")
    String format = "pretty";

    @Option(names = {"-z", "--exit-zero-on-skipped"}, description = "skipped tests return status 0")
    boolean exitZeroOnSkipped;

    @Option(names = "--timeout", description = "set test timeout in seconds (default 5)")
    double timeoutSeconds = 5;

    @Option(names = "--v0-compatible", description = "parse modules as Rego v0 (default Rego v1)")
    boolean v0;

    @Override
    public Integer call() {
        return run(System.out, System.err);
    }

    int run(PrintStream out, PrintStream err) {
        if (!format.equals("pretty") && !format.equals("json")) {
            err.println("invalid argument \"" + format + "\" for \"-f, --format\" flag: must be one of {pretty,json}");
            return 1;
        }
        TestRunner.Outcome outcome;
        try {
            LoadedFiles files = RegoLoader.load(paths);
            Duration timeout = Duration.ofMillis((long) (timeoutSeconds * 1000));
            outcome = TestRunner.run(files, new TestRunner.Options(run, verbose && !coverage, coverage, timeout,
                    v0 ? RegoVersion.V0 : RegoVersion.V1));
        } catch (RegoToolException e) {
            err.println(e.getMessage());
            return 1;
        }
        List<TestResult> results = outcome.results();
        int exit = 0;
        for (TestResult r : results) {
            if (!r.pass() && !(r.skip() && exitZeroOnSkipped)) exit = 2;
        }
        if (coverage) {
            for (TestResult r : results) {
                if (r.error() != null) {
                    err.println(r.error());
                    return 1;
                }
            }
            for (TestResult r : results) {
                if (r.fail()) {
                    err.println(r.line());
                    return 1;
                }
            }
            CoverageReport report = outcome.coverage();
            out.println(report.toJson());
        } else if (format.equals("json")) {
            out.println(JsonTestReporter.report(results));
        } else {
            out.print(PrettyTestReporter.report(results, verbose));
        }
        out.flush();
        return exit;
    }
}
