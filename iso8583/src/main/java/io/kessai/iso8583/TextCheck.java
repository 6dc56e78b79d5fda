package io.kessai.iso8583;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the first byte a text type refuses. The common types (n and ans, most of every message) are
 * single ranges: checked eight bytes at a time with a few long operations (SWAR), and the exact index
 * found byte by byte only in the word that failed; an and z use the type's 256-entry table.
 */
final class TextCheck {
    static final int NONE_REFUSED = -1;

    private static final VarHandle LONG_VIEW = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long EVERY_BYTE_ONE = 0x0101_0101_0101_0101L;
    private static final long EVERY_BYTE_HIGH_BIT = 0x8080_8080_8080_8080L;
    private static final long EVERY_BYTE_LOW_SEVEN = 0x7F7F_7F7F_7F7F_7F7FL;
    private static final int HIGH_BIT = 0x80;
    private static final int MAX_SEVEN_BIT = 0x7F;

    private TextCheck() {}

    /** Index of the first byte in {@code bytes[from, to)} that {@code type} refuses, or {@link #NONE_REFUSED}. */
    static int firstRefused(FieldType type, byte[] bytes, int from, int to) {
        assert type.isText();
        return switch (type) {
            case N, XN -> firstOutside(bytes, from, to, '0', '9');
            case ANS -> firstOutside(bytes, from, to, ' ', '~');
            default -> firstNotAllowed(type, bytes, from, to);
        };
    }

    /**
     * Bytes are signed: 0x80–0xFF are negative, so they fall below any printable low bound.
     *
     * <p>The word check: with y = each byte's low seven bits, y + (0x80 − low) sets a byte's high bit
     * exactly when y ≥ low, and y + (0x7F − high) exactly when y > high; neither sum carries into the
     * next byte. A byte passes when the first is set, the second is not, and its own high bit was clear.
     */
    static int firstOutside(byte[] bytes, int from, int to, int low, int high) {
        assert low >= 0 && low <= high && high <= MAX_SEVEN_BIT;
        int i = from;
        long addForLow = (HIGH_BIT - low) * EVERY_BYTE_ONE;
        long addForHigh = (MAX_SEVEN_BIT - high) * EVERY_BYTE_ONE;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long word = (long) LONG_VIEW.get(bytes, i);
            long sevenBits = word & EVERY_BYTE_LOW_SEVEN;
            long passing = (sevenBits + addForLow) & ~(sevenBits + addForHigh) & ~word;
            if ((passing & EVERY_BYTE_HIGH_BIT) != EVERY_BYTE_HIGH_BIT) {
                break; // the byte loop below finds which one
            }
        }
        for (; i < to; i++) {
            int c = bytes[i];
            if (c < low || c > high) {
                return i;
            }
        }
        return NONE_REFUSED;
    }

    static int firstNotAllowed(FieldType type, byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!type.allows(bytes[i] & Wire.BYTE_MASK)) {
                return i;
            }
        }
        return NONE_REFUSED;
    }
}
