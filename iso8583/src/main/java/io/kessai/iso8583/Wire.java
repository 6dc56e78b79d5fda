package io.kessai.iso8583;

/** Tables and small helpers shared by the encoder and the decoder; built once. */
final class Wire {
    static final int BYTE_MASK = 0xFF;
    static final int NIBBLE_MASK = 0x0F;
    static final int NIBBLE_BITS = 4;
    static final int MAX_DECIMAL_DIGIT = 9;
    /** Track 2's field separator as a BCD nibble ('=' in ASCII). */
    static final int BCD_SEPARATOR = 0xD;
    /** Fills the last nibble of an odd-length packed track. */
    static final int BCD_FILLER = 0xF;
    static final byte NOT_HEX = -1;

    static final byte[] HEX_DIGITS = {
        '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'
    };

    /** Value of an ASCII hex digit (either case), or {@link #NOT_HEX}. */
    static final byte[] HEX_VALUE = new byte[BYTE_MASK + 1];

    /** Value of a hex digit already shifted into the high nibble, or negative: one OR makes a byte. */
    static final int[] HIGH_HEX_VALUE = new int[BYTE_MASK + 1];

    private static final int FIRST_PRINTABLE = 0x20;
    private static final int LAST_PRINTABLE = 0x7E;
    private static final int HEX_LETTER_OFFSET = 10;

    static {
        java.util.Arrays.fill(HEX_VALUE, NOT_HEX);
        for (int digit = 0; digit <= MAX_DECIMAL_DIGIT; digit++) {
            HEX_VALUE['0' + digit] = (byte) digit;
        }
        for (int letter = 0; letter < HEX_DIGITS.length - HEX_LETTER_OFFSET; letter++) {
            HEX_VALUE['A' + letter] = (byte) (HEX_LETTER_OFFSET + letter);
            HEX_VALUE['a' + letter] = (byte) (HEX_LETTER_OFFSET + letter);
        }
        for (int c = 0; c <= BYTE_MASK; c++) {
            HIGH_HEX_VALUE[c] = HEX_VALUE[c] < 0 ? NOT_HEX : HEX_VALUE[c] << NIBBLE_BITS;
        }
    }

    private Wire() {}

    /** A byte for an error message: 'X' when printable, 0x1F otherwise. */
    static String describe(int character) {
        assert character >= 0 && character <= BYTE_MASK;
        if (character >= FIRST_PRINTABLE && character <= LAST_PRINTABLE) {
            return "'" + (char) character + "'";
        }
        return "0x" + (char) HEX_DIGITS[character >>> NIBBLE_BITS] + (char) HEX_DIGITS[character & NIBBLE_MASK];
    }

    /** Bytes as text for an error message, non-printable ones as \xNN. */
    static String quote(byte[] bytes, int from, int length) {
        StringBuilder text = new StringBuilder(length + 2).append('\'');
        for (int i = from; i < from + length; i++) {
            int c = bytes[i] & BYTE_MASK;
            if (c >= FIRST_PRINTABLE && c <= LAST_PRINTABLE) {
                text.append((char) c);
            } else {
                text.append("\\x").append((char) HEX_DIGITS[c >>> NIBBLE_BITS]).append((char) HEX_DIGITS[c & NIBBLE_MASK]);
            }
        }
        return text.append('\'').toString();
    }

    /** "DE 4: non-digit 'X'", or without the character for a sensitive field. */
    static String badCharacter(FieldDefinition definition, int character) {
        String word = definition.type().badCharacterWord();
        if (definition.sensitivity() != Sensitivity.NONE) {
            return "DE " + definition.number() + ": " + word + " character";
        }
        return "DE " + definition.number() + ": " + word + " " + describe(character);
    }
}
