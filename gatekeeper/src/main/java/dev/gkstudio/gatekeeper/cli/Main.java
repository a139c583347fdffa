package dev.gkstudio.gatekeeper.cli;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
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

    /**
     * Subcommands started without building the whole command tree: picocli introspects every registered command
     * by reflection, a quarter of a one-object {@code test}'s start-up.
     */
    private static final Map<String, Supplier<Object>> DIRECT = Map.of(
            "test", TestCommand::new, "verify", VerifyCommand::new, "expand", ExpandCommand::new);

    @SuppressWarnings("unchecked")
    public static int execute(String... args) {
        Supplier<Object> direct = args.length > 0 ? DIRECT.get(args[0]) : null;
        if (direct != null) {
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            Object quick = direct.get();
            if (QuickArgs.bind(quick, rest)) {
                try {
                    return ((java.util.concurrent.Callable<Integer>) quick).call();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            CommandLine cl = new CommandLine(direct.get());
            cl.setCommandName("gkstudio " + args[0]);
            return cl.execute(rest);
        }
        return new CommandLine(new Main()).execute(args);
    }

    public static void main(String[] args) {
        // The JSON-schema library logs through SLF4J and the CLI ships no provider: without this, SLF4J itself
        // prints three warning lines on stderr, which gator's output does not have.
        if (System.getProperty("slf4j.internal.verbosity") == null) System.setProperty("slf4j.internal.verbosity", "ERROR");
        System.exit(execute(args));
    }
}
