package io.kessai.app;

/** The command ran and the answer is no (a tampered envelope, a failed check): one line, exit code 1. */
public final class RefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RefusedException(String message) {
        super(message);
    }
}
