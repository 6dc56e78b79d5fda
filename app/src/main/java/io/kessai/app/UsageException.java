package io.kessai.app;

/** A bad argument found while running a command; reported as one line with exit code 2. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
