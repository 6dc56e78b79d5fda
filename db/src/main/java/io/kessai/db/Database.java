package io.kessai.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * PostgreSQL as Kessai uses it: an embedded server with a data directory of its own when nothing is
 * configured (DESIGN.md: "with no configuration Kessai starts an embedded PostgreSQL"), an external
 * server in production. Each part keeps its tables in a schema of its own, migrated by Flyway.
 */
public final class Database implements AutoCloseable {
    /** Hikari's own default is 10; a node's virtual threads wait for connections rather than open more. */
    public static final int DEFAULT_POOL_SIZE = 16;
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration EMBEDDED_START_TIMEOUT = Duration.ofSeconds(60);
    private static final String EMBEDDED_USER = "postgres";
    private static final String EMBEDDED_DATABASE = "postgres";

    private final EmbeddedPostgres embedded;
    /** The embedded server's early writeback (ADR 0026); null for an external server. */
    private final DataFileFlusher flusher;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final String description;

    private Database(EmbeddedPostgres embedded, DataFileFlusher flusher, HikariDataSource dataSource, String description) {
        this.embedded = embedded;
        this.flusher = flusher;
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.description = description;
    }

    /**
     * Starts (or restarts, keeping the data) an embedded PostgreSQL in {@code dataDirectory}.
     *
     * @param port 0 for any free port
     */
    public static Database embedded(Path dataDirectory, int port, int poolSize) {
        return embedded(dataDirectory, port, poolSize, true);
    }

    /**
     * As {@link #embedded(Path, int, int)}, for a program whose own shutdown hook closes this database
     * after everything that uses it (kessai up). The library's hook is not registered: JVM shutdown hooks
     * run in no set order, and the library's would stop PostgreSQL while the issuer links still sign off
     * and the journal still writes.
     */
    public static Database embeddedClosedByOwner(Path dataDirectory, int port, int poolSize) {
        return embedded(dataDirectory, port, poolSize, false);
    }

    private static Database embedded(Path dataDirectory, int port, int poolSize, boolean libraryShutdownHook) {
        EmbeddedPostgres postgres;
        try {
            Files.createDirectories(dataDirectory);
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(EMBEDDED_START_TIMEOUT)
                    .setRegisterShutdownHook(libraryShutdownHook)
                    // The embedded server's library starts PostgreSQL with -F (fsync off) and synchronous_commit
                    // off: fast for tests, but a payment journal needs every commit on disk before the next
                    // outside effect. A later -c wins over -F.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // A payment journal writes for every payment: with the defaults (128MB of buffers, a
                    // checkpoint per 1GB of WAL) a minute at 3,000 payments/s forces a checkpoint, after which
                    // every first change of a page writes the whole page to the WAL again.
                    .setServerConfig("shared_buffers", "512MB")
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("checkpoint_timeout", "15min")
                    // A fresh server has no WAL segments to recycle: each new 16 MB segment was zero-filled and
                    // flushed by whichever commit crossed into it, while every other commit waited (every 1.5 s
                    // at 3,000 payments/s: a stall of 50-100 ms, most of the journal's p99). Not zero-filling
                    // creates the file at its size at once; the WAL written into it is flushed as before. The
                    // price: a full disk shows at a WAL write (the server stops and recovers) instead of at
                    // the segment's creation. ADR 0022.
                    .setServerConfig("wal_init_zero", "off")
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new DatabaseException("cannot start the embedded PostgreSQL in " + dataDirectory + ": " + e.getMessage(), e);
        }
        String url = postgres.getJdbcUrl(EMBEDDED_USER, EMBEDDED_DATABASE);
        DataFileFlusher flusher = DataFileFlusher.start(dataDirectory);
        try {
            return new Database(postgres, flusher, pool(url, EMBEDDED_USER, "", poolSize),
                    "embedded PostgreSQL on port " + postgres.getPort() + " (data in " + dataDirectory + ")");
        } catch (RuntimeException e) {
            flusher.close();
            closeQuietly(postgres);
            throw e;
        }
    }

    /** Connects to an external PostgreSQL (production). */
    public static Database external(String jdbcUrl, String user, String password, int poolSize) {
        return new Database(null, null, pool(jdbcUrl, user, password, poolSize), "PostgreSQL at " + redact(jdbcUrl));
    }

    private static HikariDataSource pool(String url, String user, String password, int poolSize) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("pool size must be at least 1, got " + poolSize);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setPoolName("kessai");
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new DatabaseException("cannot connect to " + redact(url) + ": " + e.getMessage(), e);
        }
    }

    /** Applies the Flyway migrations found at {@code location} (e.g. "classpath:db/issuer") to {@code schema}. */
    public void migrate(String schema, String location) {
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .schemas(schema)
                    .createSchemas(true)
                    .locations(location)
                    // Modules are merged in parallel and a later-numbered migration may land first; a data
                    // directory made in between must take the lower-numbered one late instead of refusing
                    // to start (each migration only adds its own tables).
                    .outOfOrder(true)
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new DatabaseException("migration of schema " + schema + " from " + location + " failed: " + e.getMessage(), e);
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Data files the embedded server's flusher has flushed since start (ADR 0026); 0 for an external server. */
    long flushedDataFiles() {
        return flusher == null ? 0 : flusher.flushedFiles();
    }

    /** Where the data is, for start-up banners and logs (no password). */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        dataSource.close();
        if (flusher != null) {
            flusher.close();
        }
        if (embedded != null) {
            closeQuietly(embedded);
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            // Shutting down: the server process is gone or going; nothing left to do with the error.
        }
    }

    /** JDBC URLs may carry a password parameter; it never reaches a log. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
