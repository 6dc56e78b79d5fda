package io.kessai.app.bench;

import io.kessai.app.bench.mail.MailTerminalBenchCommand;
import picocli.CommandLine.Command;

/** {@code kessai bench}: load runs against a complete Kessai on this machine (docs/benchmarks.md). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Load runs against a complete Kessai started on this machine (docs/benchmarks.md).",
        subcommands = MailTerminalBenchCommand.class)
public final class BenchCommand {
}
