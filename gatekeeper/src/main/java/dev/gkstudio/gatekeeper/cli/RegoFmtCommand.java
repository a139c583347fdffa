package dev.gkstudio.gatekeeper.cli;

import dev.gkstudio.gatekeeper.regotool.Errors;
import dev.gkstudio.gatekeeper.regotool.LineDiff;
import dev.gkstudio.gatekeeper.regotool.LoadedFiles;
import dev.gkstudio.gatekeeper.regotool.RegoLoader;
import dev.gkstudio.gatekeeper.regotool.RegoToolException;
import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.ast.SourceFile;
import dev.gkstudio.rego.format.RegoFormatter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gkstudio rego fmt [-d|-l|-w] PATH...}: {@code opa fmt}. Without a flag the formatted files go to stdout;
 * {@code -l} lists the files whose formatting differs, {@code -d} prints the differences, {@code -w} rewrites them.
 * {@code --fail} exits 2 when a file is not formatted; a file that does not parse exits 1.
 */
@Command(name = "fmt", description = "Format Rego source files")
public final class RegoFmtCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH")
    List<String> paths;

    @Option(names = {"-d", "--diff"}, description = "only display a diff of the changes")
    boolean diff;

    @Option(names = {"-l", "--list"}, description = "list all files who would change when formatted")
    boolean list;

    @Option(names = {"-w", "--write"}, description = "overwrite the original source file")
    boolean write;

    @Option(names = "--fail", description = "non zero exit code on reformat")
    boolean fail;

    @Option(names = "--v0-compatible", description = "parse and format as Rego v0 (default Rego v1)")
    boolean v0;

    @Override
    public Integer call() {
        return run(System.out, System.err);
    }

    int run(PrintStream out, PrintStream err) {
        LoadedFiles files;
        try {
            files = RegoLoader.load(paths);
        } catch (RegoToolException e) {
            err.println(e.getMessage());
            return 1;
        }
        RegoVersion version = v0 ? RegoVersion.V0 : RegoVersion.V1;
        boolean changed = false;
        for (SourceFile f : files.modules()) {
            String formatted;
            try {
                formatted = RegoFormatter.format(f.name(), f.text(), version);
            } catch (RegoFormatter.FormatException e) {
                err.println("failed to parse Rego source file: " + Errors.format(e.diagnostics()));
                return 1;
            }
            boolean differs = !formatted.equals(f.text());
            changed |= differs;
            if (list) {
                if (differs) out.println(f.name());
            } else if (diff) {
                if (differs) out.print(LineDiff.unified(f.name(), f.text(), formatted));
            } else if (write) {
                if (differs) {
                    try {
                        Files.writeString(Path.of(f.name()), formatted, StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        err.println("failed to write " + f.name() + ": " + e.getMessage());
                        return 1;
                    }
                }
            } else {
                out.print(formatted);
            }
        }
        out.flush();
        return fail && changed ? 2 : 0;
    }
}
