package io.kessai.app;

import io.kessai.app.bench.BenchCommand;
import io.kessai.app.cli.CardCommand;
import io.kessai.app.cli.CenterCommand;
import io.kessai.app.cli.TerminalCommand;
import io.kessai.app.up.UpCommand;
import io.kessai.app.cli.DukptCommand;
import io.kessai.app.cli.EnvelopeCommand;
import io.kessai.app.cli.IssuerCommand;
import io.kessai.app.cli.KeysCommand;
import io.kessai.app.cli.PinBlockCommand;
import io.kessai.app.cli.ReaderCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kessai} command: one entry point, a subcommand per box of DESIGN.md as they come. */
@Command(
        name = "kessai",
        mixinStandardHelpOptions = true,
        versionProvider = KessaiVersion.class,
        description = "Kessai: card payments with a mobile phone.",
        subcommands = {
            DukptCommand.class,
            PinBlockCommand.class,
            CardCommand.class,
            KeysCommand.class,
            ReaderCommand.class,
            EnvelopeCommand.class,
            TerminalCommand.class,
            IssuerCommand.class,
            BenchCommand.class,
            CenterCommand.class,
            UpCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Kessai implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns the exit code; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        return newCommandLine().execute(args);
    }

    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new Kessai());
        commandLine.setParameterExceptionHandler(new OneLineErrors());
        commandLine.setExecutionExceptionHandler(new OneLineErrors());
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
