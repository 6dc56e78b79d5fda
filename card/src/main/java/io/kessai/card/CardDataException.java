package io.kessai.card;

/**
 * Bad card data: the one exception every parser in the card module throws for bad input.
 *
 * <p>The message says what is wrong and where, in words a person can act on ("track 2: expected
 * '=' separator after PAN at offset 17"). It never carries card data: no full PAN (masked first 6
 * / last 4 at most), no track, no discretionary data, no card verification code, no expiry date.
 * Whoever builds one of these must keep that promise, because messages end up in logs.
 */
public final class CardDataException extends Exception {
    /** The value of {@link #offset()} when the problem has no single position. */
    public static final int NO_OFFSET = -1;

    private final int offset;

    public CardDataException(String message) {
        this(message, NO_OFFSET);
    }

    /**
     * @param offset position in the input the parser was given (characters for text, bytes for
     *     binary data), or {@link #NO_OFFSET}
     */
    public CardDataException(String message, int offset) {
        super(message);
        if (offset < NO_OFFSET) {
            throw new IllegalArgumentException("offset must be >= -1, was " + offset);
        }
        this.offset = offset;
    }

    /** Position of the problem in the parsed input, or -1 when not applicable. */
    public int offset() {
        return offset;
    }
}
