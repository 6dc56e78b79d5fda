package io.kessai.iso8583;

/**
 * The ISO 8583 data representation of a field: which characters (or bytes) its value may hold.
 *
 * <p>Text types are checked one character at a time against a 256-entry table built once here, so
 * the codec never needs a regex or a branchy character test in its loops.
 */
public enum FieldType {
    /** {@code n}: digits 0–9. */
    N("n", "non-digit"),
    /** {@code an}: letters and digits; space is allowed because fixed an fields are space-padded. */
    AN("an", "non-alphanumeric"),
    /** {@code ans}: printable ASCII, 0x20–0x7E. */
    ANS("ans", "non-printable"),
    /** {@code z}: track 2/3 code set as ISO 8583 carries it: digits and the '=' or 'D' separator. */
    Z("z", "non-track"),
    /** {@code x+n}: 'C' (credit) or 'D' (debit) followed by digits; the length counts the digits. */
    XN("x+n", "non-digit"),
    /** {@code b}: binary bytes, carried as hex digits or raw bytes (see {@link ValueEncoding}). */
    B("b", "non-hex");

    private static final int BYTE_VALUES = 256;

    private final String notation;
    private final String badCharacterWord;
    private final boolean[] allowedCharacters = new boolean[BYTE_VALUES];

    FieldType(String notation, String badCharacterWord) {
        this.notation = notation;
        this.badCharacterWord = badCharacterWord;
        for (int c = 0; c < BYTE_VALUES; c++) {
            allowedCharacters[c] = admits(notation, c);
        }
    }

    private static boolean admits(String notation, int c) {
        boolean digit = c >= '0' && c <= '9';
        boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        return switch (notation) {
            case "n", "x+n" -> digit;
            case "an" -> digit || letter || c == ' ';
            case "ans" -> c >= ' ' && c <= '~';
            case "z" -> digit || c == '=' || c == 'D';
            default -> false; // b has no characters of its own; hex digits are checked by the codec.
        };
    }

    /** The ISO notation: n, an, ans, z, x+n or b. */
    public String notation() {
        return notation;
    }

    /** True when the character (0–0xFFFF) may appear in a value of this type; for x+n, after the sign. */
    public boolean allows(int character) {
        return character < BYTE_VALUES && allowedCharacters[character];
    }

    public boolean isText() {
        return this != B;
    }

    /** The word an error uses for a character this type refuses: "non-digit 'X'". */
    String badCharacterWord() {
        return badCharacterWord;
    }
}
