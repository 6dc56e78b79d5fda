package io.kessai.center.journal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
     * when {@code askItems}; the sealed result the phone gets is stored in the same step.
     */
    record Answered(String id, PaymentState from, PaymentState to, boolean askItems, String responseCode, String approvalCodeOrNull,
            String reason, byte[] sealedResult, Instant now, CompletableFuture<Boolean> done) implements Write {
        Answered {
            if (!from.canMoveTo(to) || askItems && !to.canMoveTo(PaymentState.ADDITIONAL_ITEMS_REQUESTED)) {
                throw new JournalException("payment " + id + ": " + from + " → " + to + (askItems ? " → ADDITIONAL_ITEMS_REQUESTED" : "")
                        + " is not a transition of the flow");
            }
        }

        PaymentState finalState() {
            return askItems ? PaymentState.ADDITIONAL_ITEMS_REQUESTED : to;
        }
    }

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
            Set<String> applied = connection().inTransaction(h -> apply(h.getConnection(), batch));
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

    /** The batch in one transaction: new payments, answers, then the event rows of what took effect. */
    private static Set<String> apply(Connection c, List<Write> batch) throws SQLException {
        List<Sent> sent = new ArrayList<>();
        List<Answered> answered = new ArrayList<>();
        for (Write w : batch) {
            switch (w) {
                case Sent s -> sent.add(s);
                case Answered a -> answered.add(a);
            }
        }
        Set<String> applied = new HashSet<>();
        Events events = new Events();
        if (!sent.isEmpty()) {
            Set<String> inserted = insertSent(c, sent);
            for (Sent s : sent) {
                if (inserted.contains(s.payment().id())) {
                    NewPayment p = s.payment();
                    String at = s.now().toString();
                    events.add(p.id(), PaymentState.RECEIVED, at, "channel " + p.channel());
                    events.add(p.id(), PaymentState.OPENED, at, "KSN " + p.ksn());
                    events.add(p.id(), PaymentState.ROUTED, at, "issuer " + s.issuerId());
                    events.add(p.id(), PaymentState.SENT_TO_ISSUER, at, "STAN " + s.stan() + ", RRN " + s.rrn());
                }
            }
            applied.addAll(inserted);
        }
        if (!answered.isEmpty()) {
            Set<String> updated = updateAnswered(c, answered);
            for (Answered a : answered) {
                if (updated.contains(a.id())) {
                    String at = a.now().toString();
                    events.add(a.id(), a.to(), at, "DE 39 " + a.responseCode() + (a.reason().isEmpty() ? "" : ", " + a.reason()));
                    if (a.askItems()) {
                        events.add(a.id(), PaymentState.ADDITIONAL_ITEMS_REQUESTED, at, "");
                    }
                }
            }
            applied.addAll(updated);
        }
        events.insert(c);
        return applied;
    }

    private static Set<String> insertSent(Connection c, List<Sent> sent) throws SQLException {
        int n = sent.size();
        String[] id = new String[n], scheme = new String[n], ksn = new String[n], sha = new String[n], channel = new String[n],
                reader = new String[n], merchant = new String[n], terminal = new String[n], sequence = new String[n],
                localAt = new String[n], amount = new String[n], currency = new String[n], masked = new String[n],
                panIndex = new String[n], panKey = new String[n], entryMode = new String[n], pin = new String[n],
                issuer = new String[n], stan = new String[n], transmittedAt = new String[n], rrn = new String[n], now = new String[n];
        byte[][] panEncrypted = new byte[n][];
        for (int i = 0; i < n; i++) {
            Sent s = sent.get(i);
            NewPayment p = s.payment();
            id[i] = p.id();
            scheme[i] = Integer.toString(p.keyScheme());
            ksn[i] = p.ksn();
            sha[i] = p.envelopeSha256();
            channel[i] = p.channel().name();
            reader[i] = p.readerSerial();
            merchant[i] = p.merchantId();
            terminal[i] = p.terminalId();
            sequence[i] = Long.toString(p.readerSequence());
            localAt[i] = p.readerLocalAt().toString();
            amount[i] = Long.toString(p.amountMinor());
            currency[i] = p.currency();
            masked[i] = p.panMasked();
            panIndex[i] = p.panIndex();
            panEncrypted[i] = p.panEncrypted().sealed();
            panKey[i] = p.panEncrypted().keyName();
            entryMode[i] = p.entryMode();
            pin[i] = Boolean.toString(p.pinPresent());
            issuer[i] = s.issuerId();
            stan[i] = Integer.toString(s.stan());
            transmittedAt[i] = s.transmittedAt().toString();
            rrn[i] = s.rrn();
            now[i] = s.now().toString();
        }
        String sql = "INSERT INTO center.payments (id, key_scheme, ksn, envelope_sha256, channel, reader_serial, merchant_id,"
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
                + " ON CONFLICT ON CONSTRAINT payments_ksn_once DO NOTHING RETURNING id";
        try (PreparedStatement st = c.prepareStatement(sql)) {
            Object[][] columns = {id, scheme, ksn, sha, channel, reader, merchant, terminal, sequence, localAt, amount, currency,
                    masked, panIndex, panEncrypted, panKey, entryMode, pin, issuer, stan, transmittedAt, rrn, now};
            for (int k = 0; k < columns.length; k++) {
                st.setArray(k + 1, c.createArrayOf(columns[k] instanceof byte[][] ? "bytea" : "text", columns[k]));
            }
            return ids(st);
        }
    }

    private static Set<String> updateAnswered(Connection c, List<Answered> answered) throws SQLException {
        int n = answered.size();
        String[] id = new String[n], from = new String[n], state = new String[n], rc = new String[n], ac = new String[n],
                outcome = new String[n], reason = new String[n], now = new String[n];
        byte[][] sealed = new byte[n][];
        for (int i = 0; i < n; i++) {
            Answered a = answered.get(i);
            id[i] = a.id();
            from[i] = a.from().name();
            state[i] = a.finalState().name();
            rc[i] = a.responseCode();
            ac[i] = a.approvalCodeOrNull();
            outcome[i] = a.to().name();
            reason[i] = a.reason();
            sealed[i] = a.sealedResult();
            now[i] = a.now().toString();
        }
        String sql = "UPDATE center.payments p SET state = v.state, updated_at = v.now::timestamptz, response_code = v.rc,"
                + " approval_code = v.ac, outcome = v.outcome, reason = v.reason, sealed_result = v.sealed"
                + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bytea[], ?::text[])"
                + " AS v(id, from_state, state, rc, ac, outcome, reason, sealed, now)"
                + " WHERE p.id = v.id AND p.state = v.from_state RETURNING p.id";
        try (PreparedStatement st = c.prepareStatement(sql)) {
            Object[][] columns = {id, from, state, rc, ac, outcome, reason, sealed, now};
            for (int k = 0; k < columns.length; k++) {
                st.setArray(k + 1, c.createArrayOf(columns[k] instanceof byte[][] ? "bytea" : "text", columns[k]));
            }
            return ids(st);
        }
    }

    private static Set<String> ids(PreparedStatement st) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /** Event rows of a batch; each payment's continue after its highest sequence number. */
    private static final class Events {
        private final List<String> id = new ArrayList<>();
        private final List<String> ordinal = new ArrayList<>();
        private final List<String> state = new ArrayList<>();
        private final List<String> at = new ArrayList<>();
        private final List<String> detail = new ArrayList<>();
        private String lastId;
        private int lastOrdinal;

        void add(String paymentId, PaymentState to, String when, String text) {
            lastOrdinal = paymentId.equals(lastId) ? lastOrdinal + 1 : 1;
            lastId = paymentId;
            id.add(paymentId);
            ordinal.add(Integer.toString(lastOrdinal));
            state.add(to.name());
            at.add(when);
            detail.add(text);
        }

        void insert(Connection c) throws SQLException {
            if (id.isEmpty()) {
                return;
            }
            String sql = "INSERT INTO center.payment_events (payment_id, seq, state, at, detail)"
                    + " SELECT v.id, coalesce((SELECT max(e.seq) FROM center.payment_events e WHERE e.payment_id = v.id), 0)"
                    + " + v.ordinal::integer, v.state, v.at::timestamptz, v.detail"
                    + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS v(id, ordinal, state, at, detail)";
            try (PreparedStatement st = c.prepareStatement(sql)) {
                List<List<String>> columns = List.of(id, ordinal, state, at, detail);
                for (int k = 0; k < columns.size(); k++) {
                    Array array = c.createArrayOf("text", columns.get(k).toArray(new String[0]));
                    st.setArray(k + 1, array);
                }
                st.executeUpdate();
            }
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
