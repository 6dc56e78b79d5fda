package io.kessai.center.journal;

import io.kessai.crypto.hsm.EncryptedPan;
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
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The journal in PostgreSQL (schema {@code center}, migration V2__journal.sql). Every transition is
 * an {@code UPDATE … WHERE state = :from}: it happens exactly once even when two nodes or a retry race,
 * and it is committed, with its event row and any advice it queues, before the flow's next outside effect.
 */
public final class JournalStore implements AutoCloseable {
    /** STANs are drawn from the sequence this many at a time: one round trip per block, not per payment. */
    static final int STAN_BLOCK = 128;
    /** Orphaned payments recovered per pass; a sweep repeats until none are left. */
    public static final int RECOVERY_BATCH = 500;
    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");

    private static final String COLUMNS = "id, key_scheme, ksn, envelope_sha256, channel, reader_serial, merchant_id,"
            + " terminal_id, reader_sequence, reader_local_at, state, amount_minor, currency, pan_masked, entry_mode,"
            + " pin_present, issuer_id, stan, transmitted_at, rrn, response_code, approval_code, outcome, reason,"
            + " sealed_result, additional_items::text AS additional_items, created_at, updated_at";

    private final Jdbi jdbi;
    private final Clock clock;
    private final GroupCommit groupCommit;
    /** Completion advices' acknowledgements, one statement and one commit for those of the moment (ADR 0019). */
    private final BatchCommitter<CompletionAck> completionAcks;
    private final ArrayDeque<Integer> stans = new ArrayDeque<>(STAN_BLOCK);

    public JournalStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.groupCommit = new GroupCommit(jdbi);
        this.completionAcks = new BatchCommitter<>(jdbi, "advice-acks", JournalStore::acknowledgeCompletions, JournalException::new);
    }

    /**
     * S801–S804 in one durable step, shared with other payments' writes (group commit, ADR 0010): the new
     * payment as opened, routed and about to be sent, with its four event rows. Committed before it
     * returns, so the 0100 leaves only after its record is on disk. Empty when the KSN was used already.
     */
    public Optional<Payment> insertSent(NewPayment p, String issuerId, int stan, Instant transmittedAt, String rrn) {
        Instant now = clock.instant();
        boolean inserted = groupCommit.commit(new GroupCommit.Sent(p, issuerId, stan, transmittedAt, rrn, now));
        if (!inserted) {
            return Optional.empty();
        }
        return Optional.of(new Payment(p.id(), p.keyScheme(), p.ksn(), p.envelopeSha256(), p.channel(), p.readerSerial(),
                p.merchantId(), p.terminalId(), p.readerSequence(), p.readerLocalAt(), PaymentState.SENT_TO_ISSUER, p.amountMinor(),
                p.currency(), p.panMasked(), p.entryMode(), p.pinPresent(), Optional.of(issuerId), Optional.of(stan),
                Optional.of(transmittedAt), Optional.of(rrn), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), now, now));
    }

    /**
     * The issuer's answer with the sealed result the phone gets, through group commit; after an approval
     * ({@code askItems}) on to ADDITIONAL_ITEMS_REQUESTED in the same step (S809).
     */
    public void markAnswered(String id, PaymentState from, PaymentState to, String responseCode, Optional<String> approvalCode,
            String reason, byte[] sealedResult, boolean askItems) {
        markAnswered(id, from, to, responseCode, approvalCode, reason, sealedResult, askItems, Optional.empty());
    }

    /**
     * {@link #markAnswered(String, PaymentState, PaymentState, String, Optional, String, byte[], boolean)} with
     * the mail rows of a payment by e-mail in the same commit (ADR 0020): written only if the answer takes
     * effect; {@link AnswerMails#committed} tells afterwards.
     */
    public void markAnswered(String id, PaymentState from, PaymentState to, String responseCode, Optional<String> approvalCode,
            String reason, byte[] sealedResult, boolean askItems, Optional<AnswerMails> mails) {
        boolean moved = groupCommit.commit(new GroupCommit.Answered(id, from, to, askItems, responseCode, approvalCode.orElse(null),
                reason, sealedResult, clock.instant(), Optional.empty(), mails));
        if (!moved) {
            throw new JournalException("payment " + id + " is no longer " + from + " (moved by another worker)");
        }
    }

    /**
     * A wallet payment's approval and its completion in one group-committed step: APPROVED,
     * ADDITIONAL_ITEMS_REQUESTED and COMPLETED with {@code additionalItemsJson}, and the completion advice
     * (0220) queued, the same rows {@link #markAnswered} then {@link #complete} write in two commits.
     */
    public void approveAndComplete(String id, String responseCode, String approvalCode, String additionalItemsJson, Advice completion) {
        boolean moved = groupCommit.commit(new GroupCommit.Answered(id, PaymentState.SENT_TO_ISSUER, PaymentState.APPROVED, true,
                responseCode, approvalCode, "", null, clock.instant(),
                Optional.of(new GroupCommit.Completion(additionalItemsJson, completion)), Optional.empty()));
        if (!moved) {
            throw new JournalException("payment " + id + " is no longer " + PaymentState.SENT_TO_ISSUER + " (moved by another worker)");
        }
    }

    /**
     * The mail relay took these outbox rows: marked sent in the journal's next batch (ADR 0020), returns
     * once committed. A row no longer pending (bounced, marked by another node) is left as it is.
     */
    public void markMailsSent(List<Long> outboxIds) {
        groupCommit.commit(new GroupCommit.MailsSent(outboxIds, clock.instant()));
    }

    /** Journal batches committed by group commit, and the writes in them, since start. */
    public long[] groupCommitCounts() {
        return groupCommit.counts();
    }

    @Override
    public void close() {
        completionAcks.close();
        groupCommit.close();
    }

    /**
     * Records an opened envelope. Returns empty when a payment with the same KSN exists already: the
     * unique constraint is the KSN ledger (DESIGN.md: a KSN that was already used is refused).
     */
    public Optional<Payment> insertOpened(NewPayment p) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            int inserted = h.createUpdate("INSERT INTO center.payments (id, key_scheme, ksn, envelope_sha256, channel,"
                            + " reader_serial, merchant_id, terminal_id, reader_sequence, reader_local_at, state, amount_minor,"
                            + " currency, pan_masked, pan_index, pan_encrypted, pan_key, entry_mode, pin_present, created_at, updated_at)"
                            + " VALUES (:id, :scheme, :ksn, :sha, :channel, :reader, :merchant, :terminal, :seq, :localAt, 'OPENED',"
                            + " :amount, :currency, :masked, :panIndex, :panEncrypted, :panKey, :entryMode, :pin, :now, :now)"
                            + " ON CONFLICT ON CONSTRAINT payments_ksn_once DO NOTHING")
                    .bind("id", p.id())
                    .bind("scheme", p.keyScheme())
                    .bind("ksn", p.ksn())
                    .bind("sha", p.envelopeSha256())
                    .bind("channel", p.channel().name())
                    .bind("reader", p.readerSerial())
                    .bind("merchant", p.merchantId())
                    .bind("terminal", p.terminalId())
                    .bind("seq", p.readerSequence())
                    .bind("localAt", p.readerLocalAt())
                    .bind("amount", p.amountMinor())
                    .bind("currency", p.currency())
                    .bind("masked", p.panMasked())
                    .bind("panIndex", p.panIndex())
                    .bind("panEncrypted", p.panEncrypted().sealed())
                    .bind("panKey", p.panEncrypted().keyName())
                    .bind("entryMode", p.entryMode())
                    .bind("pin", p.pinPresent())
                    .bind("now", Timestamp.from(now))
                    .execute();
            if (inserted == 0) {
                return Optional.<Payment>empty();
            }
            event(h, p.id(), PaymentState.RECEIVED, now, "channel " + p.channel());
            event(h, p.id(), PaymentState.OPENED, now, "KSN " + p.ksn());
            return Optional.of(find(h, p.id()).orElseThrow());
        });
    }

    public Optional<Payment> find(String id) {
        return jdbi.withHandle(h -> find(h, id));
    }

    /** A payment with its encrypted PAN, for the one message that needs the card again: its advice to the issuer. */
    public record ToAdvise(Payment payment, EncryptedPan panEncrypted) {}

    /** The payment and its encrypted PAN in one query (what {@link #find} and {@link #encryptedPan} read in two). */
    public Optional<ToAdvise> findToAdvise(String id) {
        return Optional.ofNullable(findToAdvise(List.of(id)).get(id));
    }

    /** As above for the payments of a batch of advices, in one query; keyed by payment ID, without the IDs not found. */
    public Map<String, ToAdvise> findToAdvise(List<String> ids) {
        Map<String, ToAdvise> found = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT " + COLUMNS + ", pan_key, pan_encrypted FROM center.payments WHERE id = ANY(:ids)")
                .bindArray("ids", String.class, ids)
                .map((rs, ctx) -> new ToAdvise(map(rs), new EncryptedPan(rs.getString("pan_key"), rs.getBytes("pan_encrypted"))))
                .forEach(t -> found.put(t.payment().id(), t)));
        return found;
    }

    public Optional<Payment> findByKsn(int keyScheme, String ksn) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM center.payments WHERE key_scheme = :s AND ksn = :k")
                .bind("s", keyScheme).bind("k", ksn)
                .map((rs, ctx) -> map(rs)).findOne());
    }

    /** A STAN from the shared sequence (unique across nodes); drawn a block at a time, a crash skips the rest. */
    public synchronized int nextStan() {
        if (stans.isEmpty()) {
            stans.addAll(jdbi.withHandle(h -> h.createQuery("SELECT nextval('center.stan_seq') FROM generate_series(1, :n)")
                    .bind("n", STAN_BLOCK).mapTo(Integer.class).list()));
        }
        return stans.removeFirst();
    }

    public void markRouted(String id, String issuerId) {
        transition(id, PaymentState.OPENED, PaymentState.ROUTED, "issuer " + issuerId,
                "issuer_id = :issuer", u -> u.bind("issuer", issuerId));
    }

    /** Persisted before the 0100 leaves: a crash after this leaves a record that can be reversed. */
    public void markSent(String id, int stan, Instant transmittedAt, String rrn) {
        transition(id, PaymentState.ROUTED, PaymentState.SENT_TO_ISSUER, sentDetail(stan, rrn),
                "stan = :stan, transmitted_at = :at, rrn = :rrn",
                u -> u.bind("stan", stan).bind("at", Timestamp.from(transmittedAt)).bind("rrn", rrn));
    }

    /** An event's words for the 0100 leaving (also in the group commit's one row for a new payment). */
    static String sentDetail(int stan, String rrn) {
        return "STAN " + stan + ", RRN " + rrn;
    }

    /** An event's words for an answer (also in the group commit's one row for an answer). */
    static String answerDetail(String responseCode, String reason) {
        return "DE 39 " + responseCode + (reason.isEmpty() ? "" : ", " + reason);
    }

    /** The issuer's answer (or the center's own decline) with the sealed result the phone gets, in one step. */
    public void markAnswered(String id, PaymentState from, PaymentState to, String responseCode, Optional<String> approvalCode,
            String reason, byte[] sealedResult) {
        transition(id, from, to, answerDetail(responseCode, reason),
                "response_code = :rc, approval_code = :ac, outcome = :outcome, reason = :reason, sealed_result = :sealed",
                u -> u.bind("rc", responseCode).bind("ac", approvalCode.orElse(null)).bind("outcome", to.name())
                        .bind("reason", reason).bind("sealed", sealedResult));
    }

    /**
     * No answer from the issuer: the payment is unavailable to the phone and a reversal is queued in the
     * same transaction, so that a crash cannot separate the two.
     */
    public void markUnavailable(String id, PaymentState from, String reason, byte[] sealedResult, Optional<Advice> reversal) {
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            update(h, id, from, PaymentState.ISSUER_UNAVAILABLE, now, reason,
                    "response_code = '91', outcome = 'ISSUER_UNAVAILABLE', reason = :reason, sealed_result = :sealed",
                    u -> u.bind("reason", reason).bind("sealed", sealedResult));
            reversal.ifPresent(advice -> enqueue(h, advice, now));
        });
    }

    public void markAdditionalItemsRequested(String id) {
        transition(id, PaymentState.APPROVED, PaymentState.ADDITIONAL_ITEMS_REQUESTED, "", "", u -> {});
    }

    /** Stores the answers and queues the completion advice (0220), in one transaction (S810–S811). */
    /** The event detail of a completion. */
    static final String COMPLETION_QUEUED = "completion queued";

    public void complete(String id, String additionalItemsJson, Advice completion) {
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            update(h, id, PaymentState.ADDITIONAL_ITEMS_REQUESTED, PaymentState.COMPLETED, now, COMPLETION_QUEUED,
                    "additional_items = CAST(:items AS jsonb)", u -> u.bind("items", additionalItemsJson));
            enqueue(h, completion, now);
        });
    }

    /**
     * A refund of a completed wallet payment: the reversal (0400) of its authorization is queued; the
     * payment becomes REVERSED when the issuer acknowledges it. False when a reversal was queued already.
     */
    public boolean queueRefund(Advice reversal) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            Payment payment = find(h, reversal.paymentId()).orElseThrow(() -> new JournalException("no payment " + reversal.paymentId()));
            if (payment.state() == PaymentState.REVERSED) {
                return false;
            }
            if (!payment.state().canMoveTo(PaymentState.REVERSED)) {
                throw new JournalException("payment " + payment.id() + " is " + payment.state() + " and cannot be refunded");
            }
            int queued = h.createUpdate("INSERT INTO center.issuer_advices (payment_id, kind, issuer_id, amount_minor, stan,"
                            + " transmitted_at, next_attempt_at, created_at) VALUES (:payment, 'REVERSAL', :issuer, :amount, :stan, :at, :now, :now)"
                            + " ON CONFLICT ON CONSTRAINT issuer_advices_once DO NOTHING")
                    .bind("payment", reversal.paymentId()).bind("issuer", reversal.issuerId()).bind("amount", reversal.amountMinor())
                    .bind("stan", reversal.stan()).bind("at", Timestamp.from(reversal.transmittedAt())).bind("now", Timestamp.from(now))
                    .execute();
            if (queued == 1) {
                event(h, payment.id(), payment.state(), now, "refund: reversal queued");
            }
            return queued == 1;
        });
    }

    /** Payments waiting for an issuer answer (in flight here, or left by a crash), oldest first. */
    public List<Payment> unanswered() {
        return unansweredSince(END_OF_TIME);
    }

    /**
     * Payments waiting for an issuer answer that nothing has touched since before {@code cutoff}: a live
     * node finishes its own within the issuer timeout, so these were left by a crashed one. At most
     * {@link #RECOVERY_BATCH}, oldest first.
     */
    public List<Payment> unansweredSince(Instant cutoff) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM center.payments"
                        + " WHERE state IN ('OPENED', 'ROUTED', 'SENT_TO_ISSUER') AND updated_at < :cutoff"
                        + " ORDER BY created_at LIMIT :limit")
                .bind("cutoff", Timestamp.from(cutoff))
                .bind("limit", RECOVERY_BATCH)
                .map((rs, ctx) -> map(rs)).list());
    }

    /**
     * Leases due advices to this node: their next attempt moves {@code lease} into the future in one short
     * transaction, so the network send happens outside any transaction, and another node takes over when
     * this one dies before acknowledging (the issuer answers a repeated advice the same way).
     */
    public List<Advice> leaseDueAdvices(int limit, Duration lease) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> h.createQuery("UPDATE center.issuer_advices SET next_attempt_at = :leaseEnd"
                        + " WHERE id IN (SELECT id FROM center.issuer_advices WHERE acknowledged_at IS NULL AND next_attempt_at <= :now"
                        + " ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)"
                        + " RETURNING id, payment_id, kind, issuer_id, amount_minor, stan, transmitted_at, attempts")
                .bind("now", Timestamp.from(now))
                .bind("leaseEnd", Timestamp.from(now.plus(lease)))
                .bind("limit", limit)
                .map((rs, ctx) -> new Advice(rs.getLong(1), rs.getString(2), Advice.Kind.valueOf(rs.getString(3)), rs.getString(4),
                        rs.getLong(5), rs.getInt(6), rs.getTimestamp(7).toInstant(), rs.getInt(8)))
                .list());
    }

    /** The issuer acknowledged: the advice is done; a reversal also ends its payment as REVERSED. */
    public void markAdviceAcknowledged(Advice advice, String responseCode) {
        Instant now = clock.instant();
        if (advice.kind() == Advice.Kind.COMPLETION) {
            // One statement, committed with the other completions acknowledged at the same moment.
            completionAcks.commit(new CompletionAck(advice.id(), responseCode, now));
            return;
        }
        jdbi.useTransaction(h -> {
            acknowledge(h, advice, responseCode, now);
            PaymentState state = find(h, advice.paymentId()).orElseThrow(() -> new JournalException("no payment " + advice.paymentId())).state();
            if (state != PaymentState.REVERSED) {
                update(h, advice.paymentId(), state, PaymentState.REVERSED, now, "reversal acknowledged, DE 39 " + responseCode, "", u -> {});
            }
        });
    }

    private record CompletionAck(long adviceId, String responseCode, Instant now) {}

    /**
     * The batch's acknowledgements as {@link #acknowledge} sets them, in one statement (rows: advice ID,
     * DE 39, when, and a null). "Not yet acknowledged" is {@code IS NOT DISTINCT FROM} that bound null, not
     * {@code IS NULL}: the latter matches the partial index {@code issuer_advices_due}, and the cached
     * generic plan scanned that index, every acknowledged advice's dead entry included, instead of finding
     * the few rows by primary key (as {@link AnswerMails#MARK_SENT} found for the outbox).
     */
    static final String ACKNOWLEDGE_COMPLETIONS = "UPDATE center.issuer_advices a SET acknowledged_at = v.now::timestamptz,"
            + " response_code = v.rc, attempts = a.attempts + 1"
            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS v(id, rc, now, unacknowledged)"
            + " WHERE a.id = v.id::bigint AND a.acknowledged_at IS NOT DISTINCT FROM v.unacknowledged::timestamptz";

    private static Predicate<CompletionAck> acknowledgeCompletions(Connection c, List<CompletionAck> batch) throws SQLException {
        ColumnArrays rows = new ColumnArrays(new String[] {"text", "text", "text", "text"});
        batch.forEach(a -> rows.row(Long.toString(a.adviceId()), a.responseCode(), a.now().toString(), null));
        try (PreparedStatement st = c.prepareStatement(ACKNOWLEDGE_COMPLETIONS)) {
            rows.bind(c, st, 1);
            st.executeUpdate();
        }
        return ack -> true;
    }

    private static void acknowledge(Handle h, Advice advice, String responseCode, Instant now) {
        h.createUpdate("UPDATE center.issuer_advices SET acknowledged_at = :now, response_code = :rc, attempts = attempts + 1"
                        + " WHERE id = :id AND acknowledged_at IS NULL")
                .bind("now", Timestamp.from(now)).bind("rc", responseCode).bind("id", advice.id()).execute();
    }

    public void markAdviceFailed(Advice advice, String error, Duration retryIn) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE center.issuer_advices SET attempts = attempts + 1, last_error = :error,"
                        + " next_attempt_at = :next WHERE id = :id AND acknowledged_at IS NULL")
                .bind("error", error).bind("next", Timestamp.from(clock.instant().plus(retryIn))).bind("id", advice.id()).execute());
    }

    /** Whether the advice of this kind for the payment has been acknowledged. */
    public boolean adviceAcknowledged(String paymentId, Advice.Kind kind) {
        return jdbi.withHandle(h -> h.createQuery("SELECT acknowledged_at IS NOT NULL FROM center.issuer_advices"
                        + " WHERE payment_id = :p AND kind = :k")
                .bind("p", paymentId).bind("k", kind.name()).mapTo(Boolean.class).findOne().orElse(false));
    }

    public long pendingAdvices() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM center.issuer_advices WHERE acknowledged_at IS NULL")
                .mapTo(Long.class).one());
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    private interface Binder {
        void bind(org.jdbi.v3.core.statement.Update update);
    }

    private void transition(String id, PaymentState from, PaymentState to, String detail, String setColumns, Binder binder) {
        Instant now = clock.instant();
        jdbi.useTransaction(h -> update(h, id, from, to, now, detail, setColumns, binder));
    }

    private static void update(Handle h, String id, PaymentState from, PaymentState to, Instant now, String detail,
            String setColumns, Binder binder) {
        if (!from.canMoveTo(to)) {
            throw new JournalException("payment " + id + ": " + from + " → " + to + " is not a transition of the flow");
        }
        String extraColumns = setColumns.isEmpty() ? "" : ", " + setColumns;
        var update = h.createUpdate("UPDATE center.payments SET state = :to, updated_at = :now" + extraColumns
                        + " WHERE id = :id AND state = :from")
                .bind("to", to.name()).bind("now", Timestamp.from(now)).bind("id", id).bind("from", from.name());
        binder.bind(update);
        if (update.execute() != 1) {
            throw new JournalException("payment " + id + " is no longer " + from + " (moved by another worker)");
        }
        event(h, id, to, now, detail);
    }

    private static void event(Handle h, String id, PaymentState state, Instant at, String detail) {
        h.createUpdate("INSERT INTO center.payment_events (payment_id, seq, state, at, detail)"
                        + " SELECT :id, coalesce(max(seq), 0) + 1, :state, :at, :detail FROM center.payment_events WHERE payment_id = :id")
                .bind("id", id).bind("state", state.name()).bind("at", Timestamp.from(at)).bind("detail", detail).execute();
    }

    private static void enqueue(Handle h, Advice advice, Instant now) {
        h.createUpdate("INSERT INTO center.issuer_advices (payment_id, kind, issuer_id, amount_minor, stan, transmitted_at,"
                        + " next_attempt_at, created_at) VALUES (:payment, :kind, :issuer, :amount, :stan, :at, :now, :now)"
                        + " ON CONFLICT ON CONSTRAINT issuer_advices_once DO NOTHING")
                .bind("payment", advice.paymentId()).bind("kind", advice.kind().name()).bind("issuer", advice.issuerId())
                .bind("amount", advice.amountMinor()).bind("stan", advice.stan()).bind("at", Timestamp.from(advice.transmittedAt()))
                .bind("now", Timestamp.from(now)).execute();
    }

    private static Optional<Payment> find(Handle h, String id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM center.payments WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> map(rs)).findOne();
    }

    private static Payment map(ResultSet rs) throws SQLException {
        return new Payment(
                rs.getString("id"),
                rs.getInt("key_scheme"),
                rs.getString("ksn"),
                rs.getString("envelope_sha256"),
                Payment.Channel.valueOf(rs.getString("channel")),
                rs.getString("reader_serial"),
                rs.getString("merchant_id"),
                rs.getString("terminal_id"),
                rs.getLong("reader_sequence"),
                rs.getTimestamp("reader_local_at").toLocalDateTime(),
                PaymentState.valueOf(rs.getString("state")),
                rs.getLong("amount_minor"),
                rs.getString("currency"),
                rs.getString("pan_masked"),
                rs.getString("entry_mode"),
                rs.getBoolean("pin_present"),
                Optional.ofNullable(rs.getString("issuer_id")),
                Optional.ofNullable((Integer) rs.getObject("stan")),
                Optional.ofNullable(rs.getTimestamp("transmitted_at")).map(Timestamp::toInstant),
                Optional.ofNullable(rs.getString("rrn")),
                Optional.ofNullable(rs.getString("response_code")),
                Optional.ofNullable(rs.getString("approval_code")),
                Optional.ofNullable(rs.getString("outcome")),
                Optional.ofNullable(rs.getString("reason")),
                Optional.ofNullable(rs.getBytes("sealed_result")),
                Optional.ofNullable(rs.getString("additional_items")),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
