package io.kessai.center.mail;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The e-mail channel's meters: mails taken in by what was done with them
 * ({@code kessai_mail_received_total{disposition}}), how long the center took per mail
 * ({@code kessai_mail_processing_duration_seconds}, SMTP DATA or IMAP message to answers stored), and the
 * outbox by state ({@code kessai_mail_outbox{state}}) and the wait of its oldest pending mail
 * ({@code kessai_mail_outbox_oldest_pending_seconds}), read from the table at each scrape.
 */
public final class MailMetrics {
    /** For tests and tools that run a channel without a registry. */
    public static final MailMetrics NONE = new MailMetrics();
    private static final List<String> OUTBOX_STATES = List.of("PENDING", "SENT", "BOUNCED", "FAILED");
    private static final Duration SHORTEST_EXPECTED = Duration.ofMillis(1);
    private static final Duration LONGEST_EXPECTED = Duration.ofSeconds(60);

    private final Map<MailStore.Disposition, Counter> received = new EnumMap<>(MailStore.Disposition.class);
    private final Timer processing;

    private MailMetrics() {
        this.processing = null;
    }

    public MailMetrics(MeterRegistry registry, MailStore store) {
        for (MailStore.Disposition disposition : MailStore.Disposition.values()) {
            received.put(disposition, Counter.builder("kessai.mail.received").tag("disposition", disposition.name().toLowerCase(Locale.ROOT))
                    .description("Mails taken in, by what the center did with them").register(registry));
        }
        processing = Timer.builder("kessai.mail.processing.duration").description("From a mail's arrival to its answers stored")
                .publishPercentileHistogram().minimumExpectedValue(SHORTEST_EXPECTED).maximumExpectedValue(LONGEST_EXPECTED)
                .register(registry);
        Gauge.builder("kessai.mail.outbox.oldest.pending.seconds", store,
                        s -> s.oldestPendingAge(java.time.Instant.now()).map(Duration::toSeconds).orElse(0L))
                .description("How long the oldest unsent mail has waited (alert on this: the relay is away)").register(registry);
        for (String state : OUTBOX_STATES) {
            Gauge.builder("kessai.mail.outbox", store, s -> s.outboxCounts().getOrDefault(state, 0L))
                    .tag("state", state.toLowerCase(Locale.ROOT)).description("Mails in the outbox by state").register(registry);
        }
    }

    void taken(MailStore.Disposition disposition, long startNanos) {
        if (processing == null) {
            return;
        }
        received.get(disposition).increment();
        processing.record(Duration.ofNanos(System.nanoTime() - startNanos));
    }
}
