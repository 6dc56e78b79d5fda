package io.kessai.iso8583;

/**
 * What the codec does with a field's value, as one small int per field definition: type and value
 * encoding folded together once, so the per-field dispatch in the hot loops is a single
 * {@code tableswitch} instead of several enum switches.
 */
final class CodecKind {
    /** ASCII digits (n). */
    static final int DIGITS = 0;
    /** ASCII printable (ans). */
    static final int PRINTABLE = 1;
    /** ASCII checked with the type's table (an, z). */
    static final int TABLE = 2;
    /** ASCII 'C' or 'D' then digits (x+n). */
    static final int SIGNED_DIGITS = 3;
    /** Packed BCD digits (n). */
    static final int PACKED_DIGITS = 4;
    /** Packed BCD track (z). */
    static final int PACKED_TRACK = 5;
    /** Binary as hex digits. */
    static final int HEX = 6;
    /** Binary as is. */
    static final int RAW = 7;

    private CodecKind() {}

    static int of(FieldType type, ValueEncoding encoding) {
        return switch (encoding) {
            case ASCII -> switch (type) {
                case N -> DIGITS;
                case ANS -> PRINTABLE;
                case XN -> SIGNED_DIGITS;
                case AN, Z -> TABLE;
                case B -> throw new IllegalArgumentException("b is not ASCII text");
            };
            case BCD -> type == FieldType.Z ? PACKED_TRACK : PACKED_DIGITS;
            case HEX -> HEX;
            case RAW -> RAW;
        };
    }
}
