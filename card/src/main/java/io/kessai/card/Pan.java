package io.kessai.card;

/**
 * A primary account number (ISO/IEC 7812): 12 to 19 digits whose last digit is the Luhn check.
 *
 * <p>{@link #toString()} is the masked form, so a PAN that slips into a log line shows only its
 * first 6 and last 4 digits. The full number comes only from {@link #digits()}, which is for the
 * crypto and ISO 8583 code. A String cannot be wiped; whoever holds a Pan of a live transaction
 * drops it with the rest of the card read.
 */
public final class Pan {
    public static final int MIN_DIGITS = 12;
    public static final int MAX_DIGITS = 19;
    /** Digits a person may see at the front and back (PCI DSS: first 6, last 4 at most). */
    static final int SHOWN_LEADING_DIGITS = 6;
    static final int SHOWN_TRAILING_DIGITS = 4;
    private static final int BIN6_DIGITS = 6;
    private static final int BIN8_DIGITS = 8;
    private static final char MASK = '*';

    private final String digits;

    private Pan(String digits) {
        assert digits.length() >= MIN_DIGITS && digits.length() <= MAX_DIGITS && Luhn.isValid(digits);
        this.digits = digits;
    }

    /**
     * @throws CardDataException naming the first non-digit, a length outside 12–19, or a failed Luhn check
     */
    public static Pan of(String digits) throws CardDataException {
        return parse(digits, 0, digits.length(), "");
    }

    /**
     * Parses {@code source[from, to)} as a PAN; offsets in errors are positions in {@code source},
     * and a non-empty {@code context} ("track 2") starts each message.
     */
    static Pan parse(CharSequence source, int from, int to, String context) throws CardDataException {
        String where = context.isEmpty() ? "PAN" : context + ": PAN";
        for (int i = from; i < to; i++) {
            if (!Luhn.isDigit(source.charAt(i))) {
                throw new CardDataException(where + " has a non-digit " + Fields.describe(source.charAt(i))
                        + " at offset " + i, i);
            }
        }
        int length = to - from;
        if (length < MIN_DIGITS || length > MAX_DIGITS) {
            throw new CardDataException(where + " has " + Fields.count(length, "digit") + " at offset " + from
                    + ", expected " + MIN_DIGITS + " to " + MAX_DIGITS, from);
        }
        String candidate = source.subSequence(from, to).toString();
        if (!Luhn.isValid(candidate)) {
            throw new CardDataException(where + " " + mask(candidate) + " at offset " + from
                    + " fails the Luhn check", from);
        }
        return new Pan(candidate);
    }

    /** The full number: for encryption, keyed hashes and ISO 8583 only, never for display or logs. */
    public String digits() {
        return digits;
    }

    /** The first 6 digits: the historical issuer identification number, for routing. */
    public String bin6() {
        return digits.substring(0, BIN6_DIGITS);
    }

    /**
     * The first 8 digits (ISO/IEC 7812-1:2017 8-digit IIN), for longest-prefix routing, whatever
     * the PAN's length. Never show it next to {@link #last4()} for a PAN under 16 digits: PCI DSS
     * allows 8 + 4 visible digits only for PANs of 16 digits or more.
     */
    public String bin8() {
        return digits.substring(0, BIN8_DIGITS);
    }

    public String last4() {
        return digits.substring(digits.length() - SHOWN_TRAILING_DIGITS);
    }

    /** First 6, '*' for every hidden digit, last 4: same length as the PAN. */
    public String masked() {
        return mask(digits);
    }

    public int length() {
        return digits.length();
    }

    /**
     * Masks a digit string for a message. Strings of {@link #MIN_DIGITS} or more show first 6 /
     * last 4; shorter ones are all stars, because 6 + 4 would show (nearly) everything.
     */
    static String mask(CharSequence digits) {
        int length = digits.length();
        StringBuilder out = new StringBuilder(length);
        if (length < MIN_DIGITS) {
            return out.repeat(MASK, length).toString();
        }
        out.append(digits, 0, SHOWN_LEADING_DIGITS);
        out.repeat(MASK, length - SHOWN_LEADING_DIGITS - SHOWN_TRAILING_DIGITS);
        out.append(digits, length - SHOWN_TRAILING_DIGITS, length);
        return out.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Pan pan && pan.digits.equals(digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }

    /** The masked PAN, never the full number. */
    @Override
    public String toString() {
        return masked();
    }
}
