package io.kessai.center.ops;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit, the mechanics (ADR 0010): callers on many threads hand a write to the writers and wait;
 * a writer takes whatever is queued (up to {@link #MAX_BATCH}), writes it with one statement
 * ({@link Statement}) in a transaction, commits, then releases every caller of the batch. Each caller
 * continues only after its own write is durable; what is shared is the round trip and the WAL flush.
 * Used by the journal's payment writes and by the mail channel's inbox record and outbox rows.
 *
 * <p>{@link #WRITERS} writer threads, each with its own connection, take turns at the queue (ADR 0021):
 * one at a time takes a batch (the intake: it drains and gathers) and hands the intake on before it runs
 * the statement and commits, so with more than one writer the next batch is gathered and written while
 * the previous one is still being written or waits for its WAL flush.
 *
 * <p>A batch that fails as a whole (a constraint nobody expected, a lost connection) is rolled back and
 * retried write by write, so one bad write fails only its own caller.
 */
public final class BatchCommitter<W> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchCommitter.class);
    public static final int MAX_BATCH = 512;
    public static final int QUEUE_CAPACITY = 8_192;
    /** How long a caller waits for room in the queue, then for its commit. */
    public static final Duration ENQUEUE_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);
    private static final long IDLE_POLL_MILLIS = 500;
    /**
     * How long the writer waits for more writes when a batch is small, before it commits. Each commit has
     * a fixed cost in the database (the statement's 40-odd array parameters, its executor start, the WAL
     * flush); at 3,000 payments/s a writer that committed whatever was queued made batches of ten and
     * spent a quarter of the machine's CPU on those fixed costs. Waiting a millisecond costs each write at
     * most that millisecond.
     */
    public static final Duration GATHER = Duration.ofMillis(1);
    /** A batch this big is committed at once, without gathering. */
    static final int GATHER_BELOW = 64;
    /**
     * Writer threads (and connections) per committer: one. Two (one batch gathered and written while the
     * other is written or committed) cut the wait per commit on a busy, shared machine, but on the idle
     * 2-core machine they cost about 75 µs more CPU per payment (smaller batches, two statements
     * contending) and lengthened the waits they were to shorten (ADR 0021, docs/benchmarks.md). A node
     * with more cores may want more.
     */
    public static final int WRITERS = 1;

    /** Writes a batch (the committer commits it); returns which writes took effect. */
    @FunctionalInterface
    public interface Statement<W> {
        Predicate<W> apply(Connection connection, List<W> batch) throws SQLException;
    }

    private record Pending<W>(W write, CompletableFuture<Boolean> done) {}

    /** A batch's statement run, not yet committed: which writes it applied, and how long it took. */
    private record Written<W>(Predicate<W> applied, long statementNanos) {}

    private final long gatherNanos;
    private final Jdbi jdbi;
    private final String name;
    private final Statement<W> statement;
    private final Function<String, RuntimeException> failure;
    private final BlockingQueue<Pending<W>> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    /** Held by the writer that takes (and gathers) a batch; never across its statement or commit. */
    private final ReentrantLock intake = new ReentrantLock();
    private final List<Thread> writers;
    private boolean started;
    private volatile boolean closed;
    private long batches;
    private long writes;
    private long totalStatementNanos;
    private long totalCommitNanos;

    /**
     * @param name what is written, for the thread's name and the messages ("journal", "mail")
     * @param failure the exception a caller gets when the queue stays full, the commit does not come or
     *     the committer is closed
     */
    public BatchCommitter(Jdbi jdbi, String name, Statement<W> statement, Function<String, RuntimeException> failure) {
        this(jdbi, name, statement, failure, GATHER);
    }

    BatchCommitter(Jdbi jdbi, String name, Statement<W> statement, Function<String, RuntimeException> failure, Duration gather) {
        this(jdbi, name, statement, failure, gather, WRITERS);
    }

    BatchCommitter(Jdbi jdbi, String name, Statement<W> statement, Function<String, RuntimeException> failure, Duration gather,
            int writerCount) {
        if (writerCount < 1) {
            throw new IllegalArgumentException("a committer needs at least one writer, got " + writerCount);
        }
        if (gather.isNegative()) {
            throw new IllegalArgumentException("gather time must not be negative, got " + gather);
        }
        this.gatherNanos = gather.toNanos();
        this.jdbi = jdbi;
        this.name = name;
        this.statement = statement;
        this.failure = failure;
        List<Thread> threads = new ArrayList<>(writerCount);
        for (int i = 0; i < writerCount; i++) {
            threads.add(Thread.ofPlatform().daemon().name(name + "-group-commit-" + i).unstarted(new Writer()));
        }
        this.writers = List.copyOf(threads);
    }

    /** Hands the write over and waits until it is committed; returns whether it took effect. */
    public boolean commit(W write) {
        startOnce();
        Pending<W> pending = new Pending<>(write, new CompletableFuture<>());
        try {
            if (closed || !queue.offer(pending, ENQUEUE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw failure.apply(closed ? "the " + name + " writer is closed" : "the " + name + " writer's queue stayed full for "
                        + ENQUEUE_TIMEOUT.toMillis() + " ms");
            }
            return pending.done().get(COMMIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure.apply("interrupted while waiting for the " + name + " commit");
        } catch (TimeoutException e) {
            throw failure.apply("no " + name + " commit in " + COMMIT_TIMEOUT.toMillis() + " ms");
        } catch (ExecutionException e) {
            // The write's own failure, as the database gave it (an outage stays recognisable as one).
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        }
    }

    private synchronized void startOnce() {
        if (!started && !closed) {
            started = true;
            writers.forEach(Thread::start);
        }
    }

    /**
     * Since start, for the operator and the benchmark: batches committed, writes in them, and the time
     * their statements and their commits took, in nanoseconds (a batch retried write by write is counted
     * as its writes, without times).
     */
    public synchronized long[] counts() {
        return new long[] {batches, writes, totalStatementNanos, totalCommitNanos};
    }

    /** One writer: its own connection; takes turns with the others at the intake, commits on its own. */
    private final class Writer implements Runnable {
        private Handle handle;

        @Override
        public void run() {
            List<Pending<W>> batch = new ArrayList<>(MAX_BATCH);
            while (!closed) {
                try {
                    Written<W> written = take(batch);
                    if (written != null) {
                        commit(batch, written);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (RuntimeException e) {
                    LOG.error("{} group commit: {}", name, e.toString());
                    batch.forEach(p -> p.done().completeExceptionally(e));
                } finally {
                    batch.clear();
                }
            }
            for (Pending<W> left; (left = queue.poll()) != null; ) {
                left.done().completeExceptionally(failure.apply("the " + name + " writer is closed"));
            }
            dropConnection();
        }

        /**
         * Takes a batch into {@code batch} at the intake, then (the intake handed on) runs its statement,
         * uncommitted. Null when nothing came, or when the statement failed (then each write was retried
         * alone already).
         */
        private Written<W> take(List<Pending<W>> batch) throws InterruptedException {
            intake.lockInterruptibly();
            boolean locked = true;
            try {
                Pending<W> first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    return null;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                gather(batch);
                intake.unlock();
                locked = false;
                try {
                    long startNanos = System.nanoTime();
                    Predicate<W> applied = statement.apply(connection().getConnection(), batch.stream().map(Pending::write).toList());
                    return new Written<>(applied, System.nanoTime() - startNanos);
                } catch (RuntimeException | SQLException e) {
                    failed(batch, e);
                    return null;
                }
            } finally {
                if (locked) {
                    intake.unlock();
                }
            }
        }

        /** Commits outside the intake (the next batch is taken meanwhile), then releases the callers. */
        private void commit(List<Pending<W>> batch, Written<W> written) {
            long startNanos = System.nanoTime();
            try {
                connection().getConnection().commit();
            } catch (RuntimeException | SQLException e) {
                failed(batch, e);
                return;
            }
            long commitNanos = System.nanoTime() - startNanos;
            synchronized (BatchCommitter.this) {
                batches++;
                writes += batch.size();
                totalStatementNanos += written.statementNanos();
                totalCommitNanos += commitNanos;
            }
            for (Pending<W> p : batch) {
                p.done().complete(written.applied().test(p.write()));
            }
        }

        /** The batch is not written: a new connection (the old one rolls back as it closes), then each write alone. */
        private void failed(List<Pending<W>> batch, Exception cause) {
            RuntimeException error = asFailure(cause);
            dropConnection();
            if (batch.size() == 1) {
                batch.getFirst().done().completeExceptionally(error);
                return;
            }
            LOG.warn("{} batch of {} failed ({}); writing each alone", name, batch.size(), error.getMessage());
            for (Pending<W> p : batch) {
                writeAlone(p);
            }
        }

        private void writeAlone(Pending<W> p) {
            try {
                Connection connection = connection().getConnection();
                Predicate<W> applied = statement.apply(connection, List.of(p.write()));
                connection.commit();
                synchronized (BatchCommitter.this) {
                    batches++;
                    writes++;
                }
                p.done().complete(applied.test(p.write()));
            } catch (RuntimeException | SQLException e) {
                dropConnection();
                p.done().completeExceptionally(asFailure(e));
            }
        }

        /** The database's own exception as the callers get it (an outage stays recognisable as one). */
        private RuntimeException asFailure(Exception cause) {
            return cause instanceof RuntimeException runtime
                    ? runtime
                    : new IllegalStateException(name + " write failed: " + cause.getMessage(), cause);
        }

        /**
         * The writer's own connection, kept between batches: waiting in the pool's queue behind every
         * reader would put the whole batch behind them. Opened again after a failure.
         */
        private Handle connection() {
            if (handle == null) {
                handle = openWriterConnection(jdbi);
            }
            return handle;
        }

        private void dropConnection() {
            if (handle != null) {
                try {
                    closeWriterConnection(handle);
                } catch (RuntimeException e) {
                    LOG.debug("closing the {} writer's connection: {}", name, e.getMessage());
                }
                handle = null;
            }
        }
    }

    /** Lets a small batch grow for up to {@link #GATHER}: more writes share the commit's fixed cost. */
    private void gather(List<Pending<W>> batch) throws InterruptedException {
        if (batch.size() >= GATHER_BELOW || gatherNanos == 0) {
            return;
        }
        long deadline = System.nanoTime() + gatherNanos;
        for (long left = gatherNanos; batch.size() < GATHER_BELOW && left > 0; left = deadline - System.nanoTime()) {
            Pending<W> next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, MAX_BATCH - batch.size());
        }
    }

    /**
     * A connection on which the batch statements look rows up by key, never by reading the whole table
     * (ADR 0018).
     *
     * <p>Why: the driver prepares a statement on the server after a few executions, and PostgreSQL then
     * settles on a generic plan if it looks no worse than the custom ones so far. A batch statement joins
     * its unnested arrays to the table it updates; planned while that table was still empty (a fresh
     * center, a benchmark), the generic plan was a sequential scan with a hash join, and it stayed: at
     * 50,000 payments the journal's answer batch read the whole table every time (16 of its 24 ms,
     * growing with the journal; seen with auto_explain). Every batch statement here finds its rows by
     * primary or unique key, so a sequential scan is never the right plan for them: it is priced out
     * (a penalty, not a ban: a table without a usable index is still scanned). Planning every batch
     * instead ({@code plan_cache_mode = force_custom_plan}) also worked, but cost the database about as
     * much CPU per payment as it saved at small batches.
     */
    static Handle openWriterConnection(Jdbi jdbi) {
        Handle opened = jdbi.open();
        try {
            opened.execute("SET enable_seqscan = off");
            // The writer commits each batch itself, after handing the intake on.
            opened.getConnection().setAutoCommit(false);
            return opened;
        } catch (SQLException e) {
            opened.close();
            throw new IllegalStateException("cannot open a batch writer's connection: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    /** Gives the connection back to the pool as other users expect it (the pool keeps session settings). */
    static void closeWriterConnection(Handle writer) {
        try {
            Connection connection = writer.getConnection();
            connection.rollback();
            connection.setAutoCommit(true);
            writer.execute("RESET enable_seqscan");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset a batch writer's connection: " + e.getMessage(), e);
        } finally {
            writer.close();
        }
    }

    @Override
    public void close() {
        closed = true;
        writers.forEach(Thread::interrupt);
        try {
            for (Thread writer : writers) {
                if (writer.isAlive()) {
                    writer.join(COMMIT_TIMEOUT.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
