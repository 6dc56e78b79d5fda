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
import java.util.function.Function;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit, the mechanics (ADR 0010): callers on many threads hand a write to one writer thread and
 * wait; the writer takes whatever is queued (up to {@link #MAX_BATCH}), writes it with one statement
 * ({@link Statement}, committed on its own), then releases every caller of the batch. Each caller
 * continues only after its own write is durable; what is shared is the round trip and the WAL flush.
 * Used by the journal's payment writes and by the mail channel's inbox record and outbox rows.
 *
 * <p>A batch that fails as a whole (a constraint nobody expected, a lost connection) is retried write by
 * write, so one bad write fails only its own caller.
 */
public final class BatchCommitter<W> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchCommitter.class);
    public static final int MAX_BATCH = 512;
    public static final int QUEUE_CAPACITY = 8_192;
    /** How long a caller waits for room in the queue, then for its commit. */
    public static final Duration ENQUEUE_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);
    private static final long IDLE_POLL_MILLIS = 500;

    /** Writes a batch in one statement (autocommit); returns which writes took effect. */
    @FunctionalInterface
    public interface Statement<W> {
        Predicate<W> apply(Connection connection, List<W> batch) throws SQLException;
    }

    private record Pending<W>(W write, CompletableFuture<Boolean> done) {}

    private final Jdbi jdbi;
    private final String name;
    private final Statement<W> statement;
    private final Function<String, RuntimeException> failure;
    private final BlockingQueue<Pending<W>> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread writer;
    private volatile boolean closed;
    /** Only the writer thread touches it. */
    private Handle handle;
    private long batches;
    private long writes;

    /**
     * @param name what is written, for the thread's name and the messages ("journal", "mail")
     * @param failure the exception a caller gets when the queue stays full, the commit does not come or
     *     the committer is closed
     */
    public BatchCommitter(Jdbi jdbi, String name, Statement<W> statement, Function<String, RuntimeException> failure) {
        this.jdbi = jdbi;
        this.name = name;
        this.statement = statement;
        this.failure = failure;
        this.writer = Thread.ofPlatform().daemon().name(name + "-group-commit").unstarted(this::run);
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
        if (!writer.isAlive() && !closed) {
            writer.start();
        }
    }

    /** Batches committed and writes in them, since start (for the operator and the benchmark). */
    public synchronized long[] counts() {
        return new long[] {batches, writes};
    }

    private void run() {
        List<Pending<W>> batch = new ArrayList<>(MAX_BATCH);
        while (!closed) {
            try {
                Pending<W> first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
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

    private void write(List<Pending<W>> batch) {
        RuntimeException error;
        try {
            Predicate<W> applied = statement.apply(connection().getConnection(), batch.stream().map(Pending::write).toList());
            synchronized (this) {
                batches++;
                writes += batch.size();
            }
            for (Pending<W> p : batch) {
                p.done().complete(applied.test(p.write()));
            }
            return;
        } catch (RuntimeException e) {
            error = e;
        } catch (SQLException e) {
            error = new IllegalStateException(name + " write failed: " + e.getMessage(), e);
        }
        dropConnection();
        if (batch.size() == 1) {
            batch.getFirst().done().completeExceptionally(error);
            return;
        }
        LOG.warn("{} batch of {} failed ({}); writing each alone", name, batch.size(), error.getMessage());
        for (Pending<W> p : batch) {
            write(List.of(p));
        }
    }

    /**
     * The writer's own connection, kept between batches: waiting in the pool's queue behind every reader
     * would put the whole batch behind them. Opened again after a failure.
     */
    private Handle connection() {
        if (handle == null) {
            handle = openWriterConnection(jdbi);
        }
        return handle;
    }

    /**
     * A connection whose statements are planned for the parameters and table sizes of each execution.
     *
     * <p>Why: the driver prepares a statement on the server after a few executions, and PostgreSQL then
     * settles on a generic plan if it looks no worse than the custom ones so far. A batch statement joins
     * its unnested arrays to the table it updates; planned while that table was still empty (a fresh
     * center, a benchmark), the generic plan was a sequential scan, and it stayed: at 50,000 payments the
     * journal's answer batch read the whole table every time (16 of its 24 ms, growing with the journal;
     * seen with auto_explain). A custom plan sees the table as it is now and uses the primary key.
     * Planning again costs about 0.3 ms per batch, shared by all the batch's writes.
     */
    static Handle openWriterConnection(Jdbi jdbi) {
        Handle opened = jdbi.open();
        try {
            opened.execute("SET plan_cache_mode = force_custom_plan");
            return opened;
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
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

    /** Gives the connection back to the pool as other users expect it (the pool keeps session settings). */
    static void closeWriterConnection(Handle writer) {
        try {
            writer.execute("RESET plan_cache_mode");
        } finally {
            writer.close();
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
