package io.kessai.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flushes the embedded server's table and index files that changed in the last second (ADR 0026).
 *
 * <p>Why: PostgreSQL grows a table or an index by writing a page of zeros into the page cache, and
 * nothing asks the kernel to write that page until a checkpoint does. The kernel writes such pages when
 * they are 30 seconds old, all at once: at 3,000 payments/s, 150-250 MB in half a second, and every
 * commit's WAL flush waits behind them (the bench's slowest seconds, p99 above 100 ms). PostgreSQL's
 * own {@code *_flush_after} settings start the writeback of the pages it writes, but not of these.
 * Flushing each changed file every second spreads the same writes evenly. It changes no data: an
 * {@code fdatasync} of a file only writes to disk what the page cache already holds.
 *
 * <p>Only for the embedded server; a production center's PostgreSQL host is tuned by its operator
 * (docs/configuration.md: {@code vm.dirty_background_bytes}).
 */
final class DataFileFlusher implements AutoCloseable {
    static final long PERIOD_MILLIS = 1_000;
    /** A pass looks at no more files than this: a data directory of a Kessai node holds a few thousand. */
    static final int MAX_FILES_PER_PASS = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(DataFileFlusher.class);

    /** What a pass does with a changed file; a real flush in production, a record in tests. */
    interface Flush {
        void flush(Path file) throws IOException;
    }

    private record Seen(long sizeBytes, long modifiedMillis) {}

    private final Path root;
    private final Flush flush;
    private final Map<Path, Seen> seen = new HashMap<>();
    private final AtomicLong flushedFiles = new AtomicLong();
    private final Thread thread;
    private volatile boolean closing;

    /** Flushes the files under {@code dataDirectory}/base every second, in a daemon thread, until closed. */
    static DataFileFlusher start(Path dataDirectory) {
        DataFileFlusher flusher = new DataFileFlusher(dataDirectory.resolve("base"), DataFileFlusher::fdatasync);
        flusher.thread.start();
        return flusher;
    }

    DataFileFlusher(Path root, Flush flush) {
        this.root = Objects.requireNonNull(root, "root");
        this.flush = Objects.requireNonNull(flush, "flush");
        this.thread = Thread.ofPlatform().name("embedded-postgres-flusher").daemon(true).unstarted(this::run);
    }

    private void run() {
        while (!closing) {
            try {
                Thread.sleep(PERIOD_MILLIS);
                pass();
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (closing) {
                    // Interrupted mid-flush by close(): the channel says so with an exception; nothing failed.
                    return;
                }
                // Flushing early is an optimisation: the kernel and the next checkpoint still write everything.
                LOG.warn("flushing the embedded PostgreSQL's data files failed this time: {}", e.toString());
            }
        }
    }

    /** Flushes every file whose size or modification time differs from the last pass; returns how many. */
    int pass() throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        Map<Path, Seen> now = new HashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.limit(MAX_FILES_PER_PASS).forEach(file -> {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    if (attributes.isRegularFile()) {
                        now.put(file, new Seen(attributes.size(), attributes.lastModifiedTime().toMillis()));
                    }
                } catch (NoSuchFileException e) {
                    // Dropped between listing and reading (a table or a temporary file): nothing to flush.
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        int flushed = 0;
        for (Map.Entry<Path, Seen> file : now.entrySet()) {
            if (!file.getValue().equals(seen.get(file.getKey()))) {
                try {
                    flush.flush(file.getKey());
                    flushed++;
                } catch (NoSuchFileException e) {
                    // Dropped since the listing.
                }
            }
        }
        seen.clear();
        seen.putAll(now);
        flushedFiles.addAndGet(flushed);
        return flushed;
    }

    /** Files flushed since start (for tests and the operator's curiosity). */
    long flushedFiles() {
        return flushedFiles.get();
    }

    private static void fdatasync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(false);
        }
    }

    @Override
    public void close() {
        closing = true;
        thread.interrupt();
    }
}
