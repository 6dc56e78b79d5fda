package io.kessai.app.bench;

import io.kessai.app.bench.mail.MailTerminalBenchCommand;
import ch.qos.logback.classic.Level;
import io.kessai.app.UsageException;
import io.kessai.center.http.ConfigValues;
import io.kessai.center.ops.LogFormat;
import io.kessai.center.ops.LogSetup;
import io.kessai.phone.CenterTrust;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kessai bench terminal}: the center's throughput over the HTTPS terminal API. Starts a complete
 * Kessai in this process ({@link BenchStack}: embedded PostgreSQL with durability on, two card companies
 * over TCP, the center on HTTPS, R readers), seals every envelope first, then sends them open-loop at a
 * fixed rate and reports outcomes and latency percentiles (docs/benchmarks.md, docs/cli.md).
 */
@Command(name = "terminal", mixinStandardHelpOptions = true,
        description = {"Payments per second through POST /v1/terminal/envelopes: starts Kessai in this process (temporary",
            "directory, durability on), seals the envelopes, sends them at a fixed rate, prints a progress line each second,",
            "then outcome counts and latency percentiles (from each request's intended send time)."})
public final class TerminalBenchCommand implements Callable<Integer> {
    static final int MAX_SECONDS = 3_600;
    static final int MAX_READERS = 10_000;
    static final int MAX_IN_FLIGHT = 10_000;
    static final int MAX_CARDS = 1_000_000;
    static final int SEAL_THREADS = 2;

    @Spec CommandSpec spec;

    @Option(names = "--rate", defaultValue = "3000", paramLabel = "N", description = "Envelopes per second (default: ${DEFAULT-VALUE}).")
    int rate;
    @Option(names = "--duration", defaultValue = "60", paramLabel = "S", description = "Measured seconds (default: ${DEFAULT-VALUE}).")
    int durationSeconds;
    @Option(names = "--warmup", defaultValue = "10", paramLabel = "S",
            description = "Seconds at the same rate before measuring, not counted (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;
    @Option(names = "--readers", defaultValue = "16", paramLabel = "R", description = "Readers sending (default: ${DEFAULT-VALUE}).")
    int readers;
    @Option(names = "--concurrency", defaultValue = "256", paramLabel = "N",
            description = "At most this many requests in flight; a request due while all are busy waits, and the wait counts"
                    + " in its latency (default: ${DEFAULT-VALUE}).")
    int concurrency;
    @Option(names = "--cards", defaultValue = "1000", paramLabel = "N", description = "Cards per card company (default: ${DEFAULT-VALUE}).")
    int cards;
    @Option(names = "--amount", defaultValue = "100", paramLabel = "N", description = "Yen per payment (default: ${DEFAULT-VALUE}).")
    long amountMinor;
    @Option(names = "--timeout-seconds", defaultValue = "10", paramLabel = "S",
            description = "Per request, and for the last answers at the end (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;
    @Option(names = "--via", defaultValue = "https", paramLabel = "CHANNEL",
            description = "https (default): POST /v1/terminal/envelopes; email: SMTP in, the outbox's SMTP out (docs/benchmarks.md).")
    String via;
    @Option(names = "--connections", defaultValue = "64", paramLabel = "N",
            description = "--via email: SMTP connections delivering in parallel, as the phones' mail servers (default: ${DEFAULT-VALUE}).")
    int mailConnections;
    @Option(names = "--outbox-workers", defaultValue = "4", paramLabel = "N",
            description = "--via email: the center's outbox workers (KESSAI_MAIL_OUTBOX_WORKERS; default: ${DEFAULT-VALUE}).")
    int outboxWorkers;
    @Option(names = "--data", paramLabel = "DIR",
            description = "Where the stack keeps its data and log (must not exist; kept afterwards). Default: a temporary"
                    + " directory, deleted after the run.")
    Path data;

    @Override
    public Integer call() throws Exception {
        if ("email".equals(via)) {
            return MailTerminalBenchCommand.run(spec.commandLine().getOut(), rate, durationSeconds, warmupSeconds, mailConnections,
                    readers, cards, amountMinor, outboxWorkers);
        }
        if (!"https".equals(via)) {
            throw new UsageException("--via: https or email, got '" + via + "'");
        }
        validate();
        PrintWriter out = spec.commandLine().getOut();
        Path directory = data != null ? Files.createDirectories(data) : Files.createTempDirectory("kessai-bench-terminal");
        Path log = directory.resolve("kessai.log");
        try (OutputStream logFile = new BufferedOutputStream(Files.newOutputStream(log))) {
            LogSetup.configure(LogFormat.TEXT, Level.INFO, logFile);
            OpenLoopRun.Settings settings = new OpenLoopRun.Settings(rate, warmupSeconds, durationSeconds, concurrency,
                    Duration.ofSeconds(timeoutSeconds).toMillis());
            out.println("kessai bench terminal: starting Kessai in " + directory + " (log: " + log + ") ...");
            out.flush();
            try (BenchStack stack = BenchStack.start(directory, readers, cards)) {
                out.println("center: " + stack.center().baseUri() + " (" + stack.center().database().description() + ")");
                out.println("readers: " + readers + ", cards: " + stack.track2s().size() + ", card companies: "
                        + BenchStack.ISSUERS.size() + " over TCP");
                out.println("sealing " + settings.totalRequests() + " envelopes (not measured) ...");
                out.flush();
                long sealStart = System.nanoTime();
                List<byte[]> envelopes = PreSealedEnvelopes.seal(stack.readers(), stack.track2s(), settings.totalRequests(),
                        amountMinor, SEAL_THREADS);
                out.printf("sealed in %d ms; sending %d/s: %d s warm-up, %d s measured, at most %d in flight%n",
                        Duration.ofNanos(System.nanoTime() - sealStart).toMillis(), rate, warmupSeconds, durationSeconds, concurrency);
                out.flush();
                BenchReport report;
                Optional<Long> postgresPid = CpuMeter.postmasterPid(directory.resolve("postgres"));
                List<Optional<CpuMeter.Sample>> cpu = new ArrayList<>();
                List<long[]> journal = new ArrayList<>();
                PhaseLatencies phases = new PhaseLatencies(stack.center().paymentMetrics());
                Runnable sampleCpu = () -> {
                    cpu.add(postgresPid.flatMap(CpuMeter::sample));
                    journal.add(stack.center().journal().groupCommitCounts());
                    phases.sample();
                };
                try (HttpsEnvelopeSender sender = new HttpsEnvelopeSender(stack.center().baseUri(),
                        CenterTrust.pinned(stack.center().certificateFile()), Duration.ofSeconds(timeoutSeconds), concurrency)) {
                    report = new OpenLoopRun(settings, sender, line -> {
                        String phasesLastSecond = phases.sinceLastCall();
                        out.println(phasesLastSecond.isEmpty() ? line : line + " | " + phasesLastSecond);
                        out.flush();
                    }, RatePacer.NanoClock.SYSTEM).onMeasuredWindow(sampleCpu, sampleCpu).run(envelopes);
                }
                out.println("processors: " + Runtime.getRuntime().availableProcessors());
                out.println("durability: embedded PostgreSQL, fsync on, synchronous_commit on");
                report.lines().forEach(out::println);
                CpuMeter.lines(cpu, report.completed()).forEach(out::println);
                journalLines(journal).forEach(out::println);
                phases.lines().forEach(out::println);
                out.flush();
            }
        } finally {
            // The log file is closed: logging goes back where the command line sends it.
            LogSetup.configureFromEnvironment(ConfigValues.fromEnvironment());
            if (data == null) {
                TemporaryDirectories.deleteTree(directory);
            }
        }
        return 0;
    }

    private static final double NANOS_PER_MILLI = 1e6;

    /** The journal's group commit over the measured window (ADR 0010): commits, writes and time per commit. */
    public static List<String> journalLines(List<long[]> samples) {
        if (samples.size() != 2) {
            return List.of();
        }
        long commits = samples.get(1)[0] - samples.get(0)[0];
        long writes = samples.get(1)[1] - samples.get(0)[1];
        if (commits == 0) {
            return List.of("journal-commits: 0");
        }
        double statementMillis = (samples.get(1)[2] - samples.get(0)[2]) / NANOS_PER_MILLI / commits;
        double commitMillis = (samples.get(1)[3] - samples.get(0)[3]) / NANOS_PER_MILLI / commits;
        return List.of("journal-commits: " + commits,
                String.format(Locale.ROOT, "journal-writes-per-commit: %.1f", (double) writes / commits),
                String.format(Locale.ROOT, "journal-ms-per-commit: statement %.2f, commit %.2f", statementMillis, commitMillis));
    }

    private void validate() {
        requireRange("--rate", rate, 1, RatePacer.MAX_RATE_PER_SECOND);
        requireRange("--duration", durationSeconds, 1, MAX_SECONDS);
        requireRange("--warmup", warmupSeconds, 0, MAX_SECONDS);
        requireRange("--readers", readers, 1, MAX_READERS);
        requireRange("--concurrency", concurrency, 1, MAX_IN_FLIGHT);
        requireRange("--cards", cards, 1, MAX_CARDS);
        requireRange("--timeout-seconds", timeoutSeconds, 1, MAX_SECONDS);
        if (amountMinor < 1 || amountMinor > BenchStack.CARD_LIMIT_MINOR) {
            throw new UsageException("--amount: must be 1.." + BenchStack.CARD_LIMIT_MINOR + ", got " + amountMinor);
        }
        if ((long) rate * (warmupSeconds + durationSeconds) > Integer.MAX_VALUE) {
            throw new UsageException("--rate × (--warmup + --duration): more envelopes than one run can hold");
        }
        if (data != null && Files.exists(data)) {
            throw new UsageException("--data: " + data + " exists already; a run starts from an empty directory");
        }
    }

    private static void requireRange(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new UsageException(option + ": must be " + min + ".." + max + ", got " + value);
        }
    }
}
