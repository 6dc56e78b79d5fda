package io.kessai.center.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for the two journal writes of every payment (ADR 0010): the record that the 0100 is about
 * to leave, and the issuer's answer. Callers on many threads hand their write to one writer thread and
 * wait; the writer takes whatever is queued (up to {@link #MAX_BATCH}), writes it with a few multi-row
 * statements in one transaction and commits once, then releases every caller of the batch. Each caller
 * still continues only after its own write is durable (synchronous_commit on), so "journaled before the
 * next outside effect" holds; what is shared is the round trips and the one WAL flush.
 *
 * <p>A batch that fails as a whole (a constraint nobody expected, a lost connection) is rolled back and
 * every write in it is retried alone, so one bad write fails only its own caller.
 */
final class GroupCommit implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    static final int MAX_BATCH = 512;
    static final int QUEUE_CAPACITY = 8_192;
    /** How long a caller waits for room in the queue, then for its commit. */
    static final Duration ENQUEUE_TIMEOUT = Duration.ofSeconds(5);
    static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);
    private static final long IDLE_POLL_MILLIS = 500;

    /** One payment's write; {@code done} completes with whether it took effect (false: KSN used / state moved). */
    sealed interface Write permits Sent, Answered {
        CompletableFuture<Boolean> done();
    }

    /** S801–S804 at once: a new payment, opened, routed and about to be sent, with its four event rows. */
    record Sent(NewPayment payment, String issuerId, int stan, Instant transmittedAt, String rrn, Instant now,
            CompletableFuture<Boolean> done) implements Write {}

    /**
     * The issuer's answer, moving the payment {@code from → to}, and on to {@code ADDITIONAL_ITEMS_REQUESTED}
     * when {@code askItems}; the sealed result the phone gets is stored in the same step. With a
     * {@code completion} (a wallet payment, whose additional items were confirmed before the 0100) it goes
     * on to COMPLETED with those items and its completion advice (0220) queued, still in the same commit.
     */
    record Answered(String id, PaymentState from, PaymentState to, boolean askItems, String responseCode, String approvalCodeOrNull,
            String reason, byte[] sealedResult, Instant now, Optional<Completion> completion, CompletableFuture<Boolean> done)
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

    /** The additional items (JSON) and the completion advice that complete a payment at once. */
    record Completion(String additionalItemsJson, Advice advice) {}

    private final Jdbi jdbi;
    private final BlockingQueue<Write> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread writer;
    private volatile boolean closed;
    /** Only the writer thread touches it. */
    private Handle handle;
    private long batches;
    private long writes;

    GroupCommit(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.writer = Thread.ofPlatform().daemon().name("journal-group-commit").unstarted(this::run);
    }

    /** Hands the write over and waits until it is committed; returns whether it took effect. */
    boolean commit(Write write) {
        startOnce();
        try {
            if (closed || !queue.offer(write, ENQUEUE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new JournalException(closed ? "the journal is closed" : "the journal's queue stayed full for "
                        + ENQUEUE_TIMEOUT.toMillis() + " ms");
            }
            return write.done().get(COMMIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalException("interrupted while waiting for the journal commit");
        } catch (TimeoutException e) {
            throw new JournalException("no journal commit in " + COMMIT_TIMEOUT.toMillis() + " ms");
        } catch (ExecutionException e) {
            // The write's own failure, as the database gave it (an outage stays recognisable as one).
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        }
    }

    private synchronized void startOnce() {
        if (!writer.isAlive() && !closed) {
            writer.start();
        }
    }

    /** Batches committed and writes in them, since start (for the operator and the benchmark). */
    synchronized long[] counts() {
        return new long[] {batches, writes};
    }

    private void run() {
        List<Write> batch = new ArrayList<>(MAX_BATCH);
        while (!closed) {
            try {
                Write first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.error("journal group commit: {}", e.toString());
                batch.forEach(w -> w.done().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
        for (Write left; (left = queue.poll()) != null; ) {
            left.done().completeExceptionally(new JournalException("the journal is closed"));
        }
        dropConnection();
    }

    private void write(List<Write> batch) {
        RuntimeException failure;
        try {
            Set<String> applied = apply(connection().getConnection(), batch);
            synchronized (this) {
                batches++;
                writes += batch.size();
            }
            for (Write w : batch) {
                w.done().complete(applied.contains(idOf(w)));
            }
            return;
        } catch (RuntimeException e) {
            failure = e;
        } catch (SQLException e) {
            failure = new IllegalStateException("journal write failed: " + e.getMessage(), e);
        }
        dropConnection();
        if (batch.size() == 1) {
            batch.getFirst().done().completeExceptionally(failure);
            return;
        }
        LOG.warn("journal batch of {} failed ({}); writing each alone", batch.size(), failure.getMessage());
        for (Write w : batch) {
            write(List.of(w));
        }
    }

    /**
     * The writer's own connection, kept between batches: waiting in the pool's queue behind every reader
     * would put the whole batch behind them. Opened again after a failure.
     */
    private Handle connection() {
        if (handle == null) {
            handle = jdbi.open();
        }
        return handle;
    }

    private void dropConnection() {
        if (handle != null) {
            try {
                handle.close();
            } catch (RuntimeException e) {
                LOG.debug("closing the journal writer's connection: {}", e.getMessage());
            }
            handle = null;
        }
    }

    private static String idOf(Write write) {
        return switch (write) {
            case Sent s -> s.payment().id();
            case Answered a -> a.id();
        };
    }

    /**
     * The whole batch as one statement, committed on its own (autocommit): new payments, answers, and the
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
            + " SELECT v.id, coalesce((SELECT max(e.seq) FROM center.payment_events e WHERE e.payment_id = v.id), 0)"
            + " + v.ordinal::integer, v.state, v.at::timestamptz, v.detail"
            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS v(id, ordinal, state, at, detail)"
            + " WHERE v.id IN (SELECT id FROM sent UNION ALL SELECT id FROM answered))"
            + " SELECT id FROM sent UNION ALL SELECT id FROM answered";

    /** Runs the batch; returns the IDs of the payments whose write took effect. */
    private static Set<String> apply(Connection c, List<Write> batch) throws SQLException {
        Columns sent = new Columns(SENT_COLUMNS);
        Columns answered = new Columns(ANSWERED_COLUMNS);
        Columns advices = new Columns(ADVICE_COLUMNS);
        Columns events = new Columns(EVENT_COLUMNS);
        for (Write w : batch) {
            switch (w) {
                case Sent s -> addSent(sent, events, s);
                case Answered a -> addAnswered(answered, advices, events, a);
            }
        }
        try (PreparedStatement st = c.prepareStatement(BATCH_SQL)) {
            int index = 1;
            for (Columns columns : List.of(sent, answered, advices, events)) {
                index = columns.bind(c, st, index);
            }
            Set<String> applied = new HashSet<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    applied.add(rs.getString(1));
                }
            }
            return applied;
        }
    }

    /** Column kinds of the arrays bound, in statement order: text, except bytea where named. */
    private static final String[] SENT_COLUMNS = {"text", "text", "text", "text", "text", "text", "text", "text", "text", "text",
            "text", "text", "text", "text", "bytea", "text", "text", "text", "text", "text", "text", "text", "text"};
    private static final String[] ANSWERED_COLUMNS = {"text", "text", "text", "text", "text", "text", "text", "bytea", "text", "text"};
    private static final String[] ADVICE_COLUMNS = {"text", "text", "text", "text", "text", "text"};
    private static final String[] EVENT_COLUMNS = {"text", "text", "text", "text", "text"};

    private static void addSent(Columns sent, Columns events, Sent s) {
        NewPayment p = s.payment();
        sent.row(p.id(), Integer.toString(p.keyScheme()), p.ksn(), p.envelopeSha256(), p.channel().name(), p.readerSerial(),
                p.merchantId(), p.terminalId(), Long.toString(p.readerSequence()), p.readerLocalAt().toString(),
                Long.toString(p.amountMinor()), p.currency(), p.panMasked(), p.panIndex(), p.panEncrypted().sealed(),
                p.panEncrypted().keyName(), p.entryMode(), Boolean.toString(p.pinPresent()), s.issuerId(), Integer.toString(s.stan()),
                s.transmittedAt().toString(), s.rrn(), s.now().toString());
        String at = s.now().toString();
        events.row(p.id(), "1", PaymentState.RECEIVED.name(), at, "channel " + p.channel());
        events.row(p.id(), "2", PaymentState.OPENED.name(), at, "KSN " + p.ksn());
        events.row(p.id(), "3", PaymentState.ROUTED.name(), at, "issuer " + s.issuerId());
        events.row(p.id(), "4", PaymentState.SENT_TO_ISSUER.name(), at, "STAN " + s.stan() + ", RRN " + s.rrn());
    }

    private static void addAnswered(Columns answered, Columns advices, Columns events, Answered a) {
        answered.row(a.id(), a.from().name(), a.finalState().name(), a.responseCode(), a.approvalCodeOrNull(), a.to().name(),
                a.reason(), a.sealedResult(), a.now().toString(), a.completion().map(Completion::additionalItemsJson).orElse(null));
        String at = a.now().toString();
        events.row(a.id(), "1", a.to().name(), at, "DE 39 " + a.responseCode() + (a.reason().isEmpty() ? "" : ", " + a.reason()));
        if (a.askItems()) {
            events.row(a.id(), "2", PaymentState.ADDITIONAL_ITEMS_REQUESTED.name(), at, "");
        }
        a.completion().ifPresent(completion -> {
            Advice advice = completion.advice();
            advices.row(a.id(), advice.issuerId(), Long.toString(advice.amountMinor()), Integer.toString(advice.stan()),
                    advice.transmittedAt().toString(), at);
            events.row(a.id(), "3", PaymentState.COMPLETED.name(), at, JournalStore.COMPLETION_QUEUED);
        });
    }

    /** Column-wise values of a batch, bound as one array per column (unnest turns them back into rows). */
    private static final class Columns {
        private final String[] kinds;
        private final List<List<Object>> values = new ArrayList<>();

        Columns(String[] kinds) {
            this.kinds = kinds;
            for (int k = 0; k < kinds.length; k++) {
                values.add(new ArrayList<>());
            }
        }

        void row(Object... row) {
            if (row.length != kinds.length) {
                throw new IllegalArgumentException("a row of " + kinds.length + " values, got " + row.length);
            }
            for (int k = 0; k < row.length; k++) {
                values.get(k).add(row[k]);
            }
        }

        int bind(Connection c, PreparedStatement st, int first) throws SQLException {
            for (int k = 0; k < kinds.length; k++) {
                List<Object> column = values.get(k);
                Object[] array = kinds[k].equals("bytea") ? column.toArray(new byte[0][]) : column.toArray(new String[0]);
                st.setArray(first + k, c.createArrayOf(kinds[k], array));
            }
            return first + kinds.length;
        }
    }

    @Override
    public void close() {
        closed = true;
        writer.interrupt();
        try {
            if (writer.isAlive()) {
                writer.join(COMMIT_TIMEOUT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
