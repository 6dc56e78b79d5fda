package io.kessai.reader;

/** A reader operation refused: unreadable key file, exhausted key register, unknown result. */
public final class ReaderException extends Exception {
    private static final long serialVersionUID = 1L;

    public ReaderException(String message) {
        super(message);
    }

    public ReaderException(String message, Throwable cause) {
        super(message, cause);
    }
}
