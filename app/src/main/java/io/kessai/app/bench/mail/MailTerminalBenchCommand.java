package io.kessai.app.bench.mail;

import ch.qos.logback.classic.Level;
import io.kessai.app.UsageException;
import io.kessai.center.ops.LogFormat;
import io.kessai.center.ops.LogSetup;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kessai bench terminal --via email}: payments per second through the e-mail channel ({@link MailLoad}).
 * The HTTPS variant ({@code --via https}) joins this command as another driver behind the same option.
 */
@Command(name = "terminal", mixinStandardHelpOptions = true,
        description = {"Payments per second through the terminal channel: starts Kessai in this process (temporary directory),",
            "seals the envelopes, sends them at a fixed rate, then prints throughput and latency percentiles."})
public final class MailTerminalBenchCommand implements Callable<Integer> {
    static final int MAX_SECONDS = 3_600;
    static final int MAX_RATE = 100_000;

    @Spec CommandSpec spec;

    @Option(names = "--via", defaultValue = "email", paramLabel = "CHANNEL", description = "email (this driver).") String via;
    @Option(names = "--rate", defaultValue = "500", paramLabel = "N", description = "Mails per second (default: ${DEFAULT-VALUE}).")
    int rate;
    @Option(names = "--duration", defaultValue = "30", paramLabel = "S", description = "Measured seconds (default: ${DEFAULT-VALUE}).")
    int durationSeconds;
    @Option(names = "--warmup", defaultValue = "10", paramLabel = "S", description = "Seconds before measuring (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;
    @Option(names = "--connections", defaultValue = "64", paramLabel = "N",
            description = "SMTP connections delivering in parallel, as the phones' mail servers (default: ${DEFAULT-VALUE}).")
    int connections;
    @Option(names = "--readers", defaultValue = "64", paramLabel = "R", description = "Readers, each with its phone (default: ${DEFAULT-VALUE}).")
    int readers;
    @Option(names = "--cards", defaultValue = "1000", paramLabel = "N", description = "Cards (default: ${DEFAULT-VALUE}).") int cards;
    @Option(names = "--amount", defaultValue = "100", paramLabel = "N", description = "Yen per payment (default: ${DEFAULT-VALUE}).")
    long amountMinor;
    @Option(names = "--outbox-workers", defaultValue = "4", paramLabel = "N",
            description = "The center's outbox workers (KESSAI_MAIL_OUTBOX_WORKERS; default: ${DEFAULT-VALUE}).") int outboxWorkers;

    @Override
    public Integer call() throws Exception {
        if (!"email".equals(via)) {
            throw new UsageException("--via: this build drives email; got '" + via + "'");
        }
        check("--rate", rate, 1, MAX_RATE);
        check("--duration", durationSeconds, 1, MAX_SECONDS);
        check("--warmup", warmupSeconds, 0, MAX_SECONDS);
        check("--connections", connections, 1, 1_000);
        check("--readers", readers, 1, 10_000);
        check("--cards", cards, 1, 1_000_000);
        check("--outbox-workers", outboxWorkers, 1, 64);
        check("--amount", amountMinor, 1, 999_999_999);
        if ((long) rate * (warmupSeconds + durationSeconds) > 2_000_000) {
            throw new UsageException("--rate × (--warmup + --duration): at most 2000000 mails in one run");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path directory = Files.createTempDirectory("kessai-bench-mail");
        Path log = directory.resolve("kessai.log");
        out.println("kessai bench terminal --via email: starting Kessai in " + directory + " (log: " + log + ", deleted after) ...");
        out.flush();
        try (OutputStream logFile = new BufferedOutputStream(Files.newOutputStream(log))) {
            LogSetup.configure(LogFormat.TEXT, Level.WARN, logFile);
            MailLoad.run(new MailLoad.Settings(rate, warmupSeconds, durationSeconds, connections, readers, cards, amountMinor,
                    outboxWorkers), directory, out);
        } finally {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }

    private static void check(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new UsageException(option + ": must be " + min + ".." + max + ", got " + value);
        }
    }
}
