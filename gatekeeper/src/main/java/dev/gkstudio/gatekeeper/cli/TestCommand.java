package dev.gkstudio.gatekeeper.cli;

import dev.gkstudio.gatekeeper.client.Result;
import dev.gkstudio.gatekeeper.gator.GatorError;
import dev.gkstudio.gatekeeper.gator.GatorTest;
import dev.gkstudio.gatekeeper.util.Emit;
import dev.gkstudio.gatekeeper.yaml.YamlDocument;
import dev.gkstudio.gatekeeper.yaml.YamlException;
import dev.gkstudio.gatekeeper.yaml.YamlLoader;
import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.NullValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.Value;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gkstudio test -f <files|dirs>}: gator test. */
@Command(name = "test", description = "test evaluates resources against policies as defined by constraint templates and constraints.")
public final class TestCommand implements Callable<Integer> {
    @Option(names = {"-f", "--filename"}, description = "a file or directory containing Kubernetes resources. Can be specified multiple times.")
    List<String> filenames = new ArrayList<>();

    @Option(names = {"-o", "--output"}, description = "Output format. One of: json|yaml.")
    String output = "";

    @Option(names = {"-t", "--trace"}, description = "include a trace for the underlying Constraint Framework evaluation.")
    boolean trace;

    @Option(names = "--deny-only", description = "output only denied constraints")
    boolean denyOnly;

    @Option(names = {"-v", "--verbose"}, description = "print extended test output")
    boolean verbose;

    @Option(names = "--enable-k8s-native-validation", arity = "0..1", fallbackValue = "true",
            description = "use the K8sNativeValidation (CEL) engine for templates that have it (default true; false forces Rego)")
    boolean k8sNative = true;

    @Override
    public Integer call() {
        return run(System.out, System.err);
    }

    int run(PrintStream out, PrintStream err) {
        List<YamlDocument> docs;
        List<Result> results;
        try {
            if (filenames.isEmpty()) {
                docs = new ArrayList<>();
                try {
                    String text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
                    for (YamlDocument d : new YamlLoader().loadAll(text)) {
                        if (d.value() instanceof ObjectValue o && o.size() > 0) docs.add(d);
                    }
                } catch (IOException | YamlException e) {
                    throw new GatorError("reading: " + e.getMessage());
                }
            } else {
                docs = GatorTest.readSources(filenames);
            }
            if (docs.isEmpty()) throw new GatorError("no input data identified");
            results = GatorTest.test(docs, Engines.compiler(k8sNative), trace);
        } catch (GatorError e) {
            err.println(e.getMessage());
            return 1;
        }
        List<Result> shown = new ArrayList<>();
        for (Result r : results) if (!denyOnly || r.isDeny()) shown.add(r);
        switch (output.toLowerCase(Locale.ROOT)) {
            case "json" -> {
                Value v = shown.isEmpty() ? NullValue.INSTANCE : ArrayValue.of(GatorTest.resultValues(shown));
                out.print(Emit.jsonIndent(v, "    "));
            }
            case "yaml" -> out.print(shown.isEmpty() ? "[]\n" : Emit.yaml(ArrayValue.of(GatorTest.resultValues(shown))));
            default -> out.print(GatorTest.formatText(shown));
        }
        out.flush();
        return GatorTest.anyDeny(results) ? 1 : 0;
    }
}
