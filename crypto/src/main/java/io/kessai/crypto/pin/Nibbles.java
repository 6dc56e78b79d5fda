package io.kessai.crypto.pin;

/** Half-byte access to PIN and PAN fields, most significant nibble first (ISO 9564-1 numbers them so). */
final class Nibbles {
    private static final int NIBBLE_BITS = 4;
    private static final int NIBBLE_MASK = 0x0F;

    private Nibbles() {}

    static int get(byte[] field, int index) {
        int b = Byte.toUnsignedInt(field[index / 2]);
        return index % 2 == 0 ? b >>> NIBBLE_BITS : b & NIBBLE_MASK;
    }

    static void set(byte[] field, int index, int nibble) {
        int at = index / 2;
        if (index % 2 == 0) {
            field[at] = (byte) ((field[at] & NIBBLE_MASK) | nibble << NIBBLE_BITS);
        } else {
            field[at] = (byte) ((field[at] & ~NIBBLE_MASK) | nibble);
        }
    }
}
