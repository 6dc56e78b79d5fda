package io.kessai.iso8583;

/**
 * Finds the first byte a text type refuses. The common types (n and ans, most of every message) are
 * single ranges, checked with two compares a byte, which the JIT unrolls; an and z use the type's
 * 256-entry table. (Measured: the plain early-exit loop beats a branch-free accumulator here.)
 */
final class TextCheck {
    static final int NONE_REFUSED = -1;

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

    /** Bytes are signed: 0x80–0xFF are negative, so they fall below any printable low bound. */
    static int firstOutside(byte[] bytes, int from, int to, int low, int high) {
        for (int i = from; i < to; i++) {
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
