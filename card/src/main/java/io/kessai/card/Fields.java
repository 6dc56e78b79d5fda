package io.kessai.card;

/** Field checks shared by the track and chip parsers; every error names the field and offset. */
final class Fields {
    private static final char FIRST_PRINTABLE_ASCII = 0x20;
    private static final char LAST_PRINTABLE_ASCII = 0x7E;

    private Fields() {}

    /**
     * A character that broke a rule, quoted when printable ASCII, else as a code point. Callers
     * only describe characters that are NOT valid card data for the field (a non-digit in a
     * digit field), so this never reveals a PAN or discretionary-data digit.
     */
    static String describe(char c) {
        if (c >= FIRST_PRINTABLE_ASCII && c <= LAST_PRINTABLE_ASCII) {
            return "'" + c + "'";
        }
        return String.format("U+%04X", (int) c);
    }

    /**
     * Requires {@code count} characters from {@code from} (input ends at {@code to}), all digits.
     * {@code what} names the field with its context ("track 2: service code").
     */
    static void requireDigits(CharSequence source, int from, int to, int count, String what)
            throws CardDataException {
        int left = to - from;
        if (left < count) {
            throw new CardDataException(what + " needs " + count + " digits at offset " + from
                    + ", only " + count(left, "character") + " left", from);
        }
        for (int i = from; i < from + count; i++) {
            if (!Luhn.isDigit(source.charAt(i))) {
                throw new CardDataException(what + " has a non-digit "
                        + describe(source.charAt(i)) + " at offset " + i, i);
            }
        }
    }

    /** "1 character", "2 characters": counts in messages read as English. */
    static String count(int count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }

    /** Value of two ASCII digits at {@code at}; the caller has checked they are digits. */
    static int twoDigits(CharSequence source, int at) {
        final int tens = 10;
        return (source.charAt(at) - '0') * tens + (source.charAt(at + 1) - '0');
    }
}
