package io.kessai.center.mail;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import io.kessai.center.ops.RetryBackoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the mail outbox through the SMTP relay: leases due mails ({@link MailStore#lease}), sends each
 * over a kept-open SMTP connection, marks it sent; a failure is retried with exponential backoff up to
 * the limit, a permanent refusal (5xx) is recorded as a bounce. Several workers (and several nodes)
 * share the table without sending a mail twice in the normal case; a node that dies after the relay's
 * 250 and before marking the row sends it once more, with the same Message-ID.
 */
public final class OutboxWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxWorker.class);
    private static final int PERMANENT_FAILURE = 500;
    private static final long IDLE_POLL_MILLIS = 500;
    /** Close the relay connection after this long without mail (relays drop idle sessions after a minute or so). */
    private static final long IDLE_CLOSE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long JOIN_MILLIS = 5_000;
    /**
     * Mails handed over straight from the channel (already leased to this node), waiting for a worker. The
     * bound keeps the wait far below the lease: a hand-over older than half the lease is left to the
     * table (it comes due when the lease ends) rather than risk sending it next to another node.
     */
    static final int HANDOFF_CAPACITY = 2_048;

    private final MailStore store;
    private final RelaySettings relay;
    private final OutboxSettings settings;
    private final RetryBackoff retryBackoff;
    private final Session session;
    private final Semaphore wake = new Semaphore(0);
    private final Semaphore handoffRoom = new Semaphore(HANDOFF_CAPACITY);
    private final ConcurrentLinkedQueue<Handed> handed = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();
    /** Mails were queued in the table since the last lease from it (not handed over). */
    private final AtomicBoolean tableDue = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    /** Limits of the outbox: workers, batch, lease, backoff, attempts. */
    public record OutboxSettings(int workers, int batch, Duration lease, Duration firstRetry, Duration maxRetry, int maxAttempts) {
        public OutboxSettings {
            if (workers < 1 || batch < 1 || maxAttempts < 1) {
                throw new IllegalArgumentException("workers, batch and maxAttempts must be at least 1");
            }
        }

        public static OutboxSettings defaults() {
            return new OutboxSettings(2, 50, Duration.ofMinutes(2), Duration.ofSeconds(1), Duration.ofMinutes(15), 30);
        }
    }

    public OutboxWorker(MailStore store, RelaySettings relay, OutboxSettings settings) {
        this.store = store;
        this.relay = relay;
        this.settings = settings;
        this.retryBackoff = new RetryBackoff(settings.firstRetry(), settings.maxRetry());
        this.session = Session.getInstance(properties(relay));
    }

    static Properties properties(RelaySettings relay) {
        String protocol = relay.security() == RelaySettings.Security.SMTPS ? "smtps" : "smtp";
        Properties p = new Properties();
        p.setProperty("mail.transport.protocol", protocol);
        p.setProperty("mail." + protocol + ".host", relay.host());
        p.setProperty("mail." + protocol + ".port", Integer.toString(relay.port()));
        p.setProperty("mail." + protocol + ".connectiontimeout", Integer.toString(relay.connectTimeoutMillis()));
        p.setProperty("mail." + protocol + ".timeout", Integer.toString(relay.ioTimeoutMillis()));
        p.setProperty("mail." + protocol + ".writetimeout", Integer.toString(relay.ioTimeoutMillis()));
        p.setProperty("mail." + protocol + ".auth", Boolean.toString(relay.user().isPresent()));
        if (relay.security() == RelaySettings.Security.STARTTLS) {
            p.setProperty("mail.smtp.starttls.enable", "true");
            p.setProperty("mail.smtp.starttls.required", "true");
        }
        if (relay.security() != RelaySettings.Security.NONE) {
            p.setProperty("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        return p;
    }

    public void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        for (int i = 0; i < settings.workers(); i++) {
            Thread thread = Thread.ofPlatform().name("mail-outbox-" + i).daemon().start(this::run);
            threads.add(thread);
        }
    }

    /** A mail was queued in the table: send now rather than at the next poll. */
    public void signal() {
        tableDue.set(true);
        wakeOne();
    }

    private void wakeOne() {
        if (wake.availablePermits() < settings.workers()) {
            wake.release();
        }
    }

    private record Handed(MailStore.Leased mail, long handedNanos) {}

    /**
     * Room for {@code mails} hand-overs: the lease to write them with, or empty when this worker is full or
     * stopped (then they are queued as due and leased from the table as usual).
     */
    Optional<Duration> reserve(int mails) {
        return running.get() && handoffRoom.tryAcquire(mails) ? Optional.of(settings.lease()) : Optional.empty();
    }

    /** Gives back room reserved for a hand-over that did not happen (the commit failed). */
    void unreserve(int mails) {
        handoffRoom.release(mails);
    }

    /**
     * The channel committed these mails, leased to this node ({@code reserved} is the room it took, 0 when
     * they were queued as due): sent by the next free worker.
     */
    void handOver(List<MailStore.Leased> leased, int reserved) {
        if (leased.size() > reserved) {
            throw new IllegalArgumentException(leased.size() + " leased mails handed over with room for " + reserved);
        }
        long now = System.nanoTime();
        leased.forEach(mail -> handed.add(new Handed(mail, now)));
        handoffRoom.release(reserved - leased.size());
        if (reserved == 0) {
            signal();
        } else {
            wakeOne();
        }
    }

    /** Up to a batch of handed-over mails still well inside their lease. */
    private List<MailStore.Leased> takeHanded() {
        List<MailStore.Leased> due = new ArrayList<>();
        long freshNanos = settings.lease().toNanos() / 2;
        for (Handed h; due.size() < settings.batch() && (h = handed.poll()) != null; ) {
            handoffRoom.release();
            if (System.nanoTime() - h.handedNanos() < freshNanos) {
                due.add(h.mail());
            } else {
                LOG.warn("mail {} waited half its lease for a worker; left to the table", h.mail().messageId());
            }
        }
        return due;
    }

    private void run() {
        Transport transport = null;
        long idleSinceNanos = System.nanoTime();
        long tableLeasedNanos = System.nanoTime();
        while (running.get()) {
            try {
                List<MailStore.Leased> due = takeHanded();
                // The table when mails were queued there, and at least every poll interval (retries come due,
                // other nodes' leases end) even while hand-overs keep coming.
                if (tableDue.getAndSet(false) || System.nanoTime() - tableLeasedNanos > TimeUnit.MILLISECONDS.toNanos(IDLE_POLL_MILLIS)) {
                    tableLeasedNanos = System.nanoTime();
                    List<MailStore.Leased> fromTable = store.lease(settings.batch(), settings.lease());
                    if (fromTable.size() == settings.batch()) {
                        tableDue.set(true); // a full batch: there may be more
                    }
                    due.addAll(fromTable);
                }
                if (due.isEmpty()) {
                    // The relay connection stays open across short pauses: reconnecting per burst showed in profiles.
                    if (System.nanoTime() - idleSinceNanos > IDLE_CLOSE_NANOS) {
                        transport = close(transport);
                    }
                    wake.tryAcquire(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                    continue;
                }
                idleSinceNanos = System.nanoTime();
                List<Long> sent = new ArrayList<>(due.size());
                try {
                    for (MailStore.Leased mail : due) {
                        transport = send(transport, mail, sent);
                    }
                } finally {
                    // Marked even when a later mail of the batch failed: what the relay took is never sent again.
                    store.markSent(sent);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                // The database is away: wait and lease again; rows already leased come due after their lease.
                LOG.warn("mail outbox: {}", e.getMessage());
                transport = close(transport);
                sleepQuietly(IDLE_POLL_MILLIS);
            }
        }
        close(transport);
    }

    private Transport send(Transport transport, MailStore.Leased mail, List<Long> sent) {
        Transport current = transport;
        try {
            MimeMessage message = new StoredMessage(session, mail.raw());
            Address[] to = {new InternetAddress(mail.recipient(), false)};
            if (current == null) {
                current = connect();
                current.sendMessage(message, to);
            } else {
                // Transport.isConnected() costs a NOOP round trip per mail; a kept connection the relay
                // dropped meanwhile fails at once instead, and the mail goes again on a fresh one.
                try {
                    current.sendMessage(message, to);
                } catch (SendFailedException e) {
                    throw e;
                } catch (MessagingException e) {
                    close(current);
                    current = connect();
                    current.sendMessage(message, to);
                }
            }
            sent.add(mail.id());
            return current;
        } catch (SendFailedException e) {
            if (permanent(e)) {
                LOG.warn("mail {} to {} bounced by the relay: {}", mail.messageId(), mail.recipient(), e.getMessage());
                store.markBounced(mail.id(), "relay refused: " + oneLine(e));
                return current;
            }
            failed(mail, e);
            return close(current);
        } catch (MessagingException | RuntimeException e) {
            failed(mail, e);
            return close(current);
        }
    }

    private static boolean permanent(SendFailedException e) {
        Exception next = e;
        while (next != null) {
            if (next instanceof SMTPAddressFailedException address && address.getReturnCode() >= PERMANENT_FAILURE) {
                return true;
            }
            if (next instanceof SMTPSendFailedException send && send.getReturnCode() >= PERMANENT_FAILURE) {
                return true;
            }
            next = next instanceof MessagingException m ? m.getNextException() : null;
        }
        return false;
    }

    private void failed(MailStore.Leased mail, Exception e) {
        if (mail.attempts() >= settings.maxAttempts()) {
            LOG.error("mail {} to {} given up after {} attempts: {}", mail.messageId(), mail.recipient(), mail.attempts(), oneLine(e));
            store.markFailed(mail.id(), oneLine(e));
            return;
        }
        Duration retryIn = backoff(mail.attempts());
        LOG.info("mail {} to {} not sent (attempt {}), again in {} s: {}", mail.messageId(), mail.recipient(), mail.attempts(),
                retryIn.toSeconds(), oneLine(e));
        store.markRetry(mail.id(), oneLine(e), retryIn);
    }

    /** firstRetry × 2^(attempt-1), at most maxRetry. */
    Duration backoff(int attempt) {
        return retryBackoff.after(attempt - 1);
    }

    private Transport connect() throws MessagingException {
        Transport transport = session.getTransport();
        if (relay.user().isPresent()) {
            transport.connect(relay.host(), relay.port(), relay.user().get(), relay.password().orElseThrow());
        } else {
            transport.connect();
        }
        return transport;
    }

    private static Transport close(Transport transport) {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException e) {
                LOG.debug("closing the relay connection: {}", e.getMessage());
            }
        }
        return null;
    }

    private static String oneLine(Exception e) {
        String message = e.getClass().getSimpleName() + ": " + e.getMessage();
        return message.replace('\r', ' ').replace('\n', ' ');
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        wake.release(threads.size());
        for (Thread thread : threads) {
            try {
                thread.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
        // Handed over but not sent: due at once again, instead of waiting for the end of the lease.
        List<Long> unsent = new ArrayList<>();
        for (Handed h; (h = handed.poll()) != null; ) {
            unsent.add(h.mail().id());
        }
        try {
            store.releaseLeases(unsent);
        } catch (RuntimeException e) {
            LOG.warn("mail outbox: {} unsent mails keep their lease ({})", unsent.size(), e.getMessage());
        }
    }
}
