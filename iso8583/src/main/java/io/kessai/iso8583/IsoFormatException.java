package io.kessai.iso8583;

/**
 * An ISO 8583 message that does not fit its dialect: the only exception the decoder throws for bad
 * input, and the one the encoder throws for a value that does not fit its field definition.
 *
 * <p>The message names the field and, when decoding, the byte offset from the first byte of the
 * MTI ("DE 35: declared length 37, 26 bytes left at offset 112"), so a person can find the fault in
 * a hex dump. It never carries the value of a sensitive field (PAN, track, PIN block, ICC data):
 * whoever builds one keeps that promise, because these messages end up in logs.
 */
public final class IsoFormatException extends Exception {
    /** The value of {@link #offset()} when the problem has no single position. */
    public static final int NO_OFFSET = -1;

    private final int offset;

    public IsoFormatException(String message) {
        this(message, NO_OFFSET);
    }

    /** @param offset byte offset from the start of the message, or {@link #NO_OFFSET} */
    public IsoFormatException(String message, int offset) {
        super(message);
        if (offset < NO_OFFSET) {
            throw new IllegalArgumentException("offset must be >= -1, was " + offset);
        }
        this.offset = offset;
    }

    /** Byte offset of the problem from the start of the message, or -1 when not applicable. */
    public int offset() {
        return offset;
    }
}
