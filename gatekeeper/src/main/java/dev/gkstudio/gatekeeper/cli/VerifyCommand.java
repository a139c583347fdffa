package dev.gkstudio.gatekeeper.cli;

import dev.gkstudio.gatekeeper.gator.Filter;
import dev.gkstudio.gatekeeper.gator.GatorError;
import dev.gkstudio.gatekeeper.gator.GoPrinter;
import dev.gkstudio.gatekeeper.gator.Suite;
import dev.gkstudio.gatekeeper.gator.SuiteReader;
import dev.gkstudio.gatekeeper.gator.VerifyResults;
import dev.gkstudio.gatekeeper.gator.VerifyRunner;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gkstudio verify path [--run=name]}: gator verify. */
@Command(name = "verify", mixinStandardHelpOptions = true, version = "gkstudio 0.1.0", description = "verify suites of tests on Gatekeeper Constraints")
public final class VerifyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "path", description = "a suite file, a directory, or dir/... to recurse")
    String path;

    @Option(names = {"-r", "--run"}, description = "regular expression which filters tests to run by name")
    String run = "";

    @Option(names = {"-v", "--verbose"}, description = "print extended test output")
    boolean verbose;

    @Option(names = {"-t", "--trace"}, description = "include a trace for the underlying constraint framework evaluation")
    boolean trace;

    @Option(names = "--enable-k8s-native-validation", arity = "0..1", fallbackValue = "true",
            description = "use the K8sNativeValidation (CEL) engine for templates that have it (default true; false forces Rego)")
    boolean k8sNative = true;

    @Override
    public Integer call() {
        return run(System.out, System.err);
    }

    int run(PrintStream out, PrintStream err) {
        List<Suite> suites;
        Filter filter;
        try {
            suites = SuiteReader.read(path);
            filter = Filter.parse(run);
        } catch (GatorError e) {
            err.println("Error: " + e.getMessage());
            return 1;
        }
        VerifyRunner runner = new VerifyRunner(Engines.compiler(k8sNative), verbose, trace);
        List<VerifyResults.SuiteResult> results = new ArrayList<>();
        boolean fail = false;
        for (Suite s : suites) {
            VerifyResults.SuiteResult r = runner.run(s, filter);
            if (r.isFailure()) fail = true;
            results.add(r);
        }
        out.println(GoPrinter.print(results, verbose));
        out.flush();
        if (fail) {
            err.println("Error: FAIL");
            return 1;
        }
        return 0;
    }
}
