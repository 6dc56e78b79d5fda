package io.kessai.issuer.ledger;

import java.nio.charset.StandardCharsets;

/**
 * The second way to find an authorization: its retrieval reference number (DE 37, an 12, without
 * padding) at a terminal (DE 41 packed by {@link Terminal}), for completions and reversals that carry
 * no DE 90. The RRN is packed into two longs (its up to 12 ASCII characters, big-endian, unused bytes
 * 0) so the ledger keeps it without a String.
 */
public record RrnKey(long terminal, long high, long low) {
    public static final int MAX_CHARACTERS = 12;
    private static final int HIGH_CHARACTERS = Long.BYTES;
    private static final int BYTE_BITS = 8;
    private static final int BYTE_MASK = 0xFF;
    private static final int LAST_ASCII = 0x7E;

    /**
     * The key, or null when there is no RRN (blank counts as none).
     *
     * @throws IllegalArgumentException for more than 12 characters or a non-printable one (the codec lets
     *     neither through)
     */
    public static RrnKey of(long terminal, String rrn) {
        if (rrn == null || rrn.isBlank()) {
            return null;
        }
        String text = rrn.strip();
        if (text.length() > MAX_CHARACTERS) {
            throw new IllegalArgumentException("an RRN has at most " + MAX_CHARACTERS + " characters");
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < MAX_CHARACTERS; i++) {
            int value = 0;
            if (i < text.length()) {
                value = text.charAt(i);
                if (value < ' ' || value > LAST_ASCII) {
                    throw new IllegalArgumentException("an RRN is printable ASCII");
                }
            }
            if (i < HIGH_CHARACTERS) {
                high = (high << BYTE_BITS) | value;
            } else {
                low = (low << BYTE_BITS) | value;
            }
        }
        return new RrnKey(terminal, high, low);
    }

    /** The RRN as text. */
    public String rrn() {
        byte[] text = new byte[MAX_CHARACTERS];
        int length = 0;
        for (int i = 0; i < MAX_CHARACTERS; i++) {
            long word = i < HIGH_CHARACTERS ? high : low;
            int shift = i < HIGH_CHARACTERS ? (HIGH_CHARACTERS - 1 - i) * BYTE_BITS
                    : (MAX_CHARACTERS - HIGH_CHARACTERS - 1 - (i - HIGH_CHARACTERS)) * BYTE_BITS;
            int value = (int) (word >>> shift) & BYTE_MASK;
            if (value == 0) {
                break;
            }
            text[length++] = (byte) value;
        }
        return new String(text, 0, length, StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return Terminal.unpack(terminal) + "/" + rrn();
    }
}
