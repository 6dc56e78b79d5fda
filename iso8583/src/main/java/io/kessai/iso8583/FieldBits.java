package io.kessai.iso8583;

/**
 * Presence bits laid out exactly as the bitmaps are on the wire: in each 64-bit word the most
 * significant bit is the lowest field (1 or 65), so a word is written and read as is.
 */
final class FieldBits {
    static final int FIELDS_PER_BITMAP = 64;

    /** Field 1 in the primary bitmap: "a secondary bitmap follows". */
    static final long SECONDARY_BITMAP_PRESENT = Long.MIN_VALUE;

    private FieldBits() {}

    /** The bit of a field 1..128 inside its word (primary for 1..64, secondary for 65..128). */
    static long mask(int field) {
        return Long.MIN_VALUE >>> ((field - 1) & (FIELDS_PER_BITMAP - 1));
    }

    /** The bits of the fields below {@code field} in its word. */
    static long below(int field) {
        return ~(-1L >>> ((field - 1) & (FIELDS_PER_BITMAP - 1)));
    }

    static boolean inPrimary(int field) {
        return field <= FIELDS_PER_BITMAP;
    }

    /** Lowest field present in a non-zero word; {@code firstField} is 1 or 65. */
    static int lowestField(long word, int firstField) {
        return firstField + Long.numberOfLeadingZeros(word);
    }
}
