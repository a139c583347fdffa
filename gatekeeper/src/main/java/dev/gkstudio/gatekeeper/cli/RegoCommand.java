package dev.gkstudio.gatekeeper.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code gkstudio rego ...}: the {@code opa test / eval / fmt / check} subset for policy authors. */
@Command(name = "rego", description = "Rego tools with opa's output and exit codes (test, eval, fmt, check)",
        subcommands = {RegoTestCommand.class, RegoEvalCommand.class, RegoFmtCommand.class, RegoCheckCommand.class})
public final class RegoCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
