package io.kessai.center.journal;

import io.kessai.center.ops.BatchCommitter;
import io.kessai.center.ops.ColumnArrays;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;

/**
 * Group commit for the two journal writes of every payment (ADR 0010): the record that the 0100 is about
 * to leave, and the issuer's answer. The mechanics (one writer thread, batches, retry alone) are
 * {@link BatchCommitter}'s; this class is the journal's one statement for a batch. Each caller still
 * continues only after its own write is durable (synchronous_commit on), so "journaled before the next
 * outside effect" holds; what is shared is the round trips and the one WAL flush.
 */
final class GroupCommit implements AutoCloseable {
    static final int MAX_BATCH = BatchCommitter.MAX_BATCH;

    /** One payment's write. */
    sealed interface Write permits Sent, Answered {}

    /** S801–S804 at once: a new payment, opened, routed and about to be sent, with its four event rows. */
    record Sent(NewPayment payment, String issuerId, int stan, Instant transmittedAt, String rrn, Instant now) implements Write {}

    /**
     * The issuer's answer, moving the payment {@code from → to}, and on to {@code ADDITIONAL_ITEMS_REQUESTED}
     * when {@code askItems}; the sealed result the phone gets is stored in the same step. With a
     * {@code completion} (a wallet payment, whose additional items were confirmed before the 0100) it goes
     * on to COMPLETED with those items and its completion advice (0220) queued, still in the same commit.
     */
    record Answered(String id, PaymentState from, PaymentState to, boolean askItems, String responseCode, String approvalCodeOrNull,
            String reason, byte[] sealedResult, Instant now, Optional<Completion> completion) implements Write {
        Answered {
            if (!from.canMoveTo(to) || askItems && !to.canMoveTo(PaymentState.ADDITIONAL_ITEMS_REQUESTED)) {
                throw new JournalException("payment " + id + ": " + from + " → " + to + (askItems ? " → ADDITIONAL_ITEMS_REQUESTED" : "")
                        + " is not a transition of the flow");
            }
            if (completion.isPresent() && (!askItems || !completion.get().advice().paymentId().equals(id)
                    || completion.get().advice().kind() != Advice.Kind.COMPLETION)) {
                throw new JournalException("payment " + id + ": a completion goes with an approval that asks for items, and its own 0220");
            }
        }

        PaymentState finalState() {
            return completion.isPresent() ? PaymentState.COMPLETED : askItems ? PaymentState.ADDITIONAL_ITEMS_REQUESTED : to;
        }
    }

    /** The additional items (JSON) and the completion advice that complete a payment at once. */
    record Completion(String additionalItemsJson, Advice advice) {}

    private final BatchCommitter<Write> committer;

    GroupCommit(Jdbi jdbi) {
        this.committer = new BatchCommitter<>(jdbi, "journal", GroupCommit::apply, JournalException::new);
    }

    /** Hands the write over and waits until it is committed; returns whether it took effect (false: KSN used / state moved). */
    boolean commit(Write write) {
        return committer.commit(write);
    }

    /** Batches committed and writes in them, since start (for the operator and the benchmark). */
    long[] counts() {
        return committer.counts();
    }

    private static String idOf(Write write) {
        return switch (write) {
            case Sent s -> s.payment().id();
            case Answered a -> a.id();
        };
    }

    /**
     * The whole batch as one statement, committed by the committer: new payments, answers, and the
     * event rows of those that took effect, in data-modifying CTEs. One round trip and one WAL flush per
     * batch, however many payments it holds.
     */
    static final String BATCH_SQL = "WITH sent AS ("
            + "INSERT INTO center.payments (id, key_scheme, ksn, envelope_sha256, channel, reader_serial, merchant_id,"
            + " terminal_id, reader_sequence, reader_local_at, state, amount_minor, currency, pan_masked, pan_index, pan_encrypted,"
            + " pan_key, entry_mode, pin_present, issuer_id, stan, transmitted_at, rrn, created_at, updated_at)"
            + " SELECT v.id, v.scheme::smallint, v.ksn, v.sha, v.channel, v.reader, v.merchant, v.terminal, v.seq::bigint,"
            + " v.local_at::timestamp, 'SENT_TO_ISSUER', v.amount::bigint, v.currency, v.masked, v.pan_index, v.pan_encrypted,"
            + " v.pan_key, v.entry_mode, v.pin::boolean, v.issuer, v.stan::integer, v.transmitted_at::timestamptz, v.rrn,"
            + " v.now::timestamptz, v.now::timestamptz"
            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bytea[], ?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::text[], ?::text[], ?::text[], ?::text[])"
            + " AS v(id, scheme, ksn, sha, channel, reader, merchant, terminal, seq, local_at, amount, currency, masked,"
            + " pan_index, pan_encrypted, pan_key, entry_mode, pin, issuer, stan, transmitted_at, rrn, now)"
            + " ON CONFLICT ON CONSTRAINT payments_ksn_once DO NOTHING RETURNING id),"
            + " answered AS ("
            + "UPDATE center.payments p SET state = v.state, updated_at = v.now::timestamptz, response_code = v.rc,"
            + " approval_code = v.ac, outcome = v.outcome, reason = v.reason, sealed_result = v.sealed,"
            + " additional_items = coalesce(v.items::jsonb, p.additional_items)"
            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bytea[], ?::text[], ?::text[])"
            + " AS v(id, from_state, state, rc, ac, outcome, reason, sealed, now, items)"
            + " WHERE p.id = v.id AND p.state = v.from_state RETURNING p.id),"
            + " advices AS ("
            + "INSERT INTO center.issuer_advices (payment_id, kind, issuer_id, amount_minor, stan, transmitted_at, next_attempt_at,"
            + " created_at)"
            + " SELECT v.id, 'COMPLETION', v.issuer, v.amount::bigint, v.stan::integer, v.at::timestamptz, v.now::timestamptz,"
            + " v.now::timestamptz"
            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS v(id, issuer, amount, stan, at, now)"
            + " WHERE v.id IN (SELECT id FROM answered)"
            + " ON CONFLICT ON CONSTRAINT issuer_advices_once DO NOTHING),"
            + " events AS ("
            + "INSERT INTO center.payment_events (payment_id, seq, state, at, detail)"
            + " SELECT v.id, coalesce(v.after_seq::integer, (SELECT max(e.seq) FROM center.payment_events e WHERE e.payment_id = v.id), 0)"
            + " + v.ordinal::integer, v.state, v.at::timestamptz, v.detail"
            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS v(id, after_seq, ordinal, state, at, detail)"
            + " WHERE v.id IN (SELECT id FROM sent UNION ALL SELECT id FROM answered))"
            + " SELECT id FROM sent UNION ALL SELECT id FROM answered";

    /** Runs the batch; a write took effect when its payment's ID came back. */
    private static Predicate<Write> apply(Connection c, List<Write> batch) throws SQLException {
        ColumnArrays sent = new ColumnArrays(SENT_COLUMNS);
        ColumnArrays answered = new ColumnArrays(ANSWERED_COLUMNS);
        ColumnArrays advices = new ColumnArrays(ADVICE_COLUMNS);
        ColumnArrays events = new ColumnArrays(EVENT_COLUMNS);
        for (Write w : batch) {
            switch (w) {
                case Sent s -> addSent(sent, events, s);
                case Answered a -> addAnswered(answered, advices, events, a);
            }
        }
        try (PreparedStatement st = c.prepareStatement(BATCH_SQL)) {
            int index = 1;
            for (ColumnArrays columns : List.of(sent, answered, advices, events)) {
                index = columns.bind(c, st, index);
            }
            Set<String> applied = new HashSet<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    applied.add(rs.getString(1));
                }
            }
            return w -> applied.contains(idOf(w));
        }
    }

    /** Column kinds of the arrays bound, in statement order: text, except bytea where named. */
    private static final String[] SENT_COLUMNS = {"text", "text", "text", "text", "text", "text", "text", "text", "text", "text",
            "text", "text", "text", "text", "bytea", "text", "text", "text", "text", "text", "text", "text", "text"};
    private static final String[] ANSWERED_COLUMNS = {"text", "text", "text", "text", "text", "text", "text", "bytea", "text", "text"};
    private static final String[] ADVICE_COLUMNS = {"text", "text", "text", "text", "text", "text"};
    /**
     * An event row's {@code after_seq} is the number of events its payment had before: 0 for a payment
     * inserted in the same batch (its ID is new), null to have the statement look it up (an answer). The
     * look-up, one index probe per event row, was half of the events' cost when done for new payments too.
     */
    private static final String[] EVENT_COLUMNS = {"text", "text", "text", "text", "text", "text"};
    private static final String NEW_PAYMENT = "0";

    private static void addSent(ColumnArrays sent, ColumnArrays events, Sent s) {
        NewPayment p = s.payment();
        sent.row(p.id(), Integer.toString(p.keyScheme()), p.ksn(), p.envelopeSha256(), p.channel().name(), p.readerSerial(),
                p.merchantId(), p.terminalId(), Long.toString(p.readerSequence()), p.readerLocalAt().toString(),
                Long.toString(p.amountMinor()), p.currency(), p.panMasked(), p.panIndex(), p.panEncrypted().sealed(),
                p.panEncrypted().keyName(), p.entryMode(), Boolean.toString(p.pinPresent()), s.issuerId(), Integer.toString(s.stan()),
                s.transmittedAt().toString(), s.rrn(), s.now().toString());
        String at = s.now().toString();
        events.row(p.id(), NEW_PAYMENT, "1", PaymentState.RECEIVED.name(), at, "channel " + p.channel());
        events.row(p.id(), NEW_PAYMENT, "2", PaymentState.OPENED.name(), at, "KSN " + p.ksn());
        events.row(p.id(), NEW_PAYMENT, "3", PaymentState.ROUTED.name(), at, "issuer " + s.issuerId());
        events.row(p.id(), NEW_PAYMENT, "4", PaymentState.SENT_TO_ISSUER.name(), at, "STAN " + s.stan() + ", RRN " + s.rrn());
    }

    private static void addAnswered(ColumnArrays answered, ColumnArrays advices, ColumnArrays events, Answered a) {
        answered.row(a.id(), a.from().name(), a.finalState().name(), a.responseCode(), a.approvalCodeOrNull(), a.to().name(),
                a.reason(), a.sealedResult(), a.now().toString(), a.completion().map(Completion::additionalItemsJson).orElse(null));
        String at = a.now().toString();
        events.row(a.id(), null, "1", a.to().name(), at, "DE 39 " + a.responseCode() + (a.reason().isEmpty() ? "" : ", " + a.reason()));
        if (a.askItems()) {
            events.row(a.id(), null, "2", PaymentState.ADDITIONAL_ITEMS_REQUESTED.name(), at, "");
        }
        a.completion().ifPresent(completion -> {
            Advice advice = completion.advice();
            advices.row(a.id(), advice.issuerId(), Long.toString(advice.amountMinor()), Integer.toString(advice.stan()),
                    advice.transmittedAt().toString(), at);
            events.row(a.id(), null, "3", PaymentState.COMPLETED.name(), at, JournalStore.COMPLETION_QUEUED);
        });
    }

    @Override
    public void close() {
        committer.close();
    }
}
