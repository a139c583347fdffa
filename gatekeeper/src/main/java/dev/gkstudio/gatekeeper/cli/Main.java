package dev.gkstudio.gatekeeper.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gkstudio}: a gator-compatible command line. */
@Command(name = "gkstudio", mixinStandardHelpOptions = true, version = "gkstudio 0.1.0",
        description = "Gatekeeper Studio command line (gator compatible).",
        subcommands = {VerifyCommand.class, TestCommand.class, ExpandCommand.class, VapCommand.class, BenchCommand.class,
                RegoCommand.class, DebugAdapterCommand.class})
public final class Main implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static int execute(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    public static void main(String[] args) {
        // The JSON-schema library logs through SLF4J and the CLI ships no provider: without this, SLF4J itself
        // prints three warning lines on stderr, which gator's output does not have.
        if (System.getProperty("slf4j.internal.verbosity") == null) System.setProperty("slf4j.internal.verbosity", "ERROR");
        System.exit(execute(args));
    }
}
