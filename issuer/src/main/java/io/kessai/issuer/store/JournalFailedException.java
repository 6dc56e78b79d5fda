package io.kessai.issuer.store;

/**
 * The journal could not be written, even after retries: the host's memory is ahead of its store, so
 * it answers nothing more until restarted (the restart rebuilds from what was committed).
 */
public final class JournalFailedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public JournalFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
