package io.kessai.center.mail;

import io.kessai.center.journal.AnswerMails;
import io.kessai.center.ops.BatchCommitter;
import io.kessai.center.ops.ColumnArrays;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The mail tables (V3__mail.sql): the inbox record of every mail taken in, once per Message-ID, and the
 * durable outbox. A mail's inbox record and the mails it causes are written in one statement, before
 * the SMTP listener says 250: a crash before that makes the sender's server deliver again. That
 * statement is shared with the other mails taken in at the same moment (group commit, {@link
 * BatchCommitter}): one round trip and one WAL flush for a batch of mails, each caller released only
 * after the commit that holds its rows.
 */
public final class MailStore implements AutoCloseable {
    private final Jdbi jdbi;
    private final Clock clock;
    private final BatchCommitter<Write> committer;
    private final SentMarks sentMarks;

    /** Where the outbox's sent marks are committed; returns once they are. */
    @FunctionalInterface
    public interface SentMarks {
        void commit(List<Long> outboxIds);
    }

    /** Sent marks through this store's own writer. */
    public MailStore(Jdbi jdbi, Clock clock) {
        this(jdbi, clock, Optional.empty());
    }

    /**
     * @param sentMarks where the sent marks go instead of this store's writer: the journal's batches in the
     *     center (ADR 0020), so that the database's writes share as few commits as they can
     */
    public MailStore(Jdbi jdbi, Clock clock, Optional<SentMarks> sentMarks) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.committer = new BatchCommitter<>(jdbi, "mail", MailStore::apply, IllegalStateException::new);
        this.sentMarks = sentMarks.orElse(ids -> committer.commit(new SentMark(List.copyOf(ids), clock.instant())));
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
        record(entry, answers, Optional.empty());
    }

    /**
     * Records the mail and queues its answers, atomically; with {@code leaseFor} the answers are written
     * already leased to the caller's worker (due when the lease ends, as a leased row is), and returned as
     * leased, so the worker sends them without leasing them from the table first.
     */
    public List<Leased> record(InboxEntry entry, List<OutgoingMail> answers, Optional<Duration> leaseFor) {
        Recording recording = new Recording(entry, answers, clock.instant(), leaseFor, new ArrayList<>(answers.size()));
        committer.commit(recording);
        return recording.leased();
    }

    /** What goes through the mail writer: a mail taken in with its answers, or mails the relay took. */
    private sealed interface Write permits Recording, SentMark {}

    /** One mail's rows in a batch; the writer fills {@code leased} with the outbox rows' IDs once committed. */
    private record Recording(InboxEntry entry, List<OutgoingMail> answers, Instant now, Optional<Duration> leaseFor,
            List<Leased> leased) implements Write {}

    /** Outbox rows the relay accepted at {@code at}. */
    private record SentMark(List<Long> ids, Instant at) implements Write {}

    /**
     * A batch of mails as one statement (the committer commits it): the inbox records (the first of a Message-ID wins,
     * as before) and every answer in the outbox, which returns the answers' row IDs.
     */
    private static final String RECORD_SQL = "WITH inbox AS ("
            + "INSERT INTO center.mail_inbox (message_id, sender, received_at, disposition, payment_id, detail)"
            + " SELECT v.id, v.sender, v.at::timestamptz, v.disposition, v.payment, v.detail"
            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS v(id, sender, at, disposition, payment, detail)"
            + " ON CONFLICT (message_id) DO NOTHING),"
            + " sent AS ("
            + AnswerMails.MARK_SENT + ")"
            + " INSERT INTO center.mail_outbox (message_id, kind, recipient, payment_id, raw, state, attempts, next_attempt_at,"
            + " lease_until, created_at)"
            + " SELECT v.id, v.kind, v.recipient, v.payment, v.raw, 'PENDING', v.attempts::integer, v.next_at::timestamptz,"
            + " v.lease_until::timestamptz, v.now::timestamptz"
            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::bytea[], ?::text[], ?::text[], ?::text[], ?::text[])"
            + " AS v(id, kind, recipient, payment, raw, attempts, next_at, lease_until, now)"
            + " RETURNING id, message_id";
    private static final String[] INBOX_COLUMNS = {"text", "text", "text", "text", "text", "text"};
    private static final String[] OUTBOX_COLUMNS = {"text", "text", "text", "text", "bytea", "text", "text", "text", "text"};
    private static final String[] SENT_COLUMNS = {"text", "text", "text"};

    private static Predicate<Write> apply(Connection c, List<Write> batch) throws SQLException {
        ColumnArrays inbox = new ColumnArrays(INBOX_COLUMNS);
        ColumnArrays sent = new ColumnArrays(SENT_COLUMNS);
        ColumnArrays outbox = new ColumnArrays(OUTBOX_COLUMNS);
        Map<String, OutgoingMail> leasedMails = new HashMap<>();
        Map<String, Recording> leasedBy = new HashMap<>();
        List<Recording> recordings = new ArrayList<>();
        for (Write w : batch) {
            if (w instanceof SentMark mark) {
                String at = mark.at().toString();
                mark.ids().forEach(id -> sent.row(Long.toString(id), at, AnswerMails.PENDING));
                continue;
            }
            Recording r = (Recording) w;
            recordings.add(r);
            InboxEntry e = r.entry();
            String now = r.now().toString();
            inbox.row(e.messageId(), e.sender(), now, e.disposition().name(), e.paymentId().orElse(null), e.detail());
            AnswerMails.OutboxSchedule schedule = AnswerMails.OutboxSchedule.of(r.now(), r.leaseFor());
            for (OutgoingMail mail : r.answers()) {
                outbox.row(mail.messageId(), mail.kind().name(), mail.recipient(), mail.paymentId().orElse(null), mail.raw(),
                        schedule.attempts(), schedule.due(), schedule.leaseUntil(), now);
                if (r.leaseFor().isPresent()) {
                    leasedMails.put(mail.messageId(), mail);
                    leasedBy.put(mail.messageId(), r);
                }
            }
        }
        List<Leased> written = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(RECORD_SQL)) {
            outbox.bind(c, st, sent.bind(c, st, inbox.bind(c, st, 1)));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    OutgoingMail mail = leasedMails.get(rs.getString(2));
                    if (mail != null) {
                        written.add(new Leased(rs.getLong(1), mail.messageId(), mail.recipient(), mail.raw(), 1));
                    }
                }
            }
        }
        // Filled afresh on every attempt (a failed batch is retried write by write); the caller reads it only once committed.
        recordings.forEach(r -> r.leased().clear());
        for (Leased l : written) {
            leasedBy.get(l.messageId()).leased().add(l);
        }
        return r -> true;
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

    /**
     * The relay took these mails: one statement for a worker's round, shared with the other workers' rounds
     * and other writes (group commit: the journal's batches in the center, ADR 0020); returns once committed.
     */
    public void markSent(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        sentMarks.commit(ids);
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

    /** The worker stopped before sending these leased mails: due at once again (for the next start or another node). */
    public void releaseLeases(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbi.useHandle(h -> h.createUpdate("UPDATE center.mail_outbox SET next_attempt_at = :now, lease_until = NULL,"
                        + " attempts = greatest(attempts - 1, 0) WHERE id = ANY(:ids) AND state = 'PENDING'")
                .bind("now", Timestamp.from(clock.instant())).bind("ids", ids.toArray(Long[]::new)).execute());
    }

    /** Mail batches committed by group commit, and the mails in them, since start. */
    public long[] groupCommitCounts() {
        return committer.counts();
    }

    @Override
    public void close() {
        committer.close();
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
