package io.kessai.center.mail;

import io.kessai.center.flow.CompletionFlow;
import io.kessai.center.flow.FlowDirectory;
import io.kessai.center.flow.PaymentFlow;
import io.kessai.center.journal.JournalStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The e-mail channel, assembled: outbox worker, channel, SMTP listener, IMAP poller; closed in reverse. */
public final class MailService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MailService.class);

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final MailStore store;
    private final MailChannel channel;
    private SmtpListener listener;

    private MailService(MailStore store, MailChannel channel) {
        this.store = store;
        this.channel = channel;
    }

    /** Jakarta Mail's stream provider named up front: see {@code io.kessai.phone.mail.MailStreams} for why. */
    private static final String STREAM_PROVIDER_PROPERTY = "jakarta.mail.util.StreamProvider";

    public static MailService start(MailSettings settings, Jdbi jdbi, PaymentFlow paymentFlow, CompletionFlow completionFlow,
            JournalStore journal, FlowDirectory directory, PhoneDirectory phones, Optional<SSLContext> tls, Clock clock,
            Optional<MeterRegistry> registry) {
        if (System.getProperty(STREAM_PROVIDER_PROPERTY) == null) {
            // Otherwise every MIME encode and decode runs a ServiceLoader scan of the class path (jakartaee/mail-api#861).
            System.setProperty(STREAM_PROVIDER_PROPERTY, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
        // The outbox's sent marks ride in the journal's batches (ADR 0020): one writer, fewer commits.
        MailStore store = new MailStore(jdbi, clock, Optional.of(journal::markMailsSent));
        OutboxWorker worker = new OutboxWorker(store, settings.relay(), settings.outbox());
        MailComposer composer = new MailComposer(settings.address(), settings.centerName(), clock);
        MailChannel channel = new MailChannel(paymentFlow, completionFlow, journal, directory, phones, store, composer,
                settings.centerName(), settings.ownAddresses(), worker,
                registry.map(r -> new MailMetrics(r, store)).orElse(MailMetrics.NONE));
        MailService service = new MailService(store, channel);
        service.opened.add(store);
        try {
            worker.start();
            service.opened.add(worker);
            if (settings.listener().isPresent()) {
                service.listener = SmtpListener.start(settings.listener().get(), tls, settings.ownAddresses(),
                        new SenderRateLimit(settings.ratePerMinute(), System::nanoTime), channel);
                service.opened.add(service.listener);
            }
            if (settings.imap().isPresent()) {
                ImapPoller poller = new ImapPoller(settings.imap().get(), channel);
                poller.start();
                service.opened.add(poller);
            }
            return service;
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
    }

    /** The SMTP listener's port (useful when configured as 0). */
    public Optional<Integer> smtpPort() {
        return Optional.ofNullable(listener).map(SmtpListener::port);
    }

    /** /health: how the outbox drains (a mail waiting longer than {@code maxAge} is named in the detail). */
    public MailOutboxHealthCheck healthCheck(java.time.Duration maxAge, Clock clock) {
        return new MailOutboxHealthCheck(store, maxAge, clock);
    }

    public MailStore store() {
        return store;
    }

    public MailChannel channel() {
        return channel;
    }

    @Override
    public void close() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                LOG.warn("stopping {}: {}", opened.get(i).getClass().getSimpleName(), e.getMessage());
            }
        }
        opened.clear();
    }
}
