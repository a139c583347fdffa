package dev.gkstudio.gatekeeper.cli;

import dev.gkstudio.gatekeeper.gator.GatorError;
import dev.gkstudio.gatekeeper.gator.GatorExpand;
import dev.gkstudio.gatekeeper.gator.TestSources;
import dev.gkstudio.gatekeeper.yaml.YamlDocument;
import dev.gkstudio.rego.value.ObjectValue;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gkstudio expand -n <files|dirs>}: gator expand. */
@Command(name = "expand", description = "expand allow for testing generator resource expansion configs by expanding a generator resource and outputting the resultant resource(s)")
public final class ExpandCommand implements Callable<Integer> {
    @Option(names = {"-n", "--filename"}, description = "a file or directory containing Kubernetes resources.  Can be specified multiple times.")
    List<String> filenames = new ArrayList<>();

    @Option(names = {"-f", "--format"}, description = "Output format.  One of: json|yaml.")
    String format = "";

    @Option(names = {"-o", "--outputfile"}, description = "Output file path. If the file already exists, it will be overwritten.")
    String outputFile = "";

    @Option(names = {"-i", "--image"}, description = "a URL to an OCI image containing policies (not supported by gkstudio).")
    List<String> images = new ArrayList<>();

    @Option(names = {"-d", "--tempdir"}, description = "temporary directory for --image (not supported by gkstudio).")
    String tempDir = "";

    @Override
    public Integer call() {
        return run(System.out, System.err);
    }

    int run(PrintStream out, PrintStream err) {
        List<YamlDocument> docs;
        try {
            if (!images.isEmpty()) {
                throw new GatorError("pulling image: OCI images are not supported by gkstudio; unpack the image and pass its directory with -n");
            }
            if (filenames.isEmpty()) {
                try {
                    docs = TestSources.readStdin(new String(System.in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new GatorError("reading from stdin: getting stdin info: " + e.getMessage());
                }
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
        List<ObjectValue> resultants;
        try {
            resultants = GatorExpand.expand(docs);
        } catch (GatorError e) {
            err.println("error expanding resources: " + e.getMessage());
            return 1;
        }
        String text;
        try {
            text = GatorExpand.format(resultants, format);
        } catch (IllegalArgumentException e) {
            err.println("unrecognized value for format flag: " + format);
            return 1;
        }
        if (outputFile.isEmpty()) {
            out.println(text);
        } else {
            out.println("Writing output to file: " + outputFile);
            try {
                Files.writeString(Path.of(outputFile), text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("error creating file at path " + outputFile + ": " + e.getMessage());
                return 1;
            }
        }
        out.flush();
        return 0;
    }
}
