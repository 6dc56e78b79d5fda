package io.kessai.center.http;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a database outage (no connection, server shutting down) from a bug, so that clients get a 503
 * they may retry rather than a 500. SQLSTATE classes 08 (connection exception) and 57 (operator
 * intervention, e.g. the server is shutting down) are outages.
 */
final class DatabaseOutages {
    private static final int MAX_CAUSE_DEPTH = 16;

    private DatabaseOutages() {}

    static boolean isOutage(Throwable failure) {
        return outageCause(failure) != null;
    }

    static String describe(Throwable failure) {
        Throwable cause = outageCause(failure);
        return cause == null ? failure.getClass().getSimpleName() : cause.getClass().getSimpleName()
                + (cause instanceof SQLException sql && sql.getSQLState() != null ? " SQLSTATE " + sql.getSQLState() : "");
    }

    private static Throwable outageCause(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSE_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof org.jdbi.v3.core.ConnectionException || cause instanceof SQLTransientConnectionException) {
                return cause;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57"))) {
                return cause;
            }
        }
        return null;
    }
}
