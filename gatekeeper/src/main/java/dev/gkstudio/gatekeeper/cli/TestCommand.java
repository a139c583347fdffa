package dev.gkstudio.gatekeeper.cli;

import dev.gkstudio.gatekeeper.client.Result;
import dev.gkstudio.gatekeeper.gator.GatorError;
import dev.gkstudio.gatekeeper.gator.GatorOutput;
import dev.gkstudio.gatekeeper.gator.GatorTest;
import dev.gkstudio.gatekeeper.gator.TestSources;
import dev.gkstudio.gatekeeper.yaml.YamlDocument;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gkstudio test -f <files|dirs>}: gator test. */
@Command(name = "test", description = "test evaluates resources against policies as defined by constraint templates and constraints.")
public final class TestCommand implements Callable<Integer> {
    @Option(names = {"-f", "--filename"}, description = "a file or directory containing Kubernetes resources.  Can be specified multiple times.")
    List<String> filenames = new ArrayList<>();

    @Option(names = {"-o", "--output"}, description = "Output format.  One of: json|yaml.")
    String output = "";

    @Option(names = {"-t", "--trace"}, arity = "0..1", fallbackValue = "true",
            description = "include a trace for the underlying Constraint Framework evaluation.")
    boolean trace;

    @Option(names = "--stats", arity = "0..1", fallbackValue = "true",
            description = "include performance stats returned from the Constraint Framework.")
    boolean stats;

    @Option(names = "--deny-only", arity = "0..1", fallbackValue = "true", description = "output only denied constraints")
    boolean denyOnly;

    @Option(names = {"-v", "--verbose"}, arity = "0..1", fallbackValue = "true", description = "print extended test output")
    boolean verbose;

    @Option(names = {"-i", "--image"}, description = "a URL to an OCI image containing policies (not supported by gkstudio).")
    List<String> images = new ArrayList<>();

    @Option(names = {"-d", "--tempdir"}, description = "temporary directory for --image (not supported by gkstudio).")
    String tempDir = "";

    @Option(names = "--enable-k8s-native-validation", arity = "0..1", fallbackValue = "true",
            description = "enable the validating admission policy driver (default true; false forces Rego)")
    boolean k8sNative = true;

    @Override
    public Integer call() {
        return run(System.out, System.err);
    }

    int run(PrintStream out, PrintStream err) {
        List<YamlDocument> docs;
        try {
            if (!images.isEmpty()) {
                throw new GatorError("pulling image: OCI images are not supported by gkstudio; unpack the image and pass its directory with -f");
            }
            if (filenames.isEmpty()) {
                // gator also reads a piped stdin next to -f; here stdin is read only without -f, so that a CI step
                // whose stdin is an open pipe cannot hang (see the README's gator section).
                String text;
                try {
                    text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new GatorError("reading from stdin: getting stdin info: " + e.getMessage());
                }
                docs = TestSources.readStdin(text);
            } else {
                docs = TestSources.readFiles(filenames);
            }
        } catch (GatorError e) {
            err.println("reading: " + e.getMessage());
            return 1;
        }
        if (docs.isEmpty()) {
            err.println("no input data identified");
            return 1;
        }
        GatorTest.Outcome outcome;
        try {
            outcome = GatorTest.test(docs, Engines.compiler(k8sNative), new GatorTest.Options(trace, stats, verbose), out::println);
        } catch (GatorError e) {
            err.println("auditing objects: " + e.getMessage());
            return 1;
        }
        List<Result> shown = new ArrayList<>();
        for (Result r : outcome.results()) if (!denyOnly || r.isDeny()) shown.add(r);
        out.print(GatorOutput.format(output, shown, outcome));
        out.flush();
        return GatorTest.anyDeny(outcome.results()) ? 1 : 0;
    }
}
