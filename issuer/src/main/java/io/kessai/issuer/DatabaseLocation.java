package io.kessai.issuer;

import io.kessai.db.Database;
import io.kessai.db.DatabaseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * Where the issuer's PostgreSQL is: embedded, with its data under the issuer's data directory
 * ({@code <data>/postgres}), or an external server. Opening an embedded store that a running host
 * already serves connects to that server (its port is in {@code postmaster.pid}), so that
 * {@code kessai issuer totals} works while the host runs.
 */
public sealed interface DatabaseLocation {
    /** Connections the issuer needs: the journal writer, start-up loading, totals, a spare. */
    int POOL_SIZE = 4;
    String EMBEDDED_DIRECTORY = "postgres";

    record Embedded(Path dataDirectory) implements DatabaseLocation {
        public Embedded {
            Objects.requireNonNull(dataDirectory, "dataDirectory");
        }

        public Path postgresDirectory() {
            return dataDirectory.resolve(EMBEDDED_DIRECTORY);
        }
    }

    /** @param password may be empty; never printed */
    record External(String jdbcUrl, String user, String password) implements DatabaseLocation {
        public External {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "External[" + jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***") + ", user " + user + "]";
        }
    }

    /** Starts the embedded server or connects to the external one. */
    static Database open(DatabaseLocation location) {
        return switch (location) {
            case Embedded embedded -> Database.embedded(embedded.postgresDirectory(), 0, POOL_SIZE);
            case External external -> Database.external(external.jdbcUrl(), external.user(), external.password(), POOL_SIZE);
        };
    }

    /** Like {@link #open}, but an embedded store already served by a running host is joined, not started. */
    static Database openShared(DatabaseLocation location) {
        if (location instanceof Embedded embedded) {
            Integer port = runningPort(embedded.postgresDirectory());
            if (port != null) {
                return Database.external("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "", 1);
            }
        }
        return open(location);
    }

    /** The port of the server running on {@code directory}, or null when none answers there. */
    private static Integer runningPort(Path directory) {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return null;
        }
        int port;
        try {
            List<String> lines = Files.readAllLines(pidFile);
            final int portLine = 3; // postmaster.pid: pid, data directory, start time, port, ...
            port = Integer.parseInt(lines.get(portLine).strip());
        } catch (IOException | RuntimeException e) {
            return null;
        }
        try (Connection probe = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres",
                "postgres", "")) {
            return probe.isValid(1) ? port : null;
        } catch (SQLException | DatabaseException e) {
            return null; // a stale pid file: nobody serves it
        }
    }
}
