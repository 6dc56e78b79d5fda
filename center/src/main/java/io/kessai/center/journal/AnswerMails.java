package io.kessai.center.journal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The mail channel's rows that go with a payment's answer (ADR 0020): the received mail's inbox record
 * and its answer mails for the outbox, written by the journal's answer statement in the same commit, and
 * only when that answer takes effect. The SMTP transaction then waits for one commit fewer: the answer's
 * commit is the one that makes the answer mails durable. The journal sees these as rows of the mail
 * tables (V3__mail.sql); what they mean stays the mail channel's.
 *
 * <p>Filled in by the journal's writer from its statement's result ({@link #written}); read by the caller
 * after its {@code markAnswered} returned, that is after the commit (the commit's hand-back orders the two).
 */
public final class AnswerMails {
    /** The outbox state a sent mark moves a mail from; bound per row, see {@link #MARK_SENT}. */
    public static final String PENDING = "PENDING";

    /**
     * The sent marks of a batch (rows: outbox ID, when the relay took it, {@link #PENDING}), as the
     * journal's and the mail writer's batch statements both embed it. It compares the state with a bound
     * value, not with the literal {@code 'PENDING'}: the literal matches the partial index
     * {@code mail_outbox_due}, and the cached generic plan scanned that index, with the dead entries of
     * every mail sent since the last vacuum (8 ms per batch after 30,000 mails), instead of finding the
     * few rows by primary key.
     */
    public static final String MARK_SENT = "UPDATE center.mail_outbox o SET state = 'SENT', sent_at = v.at::timestamptz,"
            + " lease_until = NULL, last_error = NULL"
            + " FROM unnest(?::text[], ?::text[], ?::text[]) AS v(id, at, pending) WHERE o.id = v.id::bigint AND o.state = v.pending";

    /**
     * An outbox row's schedule, as the batch statements bind it (text): leased to this node's workers, it
     * is due only when the lease ends, with one attempt counted, as a row leased from the table is;
     * otherwise due at once, for whichever worker leases it.
     */
    public record OutboxSchedule(String due, String attempts, String leaseUntil) {
        public static OutboxSchedule of(Instant now, Optional<Duration> leaseFor) {
            return leaseFor.map(lease -> {
                String leaseEnd = now.plus(lease).toString();
                return new OutboxSchedule(leaseEnd, "1", leaseEnd);
            }).orElseGet(() -> new OutboxSchedule(now.toString(), "0", null));
        }
    }

    /** The received mail, once per Message-ID (a second record of the same Message-ID is dropped). */
    public record Inbox(String messageId, String sender, String disposition, String detail) {}

    /** One answer mail, complete (the bytes the relay gets, every attempt). */
    public record Outbox(String messageId, String kind, String recipient, Optional<String> paymentId, byte[] raw) {}

    /** An outbox row as committed: its ID, for the sent mark. */
    public record Written(long id, String messageId) {}

    private final Inbox inbox;
    private final List<Outbox> outbox;
    private final Optional<Duration> leaseFor;
    private final List<Written> written = new ArrayList<>();
    private boolean committed;

    /**
     * @param leaseFor with it, the outbox rows are written already leased to this node's workers (due when
     *     the lease ends, as a leased row is); without it, due at once for whichever worker leases them
     */
    public AnswerMails(Inbox inbox, List<Outbox> outbox, Optional<Duration> leaseFor) {
        if (outbox.isEmpty()) {
            throw new IllegalArgumentException("answer mails without a mail to send for " + inbox.messageId());
        }
        this.inbox = inbox;
        this.outbox = List.copyOf(outbox);
        this.leaseFor = leaseFor;
    }

    public Inbox inbox() {
        return inbox;
    }

    public List<Outbox> outbox() {
        return outbox;
    }

    public Optional<Duration> leaseFor() {
        return leaseFor;
    }

    /** Whether the rows were committed with the answer (false: the answer did not take effect, nothing was written). */
    public synchronized boolean committed() {
        return committed;
    }

    /** The outbox rows as committed, in no particular order; empty unless {@link #committed}. */
    public synchronized List<Written> written() {
        return List.copyOf(written);
    }

    /** Before each try of the statement: a batch that failed is tried again write by write. */
    synchronized void reset() {
        committed = false;
        written.clear();
    }

    synchronized void committedAs(Written row) {
        committed = true;
        written.add(row);
    }
}
