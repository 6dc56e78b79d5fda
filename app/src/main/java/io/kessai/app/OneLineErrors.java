package io.kessai.app;

import io.kessai.card.CardDataException;
import io.kessai.crypto.pin.PinBlockException;
import picocli.CommandLine;

/**
 * Turns every error into one line on stderr, naming the command and what was wrong, and the exit code
 * of {@link ExitCodes}. Bad input never gets a stack trace: a person can act on a sentence, not on one.
 */
final class OneLineErrors
        implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        cmd.getErr().println(prefix(cmd) + ex.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(
            Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        int code;
        if (ex instanceof UsageException
                || ex instanceof IllegalArgumentException
                || ex instanceof CardDataException
                || ex instanceof PinBlockException) {
            code = ExitCodes.USAGE;
        } else if (ex instanceof RefusedException) {
            code = ExitCodes.REFUSED;
        } else {
            // Not bad input: an internal failure. Still one line, but say what kind it was.
            cmd.getErr().println(prefix(cmd) + ex.getClass().getSimpleName() + ": " + ex.getMessage());
            return ExitCodes.REFUSED;
        }
        cmd.getErr().println(prefix(cmd) + ex.getMessage());
        return code;
    }

    private static String prefix(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName() + ": ";
    }
}
