package io.kessai.center.mail;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The mail tables (V3__mail.sql): the inbox record of every mail taken in, once per Message-ID, and the
 * durable outbox. A mail's inbox record and the mails it causes are written in one transaction, before
 * the SMTP listener says 250: a crash before that makes the sender's server deliver again.
 */
public final class MailStore {
    private final Jdbi jdbi;
    private final Clock clock;

    public MailStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** What the center did with a mail. */
    public enum Disposition {
        PAYMENT,
        ITEMS,
        REJECTED,
        IGNORED,
        BOUNCE
    }

    public record InboxEntry(String messageId, String sender, Disposition disposition, Optional<String> paymentId, String detail) {}

    /** One leased outbox row: the bytes to send and the attempt this is. */
    public record Leased(long id, String messageId, String recipient, byte[] raw, int attempts) {}

    public Optional<InboxEntry> inbound(String messageId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT message_id, sender, disposition, payment_id, detail FROM center.mail_inbox"
                        + " WHERE message_id = :id")
                .bind("id", messageId)
                .map((rs, ctx) -> new InboxEntry(rs.getString(1), rs.getString(2), Disposition.valueOf(rs.getString(3)),
                        Optional.ofNullable(rs.getString(4)), rs.getString(5)))
                .findOne());
    }

    /** Records the mail (the first time its Message-ID is seen) and queues its answers, atomically. */
    public void record(InboxEntry entry, List<OutgoingMail> answers) {
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            h.createUpdate("INSERT INTO center.mail_inbox (message_id, sender, received_at, disposition, payment_id, detail)"
                            + " VALUES (:id, :sender, :at, :disposition, :payment, :detail) ON CONFLICT (message_id) DO NOTHING")
                    .bind("id", entry.messageId())
                    .bind("sender", entry.sender())
                    .bind("at", Timestamp.from(now))
                    .bind("disposition", entry.disposition().name())
                    .bind("payment", entry.paymentId().orElse(null))
                    .bind("detail", entry.detail())
                    .execute();
            for (OutgoingMail mail : answers) {
                enqueue(h, mail, now);
            }
        });
    }

    /** Queues one mail of the center's own (not an answer to a received one) for the outbox worker. */
    public void queue(OutgoingMail mail) {
        Instant now = clock.instant();
        jdbi.useHandle(h -> enqueue(h, mail, now));
    }

    private static void enqueue(Handle h, OutgoingMail mail, Instant now) {
        h.createUpdate("INSERT INTO center.mail_outbox (message_id, kind, recipient, payment_id, raw, state, next_attempt_at, created_at)"
                        + " VALUES (:id, :kind, :to, :payment, :raw, 'PENDING', :now, :now)")
                .bind("id", mail.messageId())
                .bind("kind", mail.kind().name())
                .bind("to", mail.recipient())
                .bind("payment", mail.paymentId().orElse(null))
                .bind("raw", mail.raw())
                .bind("now", Timestamp.from(now))
                .execute();
    }

    /**
     * Leases due mails to this worker: their next attempt moves {@code lease} ahead in one short
     * transaction ({@code FOR UPDATE SKIP LOCKED}: other nodes take other rows), so the SMTP conversation
     * happens outside any transaction and another node resends when this one dies mid-way.
     */
    public List<Leased> lease(int limit, Duration lease) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> h.createQuery("UPDATE center.mail_outbox SET next_attempt_at = :leaseEnd,"
                        + " lease_until = :leaseEnd, attempts = attempts + 1"
                        + " WHERE id IN (SELECT id FROM center.mail_outbox WHERE state = 'PENDING' AND next_attempt_at <= :now"
                        + " ORDER BY next_attempt_at, id LIMIT :limit FOR UPDATE SKIP LOCKED)"
                        + " RETURNING id, message_id, recipient, raw, attempts")
                .bind("now", Timestamp.from(now))
                .bind("leaseEnd", Timestamp.from(now.plus(lease)))
                .bind("limit", limit)
                .map((rs, ctx) -> new Leased(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getInt(5)))
                .list());
    }

    /** The relay took these mails (one statement for a batch: one commit, not one per mail). */
    public void markSent(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbi.useHandle(h -> h.createUpdate("UPDATE center.mail_outbox SET state = 'SENT', sent_at = :now, lease_until = NULL,"
                        + " last_error = NULL WHERE id = ANY(:ids) AND state = 'PENDING'")
                .bind("now", Timestamp.from(clock.instant())).bind("ids", ids.toArray(Long[]::new)).execute());
    }

    public void markRetry(long id, String error, Duration retryIn) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE center.mail_outbox SET next_attempt_at = :next, lease_until = NULL,"
                        + " last_error = :error WHERE id = :id AND state = 'PENDING'")
                .bind("next", Timestamp.from(clock.instant().plus(retryIn))).bind("error", error).bind("id", id).execute());
    }

    /** The relay refused the recipient for good, or a bounce came back: not retried, kept for the operator. */
    public void markBounced(long id, String error) {
        finish("id = :key", id, "BOUNCED", error);
    }

    /** Every retry used up. */
    public void markFailed(long id, String error) {
        finish("id = :key", id, "FAILED", error);
    }

    /** A delivery status notification named one of our Message-IDs. */
    public boolean recordBounce(String messageId, String detail) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE center.mail_outbox SET state = 'BOUNCED', last_error = :error,"
                        + " lease_until = NULL WHERE message_id = :key")
                .bind("error", detail).bind("key", messageId).execute()) > 0;
    }

    private void finish(String where, Object key, String state, String error) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE center.mail_outbox SET state = :state, last_error = :error, lease_until = NULL"
                        + " WHERE " + where + " AND state = 'PENDING'")
                .bind("state", state).bind("error", error).bind("key", key).execute());
    }

    /** The payment one of our own mails was about (a reply names the request it answers). */
    public Optional<String> paymentOfOurMail(String messageId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT payment_id FROM center.mail_outbox WHERE message_id = :id AND payment_id IS NOT NULL")
                .bind("id", messageId).mapTo(String.class).findOne());
    }

    /** Mails per state, for /metrics and tests. */
    public Map<String, Long> outboxCounts() {
        Map<String, Long> counts = new TreeMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT state, count(*) FROM center.mail_outbox GROUP BY state")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(e -> counts.put(e.getKey(), e.getValue())));
        return counts;
    }

    /** How long the oldest pending mail has waited. */
    public Optional<Duration> oldestPendingAge(Instant now) {
        return jdbi.withHandle(h -> h.createQuery("SELECT min(created_at) FROM center.mail_outbox WHERE state = 'PENDING'")
                .mapTo(Timestamp.class).findOne().map(t -> Duration.between(t.toInstant(), now)));
    }
}
