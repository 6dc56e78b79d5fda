package io.kessai.app.bench.mail;

import io.kessai.app.bench.CpuMeter;
import io.kessai.app.bench.TerminalBenchCommand;
import io.kessai.card.Track2;
import io.kessai.card.TrackRead;
import io.kessai.crypto.envelope.SealedEnvelope;
import io.kessai.reader.CardReader;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The e-mail load driver of {@code kessai bench terminal --via email}: phones' mail servers delivering
 * envelope mails to the center's SMTP listener at a fixed rate (open loop: each mail has its intended
 * send time, and lateness counts in its latency), the center's outbox relaying the answers into
 * {@link MailSink}. Two latencies: the SMTP transaction (the center answers 250 only after the mail is
 * read, the payment authorized with the issuer and the answers stored in the outbox: its own
 * processing) and end to end (until the result mail reached the phone's provider).
 */
public final class MailLoad {
    private static final Currency JPY = Currency.getInstance("JPY");
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_MICRO = 1_000L;
    private static final long RESULT_WAIT_NANOS = 30 * NANOS_PER_SECOND;
    private static final long RESULT_POLL_MILLIS = 20;

    /** What one run does. */
    public record Settings(int ratePerSecond, int warmupSeconds, int durationSeconds, int connections, int readers, int cards,
            long amountMinor, int outboxWorkers) {
        int total() {
            return ratePerSecond * (warmupSeconds + durationSeconds);
        }

        int warmupCount() {
            return ratePerSecond * warmupSeconds;
        }
    }

    private MailLoad() {}

    public static void run(Settings settings, Path directory, PrintWriter out) throws Exception {
        io.kessai.phone.mail.MailStreams.preferAngus();
        try (MailSink sink = new MailSink();
                MailBenchStack stack = MailBenchStack.start(directory, settings.readers(), settings.cards(), sink.port(),
                        settings.outboxWorkers())) {
            out.println("center: SMTP 127.0.0.1:" + stack.smtpPort() + " (" + stack.center.database().description() + "), outbox → sink on "
                    + sink.port());
            out.println("sealing and writing " + settings.total() + " envelope mails (not measured) ...");
            out.flush();
            Session session = Session.getInstance(smtp(stack.smtpPort()));
            List<Prepared> mails = prepare(stack, settings, session);
            out.printf("sending %d/s: %d s warm-up, %d s measured, %d SMTP connections%n", settings.ratePerSecond(),
                    settings.warmupSeconds(), settings.durationSeconds(), settings.connections());
            out.flush();
            Optional<Long> postgresPid = CpuMeter.postmasterPid(directory.resolve("postgres"));
            List<Optional<CpuMeter.Sample>> cpu = new ArrayList<>();
            List<long[]> journal = new ArrayList<>();
            List<long[]> mailWriter = new ArrayList<>();
            // The window for CPU: from the warm-up's last 250 until every answer of the run has left the
            // outbox, so the outbox's work for the measured mails is inside it.
            Runnable sampleCpu = () -> {
                synchronized (cpu) {
                    cpu.add(postgresPid.flatMap(CpuMeter::sample));
                    journal.add(stack.center.journal().groupCommitCounts());
                    mailWriter.add(stack.center.mail().orElseThrow().store().groupCommitCounts());
                }
            };
            Results results = send(mails, settings, session, sampleCpu);
            long deadline = System.nanoTime() + RESULT_WAIT_NANOS;
            while (sink.resultArrivalNanos.size() < results.accepted.get() && System.nanoTime() < deadline) {
                Thread.sleep(RESULT_POLL_MILLIS);
            }
            sampleCpu.run();
            report(settings, mails, results, sink, out);
            CpuMeter.lines(cpu, results.accepted.get() - settings.warmupCount()).forEach(out::println);
            TerminalBenchCommand.journalLines(journal).forEach(out::println);
            commitLines(journal, mailWriter, results.accepted.get() - settings.warmupCount()).forEach(out::println);
            out.flush();
        }
    }

    /**
     * The mail writer's commits (inbox records and answers it writes on its own, the outbox's sent marks)
     * and all group commits per payment, journal and mail writer together, over the measured window.
     */
    private static List<String> commitLines(List<long[]> journal, List<long[]> mailWriter, long payments) {
        if (journal.size() != 2 || mailWriter.size() != 2 || payments <= 0) {
            return List.of();
        }
        long mailCommits = mailWriter.get(1)[0] - mailWriter.get(0)[0];
        long all = mailCommits + journal.get(1)[0] - journal.get(0)[0];
        return List.of("mail-writer-commits: " + mailCommits,
                String.format(Locale.ROOT, "group-commits-per-payment: %.2f", (double) all / payments));
    }

    private record Prepared(String messageId, MimeMessage message, Address[] to) {}

    private static Properties smtp(int port) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", "127.0.0.1");
        p.setProperty("mail.smtp.port", Integer.toString(port));
        p.setProperty("mail.smtp.connectiontimeout", "10000");
        p.setProperty("mail.smtp.timeout", "30000");
        return p;
    }

    private static List<Prepared> prepare(MailBenchStack stack, Settings settings, Session session) throws Exception {
        List<Prepared> mails = new ArrayList<>(settings.total());
        Address[] to = {new InternetAddress(MailBenchStack.CENTER_ADDRESS)};
        LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < settings.total(); i++) {
            int r = i % stack.readers.size();
            CardReader reader = stack.readers.get(r);
            String track2 = stack.track2s.get(i % stack.track2s.size());
            SealedEnvelope envelope = reader.seal(TrackRead.of(Track2.parse(track2), Optional.empty()), settings.amountMinor(), JPY, null, now);
            String messageId = "load." + i + "." + System.nanoTime() + "@phones.bench.kessai.test";
            byte[] raw = raw(stack.phones.get(r), messageId, envelope.toBytes());
            mails.add(new Prepared(messageId, new MimeMessage(session, new ByteArrayInputStream(raw)), to));
        }
        return mails;
    }

    static byte[] raw(String from, String messageId, byte[] envelope) {
        String boundary = "kessai-load-boundary";
        return ("From: " + from + "\r\nTo: " + MailBenchStack.CENTER_ADDRESS + "\r\nSubject: payment\r\nMessage-ID: <" + messageId + ">\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n"
                + "--" + boundary + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\npayment\r\n"
                + "--" + boundary + "\r\nContent-Type: application/vnd.kessai.envelope; name=\"envelope.kenv\"\r\n"
                + "Content-Disposition: attachment; filename=\"envelope.kenv\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(envelope) + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static final class Results {
        final long[] intendedNanos;
        final long[] ackNanos;
        final long[] serviceNanos;
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        long startNanos;

        Results(int total) {
            intendedNanos = new long[total];
            ackNanos = new long[total];
            serviceNanos = new long[total];
        }
    }

    private static Results send(List<Prepared> mails, Settings settings, Session session, Runnable windowStart)
            throws InterruptedException {
        Results results = new Results(mails.size());
        if (settings.warmupCount() == 0) {
            windowStart.run();
        }
        results.startNanos = System.nanoTime() + NANOS_PER_SECOND / 10;
        AtomicInteger errorsShown = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < settings.connections(); t++) {
            int first = t;
            threads.add(Thread.ofPlatform().name("mail-load-" + t).start(() -> {
                Transport transport = null;
                for (int k = first; k < mails.size(); k += settings.connections()) {
                    long intended = results.startNanos + k * NANOS_PER_SECOND / settings.ratePerSecond();
                    results.intendedNanos[k] = intended;
                    long wait = intended - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    long begin = System.nanoTime();
                    try {
                        // Kept open between mails; not checked with isConnected(), which costs a NOOP round trip
                        // per mail: a dropped connection fails the send, counts as refused, and is opened again.
                        if (transport == null) {
                            transport = session.getTransport("smtp");
                            transport.connect();
                        }
                        transport.sendMessage(mails.get(k).message(), mails.get(k).to());
                        long end = System.nanoTime();
                        results.ackNanos[k] = end;
                        results.serviceNanos[k] = end - begin;
                        if (results.accepted.incrementAndGet() == settings.warmupCount()) {
                            windowStart.run();
                        }
                    } catch (Exception e) {
                        results.refused.incrementAndGet();
                        if (errorsShown.incrementAndGet() <= 5) {
                            System.err.println("mail bench: " + e.getMessage());
                        }
                        closeQuietly(transport);
                        transport = null;
                    }
                }
                if (transport != null) {
                    try {
                        transport.close();
                    } catch (Exception e) {
                        // the run is over
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return results;
    }

    private static void closeQuietly(Transport transport) {
        if (transport != null) {
            try {
                transport.close();
            } catch (Exception e) {
                // it failed already
            }
        }
    }

    private static void report(Settings settings, List<Prepared> mails, Results results, MailSink sink, PrintWriter out) {
        int from = settings.warmupCount();
        int measured = mails.size() - from;
        long[] ack = new long[measured];
        long[] service = new long[measured];
        long[] endToEnd = new long[measured];
        int acks = 0;
        int ends = 0;
        long lastAck = 0;
        for (int k = from; k < mails.size(); k++) {
            if (results.ackNanos[k] == 0) {
                continue;
            }
            ack[acks] = (results.ackNanos[k] - results.intendedNanos[k]) / NANOS_PER_MICRO;
            service[acks] = results.serviceNanos[k] / NANOS_PER_MICRO;
            acks++;
            lastAck = Math.max(lastAck, results.ackNanos[k]);
            Long arrived = sink.resultArrivalNanos.get(mails.get(k).messageId());
            if (arrived != null) {
                endToEnd[ends++] = (arrived - results.intendedNanos[k]) / NANOS_PER_MICRO;
            }
        }
        long windowStart = results.startNanos + (long) from * NANOS_PER_SECOND / settings.ratePerSecond();
        double seconds = Math.max(1, lastAck - windowStart) / (double) NANOS_PER_SECOND;
        out.println("processors: " + Runtime.getRuntime().availableProcessors());
        out.printf("measured: %d mails sent, %d taken in (250), %d refused or failed; %.1f payments/s taken in%n", measured, acks,
                results.refused.get(), acks / seconds);
        out.println("center processing (SMTP DATA to 250: read, authorize, journal, queue answers), from the intended send time: "
                + percentiles(ack, acks));
        out.println("center processing, from the actual send (no client queueing): " + percentiles(service, acks));
        out.println("end to end (intended send to result mail at the phones' provider): " + percentiles(endToEnd, ends) + ", "
                + ends + " of " + acks + " result mails arrived");
        out.println("mails the outbox delivered in the whole run (results and additional-items requests): " + sink.mails.get());
        out.flush();
    }

    static String percentiles(long[] micros, int count) {
        if (count == 0) {
            return "no samples";
        }
        long[] sorted = Arrays.copyOf(micros, count);
        Arrays.sort(sorted);
        return String.format("p50 %s, p90 %s, p99 %s, p99.9 %s, max %s", ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99),
                ms(sorted, 0.999), ms(sorted, 1.0));
    }

    private static String ms(long[] sorted, double quantile) {
        int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(quantile * sorted.length) - 1));
        return String.format("%.1f ms", sorted[index] / 1000.0);
    }
}
