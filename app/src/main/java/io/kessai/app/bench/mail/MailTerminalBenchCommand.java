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
import java.util.stream.Stream;

/**
 * {@code kessai bench terminal --via email}: payments per second through the e-mail channel ({@link MailLoad}),
 * reached through {@code TerminalBenchCommand}'s {@code --via} option (the HTTPS driver is the default).
 */
public final class MailTerminalBenchCommand {
    static final int MAX_SECONDS = 3_600;
    static final int MAX_RATE = 100_000;
    private static final int MAX_CONNECTIONS = 1_000;
    private static final int MAX_READERS = 10_000;
    private static final int MAX_CARDS = 1_000_000;
    private static final int MAX_OUTBOX_WORKERS = 64;
    private static final long MAX_AMOUNT_MINOR = 999_999_999;
    private static final long MAX_MAILS_PER_RUN = 2_000_000;

    private MailTerminalBenchCommand() {}

    /** Checks the options, runs {@link MailLoad} on a Kessai in a temporary directory, deletes it; returns the exit code. */
    public static int run(PrintWriter out, int rate, int durationSeconds, int warmupSeconds, int connections, int readers,
            int cards, long amountMinor, int outboxWorkers) throws Exception {
        check("--rate", rate, 1, MAX_RATE);
        check("--duration", durationSeconds, 1, MAX_SECONDS);
        check("--warmup", warmupSeconds, 0, MAX_SECONDS);
        check("--connections", connections, 1, MAX_CONNECTIONS);
        check("--readers", readers, 1, MAX_READERS);
        check("--cards", cards, 1, MAX_CARDS);
        check("--outbox-workers", outboxWorkers, 1, MAX_OUTBOX_WORKERS);
        check("--amount", amountMinor, 1, MAX_AMOUNT_MINOR);
        if ((long) rate * (warmupSeconds + durationSeconds) > MAX_MAILS_PER_RUN) {
            throw new UsageException("--rate × (--warmup + --duration): at most " + MAX_MAILS_PER_RUN + " mails in one run");
        }
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
