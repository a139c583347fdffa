package dev.gkstudio.gatekeeper.cli;

import dev.gkstudio.gatekeeper.regotool.EvalPrinter;
import dev.gkstudio.gatekeeper.regotool.LoadedFiles;
import dev.gkstudio.gatekeeper.regotool.QueryEvaluator;
import dev.gkstudio.gatekeeper.regotool.RegoLoader;
import dev.gkstudio.gatekeeper.regotool.RegoToolException;
import dev.gkstudio.gatekeeper.yaml.YamlDocument;
import dev.gkstudio.gatekeeper.yaml.YamlException;
import dev.gkstudio.gatekeeper.yaml.YamlLoader;
import dev.gkstudio.rego.result.PrintLine;
import dev.gkstudio.rego.ast.Diagnostic;
import dev.gkstudio.rego.ast.Location;
import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.Value;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gkstudio rego eval [-d PATH]... [-i FILE] [-f json|pretty|raw] QUERY}: {@code opa eval}. Exit 1 on errors
 * (printed as JSON on stdout for {@code -f json}, as text on stderr otherwise), and with {@code --fail} when the
 * query is undefined; {@code print()} output goes to stderr.
 */
@Command(name = "eval", description = "Evaluate a Rego query")
public final class RegoEvalCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "QUERY")
    String query;

    @Option(names = {"-d", "--data"}, description = "set policy or data file(s); repeatable")
    List<String> data = new ArrayList<>();

    @Option(names = {"-i", "--input"}, description = "set input file path (JSON or YAML)")
    String input;

    @Option(names = {"-f", "--format"}, description = "set output format: json, pretty, raw (default json)")
    String format = "json";

    @Option(names = "--fail", description = "exits with non-zero exit code on undefined result")
    boolean fail;

    @Option(names = "--fail-defined", description = "exits with non-zero exit code on defined result")
    boolean failDefined;

    @Option(names = "--v0-compatible", description = "parse modules as Rego v0 (default Rego v1)")
    boolean v0;

    @Override
    public Integer call() {
        return run(System.out, System.err);
    }

    int run(PrintStream out, PrintStream err) {
        if (!List.of("json", "pretty", "raw").contains(format)) {
            err.println("invalid argument \"" + format + "\" for \"-f, --format\" flag: must be one of {json,pretty,raw}");
            return 1;
        }
        QueryEvaluator.Outcome o;
        try {
            LoadedFiles files = RegoLoader.load(data);
            Value in = input == null ? null : readInput(input);
            o = QueryEvaluator.eval(files.modules(), files.data(), in, query, v0 ? RegoVersion.V0 : RegoVersion.V1,
                    Duration.ofSeconds(30));
        } catch (RegoToolException e) {
            if (!format.equals("json")) {
                err.println(e.getMessage());
                return 1;
            }
            o = new QueryEvaluator.Outcome(List.of(), List.of(new Diagnostic("", e.getMessage(), Location.NONE)), List.of());
        }
        for (PrintLine p : o.prints()) err.println(p.text());
        if (!o.ok()) {
            if (format.equals("json")) out.print(EvalPrinter.json(o));
            else err.println(EvalPrinter.errors(o.errors()));
            return 1;
        }
        switch (format) {
            case "pretty" -> out.print(EvalPrinter.pretty(o));
            case "raw" -> out.print(EvalPrinter.raw(o));
            default -> out.print(EvalPrinter.json(o));
        }
        out.flush();
        if (fail && o.rows().isEmpty()) return 1;
        if (failDefined && !o.rows().isEmpty()) return 1;
        return 0;
    }

    private static Value readInput(String file) throws RegoToolException {
        try {
            String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            if (file.endsWith(".json")) return Json.parse(text);
            List<YamlDocument> docs = new YamlLoader().loadAll(text);
            if (docs.size() != 1) throw new RegoToolException(file + ": expected a single document");
            return docs.get(0).value();
        } catch (IOException e) {
            throw new RegoToolException("open " + file + ": no such file or directory");
        } catch (Json.ParseException | YamlException e) {
            throw new RegoToolException(file + ": " + e.getMessage());
        }
    }
}
