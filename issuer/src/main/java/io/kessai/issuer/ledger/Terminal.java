package io.kessai.issuer.ledger;

/**
 * DE 41 (ans 8) packed into a long: up to 8 printable ASCII characters, big-endian, trailing spaces
 * dropped (a fixed ans field is space-padded on the wire), unused bytes 0. So "T1" and "T1      "
 * are one terminal, and an absent DE 41 is 0.
 */
public final class Terminal {
    public static final int MAX_CHARACTERS = 8;
    private static final int BYTE_BITS = 8;
    private static final int BYTE_MASK = 0xFF;
    private static final char FIRST_PRINTABLE = ' ';
    private static final char LAST_PRINTABLE = '~';

    private Terminal() {}

    /** @throws IllegalArgumentException for more than 8 characters (spaces aside) or a non-printable one */
    public static long pack(String de41) {
        if (de41 == null) {
            return 0;
        }
        String text = de41.stripTrailing();
        if (text.length() > MAX_CHARACTERS) {
            throw new IllegalArgumentException("a terminal ID has at most " + MAX_CHARACTERS + " characters");
        }
        long packed = 0;
        for (int i = 0; i < MAX_CHARACTERS; i++) {
            int value = 0;
            if (i < text.length()) {
                char c = text.charAt(i);
                if (c < FIRST_PRINTABLE || c > LAST_PRINTABLE) {
                    throw new IllegalArgumentException("a terminal ID is printable ASCII");
                }
                value = c;
            }
            packed = (packed << BYTE_BITS) | value;
        }
        return packed;
    }

    public static String unpack(long packed) {
        StringBuilder text = new StringBuilder(MAX_CHARACTERS);
        for (int i = 0; i < MAX_CHARACTERS; i++) {
            int value = (int) (packed >>> ((MAX_CHARACTERS - 1 - i) * BYTE_BITS)) & BYTE_MASK;
            if (value == 0) {
                break;
            }
            text.append((char) value);
        }
        return text.toString();
    }
}
