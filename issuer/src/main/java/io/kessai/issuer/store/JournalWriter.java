package io.kessai.issuer.store;

import io.kessai.issuer.ledger.JournalEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: one thread takes whatever has queued up (at most {@link #MAX_BATCH_ENTRIES}), writes
 * it with one COPY in one transaction, commits with {@code synchronous_commit = on} (the embedded
 * server's default is off), and only then runs each entry's callback, in queue order. A callback
 * sends an answer: so no answer ever leaves for a state change that is not on disk.
 *
 * <p>A queued item may carry no entry: its callback then runs once everything queued before it is
 * committed (an answer read from state that was still in flight). The queue is bounded; a full queue
 * blocks the submitter, which is the back-pressure on the links.
 *
 * <p>A batch that fails is retried {@link #MAX_ATTEMPTS} times; a commit whose outcome was lost with
 * the connection is recognised by its first row. When every attempt fails the writer stops for good,
 * calls the failure handler and never runs the callbacks of what was not written.
 */
public final class JournalWriter implements AutoCloseable {
    public static final int QUEUE_CAPACITY = 65_536;
    public static final int MAX_BATCH_ENTRIES = 8_192;
    private static final int MAX_BATCHES_IN_RELEASE = 4;
    private static final List<Item> END_OF_BATCHES = List.of();
    static final int MAX_ATTEMPTS = 5;
    private static final long FIRST_BACKOFF_MILLIS = 50;
    private static final long POLL_MILLIS = 100;
    private static final long CLOSE_TIMEOUT_MILLIS = 30_000;
    private static final Logger LOG = LoggerFactory.getLogger(JournalWriter.class);

    /** Told once what became of its place in the journal. */
    public interface Waiter {
        /** The entry (and all before it) is on disk: the answer may go. */
        void committed();

        /** The entry will never be written: nothing may be answered for it. */
        void lost(JournalFailedException failure);
    }

    private record Item(JournalEntry entry, Waiter waiter) {}

    private final DataSource dataSource;
    private final Schema schema;
    private final Consumer<Throwable> onFailure;
    private final ArrayBlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread thread;
    private final Thread releaser;
    /** Committed batches waiting for their answers to be released; bounded, so a slow release slows writing. */
    private final ArrayBlockingQueue<List<Item>> committed = new ArrayBlockingQueue<>(MAX_BATCHES_IN_RELEASE);
    private final JournalRows rows = new JournalRows();
    private volatile boolean closing;
    private volatile JournalFailedException failure;
    private Connection connection;
    private volatile long committedEntries;
    private volatile long committedBatches;

    public JournalWriter(DataSource dataSource, Schema schema, Consumer<Throwable> onFailure) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
        this.thread = Thread.ofPlatform().name("issuer-journal").daemon(true).unstarted(this::run);
        this.releaser = Thread.ofPlatform().name("issuer-journal-release").daemon(true).unstarted(this::release);
        releaser.start();
        thread.start();
    }

    /**
     * Queues an entry (or, with a null entry, just a place in the order) and who waits for its commit. Call in {@code seq} order. Blocks while the queue is full.
     *
     * @throws JournalFailedException if the writer has failed or is closed
     */
    public void submit(JournalEntry entry, Waiter waiter) {
        Objects.requireNonNull(waiter, "waiter");
        Item item = new Item(entry, waiter);
        try {
            while (!queue.offer(item, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                requireRunning();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalFailedException("interrupted while the journal queue was full", e);
        }
        requireRunning();
    }

    private void requireRunning() {
        JournalFailedException failed = failure;
        if (failed != null) {
            throw failed;
        }
        if (closing && !thread.isAlive()) {
            throw new JournalFailedException("the journal writer is closed", null);
        }
    }

    /** Entries and batches committed so far: for the benchmark's report of the mean batch size. */
    public long committedEntries() {
        return committedEntries;
    }

    public long committedBatches() {
        return committedBatches;
    }

    private void run() {
        List<Item> batch = new ArrayList<>();
        try {
            while (true) {
                Item first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing) {
                        return;
                    }
                    continue;
                }
                batch = new ArrayList<>(Math.min(MAX_BATCH_ENTRIES, queue.size() + 1));
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH_ENTRIES - 1);
                writeWithRetries(batch);
                // Answers go out on the releaser thread, so that the next batch is written meanwhile.
                committed.put(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException | RuntimeException e) {
            JournalFailedException failed = new JournalFailedException("journal write failed after " + MAX_ATTEMPTS
                    + " attempts: " + e.getMessage(), e);
            failure = failed;
            LOG.error("journal write failed; the issuer answers nothing more until restarted", e);
            batch.forEach(item -> item.waiter().lost(failed));
            for (Item item = queue.poll(); item != null; item = queue.poll()) {
                item.waiter().lost(failed);
            }
            onFailure.accept(failed);
        } finally {
            closeConnection();
            endRelease();
        }
    }

    private void endRelease() {
        try {
            while (!committed.offer(END_OF_BATCHES, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (!releaser.isAlive()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            releaser.interrupt();
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the waiters of committed batches, in commit order. */
    private void release() {
        try {
            for (List<Item> batch = committed.take(); batch != END_OF_BATCHES; batch = committed.take()) {
                for (Item item : batch) {
                    runCallback(item);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeWithRetries(List<Item> batch) throws SQLException, InterruptedException {
        long firstSeq = 0;
        rows.begin();
        for (Item item : batch) {
            if (item.entry() != null) {
                if (rows.rows() == 0) {
                    firstSeq = item.entry().seq();
                }
                rows.add(item.entry());
            }
        }
        int entries = rows.rows();
        if (entries == 0) {
            return;
        }
        rows.end();
        long backoffMillis = FIRST_BACKOFF_MILLIS;
        for (int attempt = 1; ; attempt++) {
            try {
                if (attempt > 1 && alreadyCommitted(firstSeq)) {
                    LOG.info("journal batch from seq {} had been committed before the connection failed", firstSeq);
                } else {
                    copy();
                }
                committedEntries += entries;
                committedBatches++;
                return;
            } catch (SQLException e) {
                closeConnection();
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                LOG.warn("journal batch from seq {} failed (attempt {} of {}): {}", firstSeq, attempt, MAX_ATTEMPTS,
                        e.getMessage());
                Thread.sleep(backoffMillis);
                backoffMillis *= 2;
            }
        }
    }

    private void copy() throws SQLException {
        Connection db = connection();
        CopyManager copyManager = db.unwrap(PGConnection.class).getCopyAPI();
        CopyIn copyIn = copyManager.copyIn("COPY " + schema.table("journal") + JournalRows.COPY_SUFFIX);
        try {
            copyIn.writeToCopy(rows.buffer(), 0, rows.length());
            copyIn.endCopy();
        } finally {
            if (copyIn.isActive()) {
                copyIn.cancelCopy();
            }
        }
        db.commit();
    }

    private boolean alreadyCommitted(long firstSeq) throws SQLException {
        Connection db = connection();
        try (PreparedStatement select = db.prepareStatement("SELECT 1 FROM " + schema.table("journal") + " WHERE seq = ?")) {
            select.setLong(1, firstSeq);
            try (ResultSet found = select.executeQuery()) {
                boolean committed = found.next();
                db.commit();
                return committed;
            }
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Connection fresh = dataSource.getConnection();
            try (Statement statement = fresh.createStatement()) {
                // The embedded server runs with synchronous_commit off; an answer needs its entry on disk.
                statement.execute("SET synchronous_commit TO on");
            }
            fresh.setAutoCommit(false);
            connection = fresh;
        }
        return connection;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing the journal connection: {}", e.getMessage());
            }
            connection = null;
        }
    }

    private static void runCallback(Item item) {
        try {
            item.waiter().committed();
        } catch (RuntimeException e) {
            LOG.error("answer callback failed after commit", e);
        }
    }

    /** Stops taking new items, writes and answers what is queued, then stops the thread (bounded wait). */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(CLOSE_TIMEOUT_MILLIS);
            if (thread.isAlive()) {
                LOG.warn("journal writer did not finish within {} ms", CLOSE_TIMEOUT_MILLIS);
                thread.interrupt();
            }
            releaser.join(CLOSE_TIMEOUT_MILLIS);
            if (releaser.isAlive()) {
                releaser.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
