package io.kessai.center.journal;

import io.kessai.center.ops.BatchCommitter;
import io.kessai.center.ops.ColumnArrays;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
    sealed interface Write permits Sent, Answered, MailsSent {}

    /** S801–S804 at once: a new payment, opened, routed and about to be sent, with one event row naming the four steps. */
    record Sent(NewPayment payment, String issuerId, int stan, Instant transmittedAt, String rrn, Instant now) implements Write {}

    /**
     * The issuer's answer, moving the payment {@code from → to}, and on to {@code ADDITIONAL_ITEMS_REQUESTED}
     * when {@code askItems}; the sealed result the phone gets is stored in the same step. With a
     * {@code completion} (a wallet payment, whose additional items were confirmed before the 0100) it goes
     * on to COMPLETED with those items and its completion advice (0220) queued, still in the same commit.
     * With {@code mails} (a payment by e-mail) the mail's inbox record and answer mails are written in the
     * same commit too, only if the answer takes effect (ADR 0020).
     */
    record Answered(String id, PaymentState from, PaymentState to, boolean askItems, String responseCode, String approvalCodeOrNull,
            String reason, byte[] sealedResult, Instant now, Optional<Completion> completion, Optional<AnswerMails> mails)
            implements Write {
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

    /**
     * Outbox rows the mail relay took at {@code at} (ADR 0020): the outbox workers' sent marks join the
     * journal's batches instead of committing on their own, one writer for the database's hot path.
     */
    record MailsSent(List<Long> ids, Instant at) implements Write {
        MailsSent {
            ids = List.copyOf(ids);
            if (ids.isEmpty()) {
                throw new IllegalArgumentException("a sent mark without mails");
            }
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

    /** Whether the write took effect: its payment's ID came back; a sent mark always does (its rows may be marked by another node). */
    private static boolean tookEffect(Write write, Set<String> applied) {
        return switch (write) {
            case Sent s -> applied.contains(s.payment().id());
            case Answered a -> applied.contains(a.id());
            case MailsSent m -> true;
        };
    }

    /**
     * The whole batch as one statement, committed by the committer: new payments, answers, and the
     * event rows of those that took effect, in data-modifying CTEs. One round trip and one WAL flush per
     * batch, however many payments it holds.
     */
    private static final String JOURNAL_CTES = "WITH sent AS ("
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
            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bytea[], ?::text[], ?::text[],"
            + " ?::text[]) AS v(id, from_state, state, rc, ac, outcome, reason, sealed, now, items, nr)"
            + " WHERE p.id = v.id AND p.state = v.from_state RETURNING p.id, v.nr),"
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
            + " + 1, v.state, v.at::timestamptz, v.detail"
            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS v(id, after_seq, state, at, detail)"
            + " WHERE v.id IN (SELECT id FROM sent UNION ALL SELECT id FROM answered))";
    static final String BATCH_SQL = JOURNAL_CTES + " SELECT id, NULL::bigint, NULL::text FROM sent UNION ALL SELECT id, NULL, NULL FROM answered";

    /**
     * The same statement with the mail rows of answers by e-mail (ADR 0020): the inbox records and outbox
     * rows of the answers that took effect, nothing for the others; and the outbox's sent marks. Matched by the write's number in the
     * batch ({@code nr}), not by payment: two answers for one payment in a batch update it once, and only
     * the one that did has its mails written. A separate text, so that the batches
     * without mail (the terminal API, the first write of every payment) bind no mail arrays.
     */
    static final String BATCH_WITH_MAIL_SQL = JOURNAL_CTES + ","
            + " mail_in AS ("
            + "INSERT INTO center.mail_inbox (message_id, sender, received_at, disposition, payment_id, detail)"
            + " SELECT v.id, v.sender, v.at::timestamptz, v.disposition, v.payment, v.detail"
            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
            + " AS v(id, sender, at, disposition, payment, detail, nr)"
            + " WHERE v.nr IN (SELECT nr FROM answered)"
            + " ON CONFLICT (message_id) DO NOTHING),"
            + " mail_out AS ("
            + "INSERT INTO center.mail_outbox (message_id, kind, recipient, payment_id, raw, state, attempts, next_attempt_at,"
            + " lease_until, created_at)"
            + " SELECT v.id, v.kind, v.recipient, v.payment, v.raw, 'PENDING', v.attempts::integer, v.next_at::timestamptz,"
            + " v.lease_until::timestamptz, v.now::timestamptz"
            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::bytea[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
            + " AS v(id, kind, recipient, payment, raw, attempts, next_at, lease_until, now, nr)"
            + " WHERE v.nr IN (SELECT nr FROM answered)"
            + " RETURNING id, message_id),"
            + " mail_sent AS ("
            + AnswerMails.MARK_SENT + ")"
            + " SELECT id, NULL::bigint, NULL::text FROM sent UNION ALL SELECT id, NULL, NULL FROM answered"
            + " UNION ALL SELECT NULL, id, message_id FROM mail_out";

    /** Runs the batch; a write took effect when its payment's ID came back. */
    private static Predicate<Write> apply(Connection c, List<Write> batch) throws SQLException {
        ColumnArrays sent = new ColumnArrays(SENT_COLUMNS);
        ColumnArrays answered = new ColumnArrays(ANSWERED_COLUMNS);
        ColumnArrays advices = new ColumnArrays(ADVICE_COLUMNS);
        ColumnArrays events = new ColumnArrays(EVENT_COLUMNS);
        ColumnArrays inbox = new ColumnArrays(INBOX_COLUMNS);
        ColumnArrays outbox = new ColumnArrays(OUTBOX_COLUMNS);
        ColumnArrays mailsSent = new ColumnArrays(MAILS_SENT_COLUMNS);
        Map<String, AnswerMails> mailsByMessageId = new HashMap<>();
        int nr = 0;
        boolean withMail = false;
        for (Write w : batch) {
            switch (w) {
                case Sent s -> addSent(sent, events, s);
                case Answered a -> {
                    String number = Integer.toString(nr);
                    addAnswered(answered, advices, events, a, number);
                    a.mails().ifPresent(mails -> addMails(inbox, outbox, mailsByMessageId, a, number, mails));
                }
                case MailsSent m -> {
                    withMail = true;
                    String at = m.at().toString();
                    m.ids().forEach(id -> mailsSent.row(Long.toString(id), at, AnswerMails.PENDING));
                }
            }
            nr++;
        }
        withMail |= !mailsByMessageId.isEmpty();
        try (PreparedStatement st = c.prepareStatement(withMail ? BATCH_WITH_MAIL_SQL : BATCH_SQL)) {
            int index = 1;
            for (ColumnArrays columns : withMail ? List.of(sent, answered, advices, events, inbox, outbox, mailsSent)
                    : List.of(sent, answered, advices, events)) {
                index = columns.bind(c, st, index);
            }
            Set<String> applied = new HashSet<>();
            List<AnswerMails.Written> written = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String messageId = rs.getString(3);
                    if (messageId == null) {
                        applied.add(rs.getString(1));
                    } else {
                        written.add(new AnswerMails.Written(rs.getLong(2), messageId));
                    }
                }
            }
            // Read by the callers only once the committer has committed; a batch whose statement or commit
            // fails is tried again write by write, each try starting from reset rows.
            written.forEach(row -> mailsByMessageId.get(row.messageId()).committedAs(row));
            return w -> tookEffect(w, applied);
        }
    }

    private static final String[] MAILS_SENT_COLUMNS = {"text", "text", "text"};
    private static final String[] INBOX_COLUMNS = {"text", "text", "text", "text", "text", "text", "text"};
    private static final String[] OUTBOX_COLUMNS = {"text", "text", "text", "text", "bytea", "text", "text", "text", "text", "text"};

    private static void addMails(ColumnArrays inbox, ColumnArrays outbox, Map<String, AnswerMails> byMessageId, Answered a,
            String nr, AnswerMails mails) {
        mails.reset();
        String now = a.now().toString();
        AnswerMails.Inbox in = mails.inbox();
        inbox.row(in.messageId(), in.sender(), now, in.disposition(), a.id(), in.detail(), nr);
        AnswerMails.OutboxSchedule schedule = AnswerMails.OutboxSchedule.of(a.now(), mails.leaseFor());
        for (AnswerMails.Outbox out : mails.outbox()) {
            outbox.row(out.messageId(), out.kind(), out.recipient(), out.paymentId().orElse(null), out.raw(), schedule.attempts(),
                    schedule.due(), schedule.leaseUntil(), now, nr);
            byMessageId.put(out.messageId(), mails);
        }
    }

    /** Column kinds of the arrays bound, in statement order: text, except bytea where named. */
    private static final String[] SENT_COLUMNS = {"text", "text", "text", "text", "text", "text", "text", "text", "text", "text",
            "text", "text", "text", "text", "bytea", "text", "text", "text", "text", "text", "text", "text", "text"};
    private static final String[] ANSWERED_COLUMNS = {"text", "text", "text", "text", "text", "text", "text", "bytea", "text", "text",
            "text"};
    private static final String[] ADVICE_COLUMNS = {"text", "text", "text", "text", "text", "text"};
    /**
     * An event row's {@code after_seq} is the number of events its payment had before: 0 for a payment
     * inserted in the same batch (its ID is new), null to have the statement look it up (an answer). The
     * look-up, one index probe per event row, was half of the events' cost when done for new payments too.
     */
    private static final String[] EVENT_COLUMNS = {"text", "text", "text", "text", "text"};
    private static final String NEW_PAYMENT = "0";
    private static final String TO = " → ";
    /** The four steps a new payment's one write makes durable, in order (ADR 0024). */
    private static final String NEW_PAYMENT_PATH = PaymentState.RECEIVED + TO + PaymentState.OPENED + TO + PaymentState.ROUTED + TO
            + PaymentState.SENT_TO_ISSUER;

    private static void addSent(ColumnArrays sent, ColumnArrays events, Sent s) {
        NewPayment p = s.payment();
        sent.row(p.id(), Integer.toString(p.keyScheme()), p.ksn(), p.envelopeSha256(), p.channel().name(), p.readerSerial(),
                p.merchantId(), p.terminalId(), Long.toString(p.readerSequence()), p.readerLocalAt().toString(),
                Long.toString(p.amountMinor()), p.currency(), p.panMasked(), p.panIndex(), p.panEncrypted().sealed(),
                p.panEncrypted().keyName(), p.entryMode(), Boolean.toString(p.pinPresent()), s.issuerId(), Integer.toString(s.stan()),
                s.transmittedAt().toString(), s.rrn(), s.now().toString());
        events.row(p.id(), NEW_PAYMENT, PaymentState.SENT_TO_ISSUER.name(), s.now().toString(), sentDetail(s));
    }

    /**
     * One event row per journal write (ADR 0024): the states the write made durable together, in order, then
     * what each added. A new payment's four steps were four rows with one timestamp in one commit; as one
     * row they cost a third of the index entries and heap the batch statement wrote for them.
     */
    static String sentDetail(Sent s) {
        NewPayment p = s.payment();
        return NEW_PAYMENT_PATH + ": channel " + p.channel() + ", KSN " + p.ksn() + ", issuer " + s.issuerId() + ", "
                + JournalStore.sentDetail(s.stan(), s.rrn());
    }

    /** The answer's one event row: the answered state and those it went on to in the same commit, then DE 39. */
    static String answeredDetail(Answered a) {
        StringBuilder detail = new StringBuilder(a.to().name());
        if (a.askItems()) {
            detail.append(TO).append(PaymentState.ADDITIONAL_ITEMS_REQUESTED);
        }
        boolean completes = a.completion().isPresent();
        if (completes) {
            detail.append(TO).append(PaymentState.COMPLETED);
        }
        detail.append(": ").append(JournalStore.answerDetail(a.responseCode(), a.reason()));
        if (completes) {
            detail.append("; ").append(JournalStore.COMPLETION_QUEUED);
        }
        return detail.toString();
    }

    private static void addAnswered(ColumnArrays answered, ColumnArrays advices, ColumnArrays events, Answered a, String nr) {
        answered.row(a.id(), a.from().name(), a.finalState().name(), a.responseCode(), a.approvalCodeOrNull(), a.to().name(),
                a.reason(), a.sealedResult(), a.now().toString(), a.completion().map(Completion::additionalItemsJson).orElse(null), nr);
        String at = a.now().toString();
        events.row(a.id(), null, a.finalState().name(), at, answeredDetail(a));
        a.completion().ifPresent(completion -> {
            Advice advice = completion.advice();
            advices.row(a.id(), advice.issuerId(), Long.toString(advice.amountMinor()), Integer.toString(advice.stan()),
                    advice.transmittedAt().toString(), at);
        });
    }

    @Override
    public void close() {
        committer.close();
    }
}
