package io.kessai.center.journal;

/**
 * A transition the journal refused: the payment was not in the expected state (another node or a
 * retry moved it first), or it does not exist. The flow treats it as "someone else is handling it".
 */
public final class JournalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JournalException(String message) {
        super(message);
    }
}
