package dev.gkstudio.gatekeeper.cli;

import dev.gkstudio.gatekeeper.gator.BenchOutput;
import dev.gkstudio.gatekeeper.gator.GatorBench;
import dev.gkstudio.gatekeeper.gator.GatorError;
import dev.gkstudio.gatekeeper.gator.TestSources;
import dev.gkstudio.gatekeeper.yaml.YamlDocument;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gkstudio bench -f <files|dirs>}: gator bench. */
@Command(name = "bench", description = "Benchmark policy evaluation performance")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = {"-f", "--filename"}, description = "a file or directory containing ConstraintTemplates, Constraints, and resources to benchmark. Can be specified multiple times.")
    List<String> filenames = new ArrayList<>();

    @Option(names = {"-e", "--engine"}, description = "policy engine to benchmark. One of: rego|cel|all")
    String engine = "rego";

    @Option(names = {"-n", "--iterations"}, description = "number of benchmark iterations to run.")
    int iterations = 1000;

    @Option(names = "--warmup", description = "number of warmup iterations before measurement.")
    int warmup = 10;

    @Option(names = {"-c", "--concurrency"}, description = "number of concurrent threads for reviews.")
    int concurrency = 1;

    @Option(names = {"-o", "--output"}, description = "output format. One of: table|json|yaml")
    String output = "table";

    @Option(names = "--memory", arity = "0..1", fallbackValue = "true", description = "measure bytes allocated per review (single-threaded runs).")
    boolean memory;

    @Option(names = {"-i", "--image"}, description = "not supported by gkstudio")
    List<String> images = new ArrayList<>();

    @Option(names = {"--save", "--compare", "--stats", "--threshold", "--min-threshold", "-d", "--tempdir"}, arity = "0..1",
            description = "not supported by gkstudio (see the README's gator section)")
    List<String> unsupported = new ArrayList<>();

    @Override
    public Integer call() {
        return run(System.out, System.err);
    }

    int run(PrintStream out, PrintStream err) {
        List<String> engines = switch (engine.toLowerCase(Locale.ROOT)) {
            case "rego" -> List.of("rego");
            case "cel" -> List.of("cel");
            case "all" -> List.of("rego", "cel");
            default -> null;
        };
        if (engines == null) return fail(err, "invalid engine: invalid engine \"" + engine + "\" (valid: rego, cel, all)");
        if (!List.of("", "table", "json", "yaml").contains(output.toLowerCase(Locale.ROOT))) {
            return fail(err, "invalid output format: invalid output format: \"" + output + "\" (valid: table, json, yaml)");
        }
        if (!images.isEmpty() || !unsupported.isEmpty()) {
            return fail(err, "not supported by gkstudio: --image, --tempdir, --stats, --save, --compare, --threshold, --min-threshold");
        }
        if (filenames.isEmpty()) return fail(err, "at least one --filename or --image must be specified");
        if (iterations <= 0) return fail(err, "iterations must be positive");
        if (warmup < 0) return fail(err, "warmup must be non-negative");
        if (concurrency < 1) return fail(err, "concurrency must be at least 1");
        List<GatorBench.Results> results = new ArrayList<>();
        try {
            List<YamlDocument> docs = TestSources.readFiles(filenames);
            for (String e : engines) {
                results.add(GatorBench.run(docs, Engines.engine(), e, new GatorBench.Opts(iterations, warmup, concurrency, memory)));
            }
        } catch (GatorError e) {
            return fail(err, "benchmark failed: " + e.getMessage());
        }
        out.print(BenchOutput.format(results, output));
        out.flush();
        return 0;
    }

    private static int fail(PrintStream err, String msg) {
        err.println(msg);
        return 1;
    }
}
