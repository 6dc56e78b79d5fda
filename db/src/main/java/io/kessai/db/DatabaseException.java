package io.kessai.db;

/** The database could not be started, reached or migrated; the message says which and why. */
public final class DatabaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
