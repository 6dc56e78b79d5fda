package io.kessai.issuer.ledger;

/**
 * What names one authorization for its whole life (ISO 8583 §4.5 of the reference): the acquirer
 * (DE 32), the terminal (DE 41), the STAN (DE 11) and the transmission date and time (DE 7). A
 * completion or reversal finds it from its DE 90 and its own DE 41. No card data.
 *
 * <p>Held as numbers, because the ledger keeps one per open hold and looks one up per request: the
 * acquirer's up to 11 digits and DE 7's 10 digits as longs, the terminal's up to 8 ASCII characters
 * packed into a long ({@link Terminal}). A DE 32 of "123456" and DE 90's zero-padded "00000123456" are
 * the same acquirer, as they must be; an absent DE 32 is 0.
 *
 * @param terminal DE 41 packed by {@link Terminal#pack}
 */
public record TxnKey(long acquirer, long terminal, int stan, long transmission) {
    public static final int ACQUIRER_DIGITS = 11;
    public static final int TRANSMISSION_DIGITS = 10;
    public static final int MAX_STAN = 999_999;
    private static final int DECIMAL_BASE = 10;

    public TxnKey {
        if (acquirer < 0 || stan < 0 || stan > MAX_STAN || transmission < 0) {
            throw new IllegalArgumentException("acquirer, STAN and DE 7 must be non-negative, STAN at most " + MAX_STAN);
        }
    }

    /** DE 32 (or DE 90's acquirer) as a number; absent (null or "") is 0. */
    public static long acquirerOf(String digits) {
        return digits(digits, ACQUIRER_DIGITS);
    }

    /** DE 7 as a number. */
    public static long transmissionOf(String digits) {
        return digits(digits, TRANSMISSION_DIGITS);
    }

    /** DE 32 right-justified in 11 digits, as DE 90 and the journal write it. */
    public String acquirerText() {
        return zeroPadded(acquirer, ACQUIRER_DIGITS);
    }

    public String terminalText() {
        return Terminal.unpack(terminal);
    }

    /** DE 7, MMDDhhmmss. */
    public String transmissionText() {
        return zeroPadded(transmission, TRANSMISSION_DIGITS);
    }

    private static long digits(String text, int maxDigits) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        if (text.length() > maxDigits) {
            throw new IllegalArgumentException("more than " + maxDigits + " digits");
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit >= DECIMAL_BASE) {
                throw new IllegalArgumentException("not digits");
            }
            value = value * DECIMAL_BASE + digit;
        }
        return value;
    }

    static String zeroPadded(long value, int width) {
        char[] out = new char[width];
        long rest = value;
        for (int i = width - 1; i >= 0; i--) {
            out[i] = (char) ('0' + rest % DECIMAL_BASE);
            rest /= DECIMAL_BASE;
        }
        assert rest == 0 : value + " is wider than " + width + " digits";
        return new String(out);
    }

    // Written out: looked up and stored once or twice per request (see PanKey).
    @Override
    public boolean equals(Object other) {
        return other instanceof TxnKey that && that.stan == stan && that.transmission == transmission
                && that.terminal == terminal && that.acquirer == acquirer;
    }

    @Override
    public int hashCode() {
        long mixed = ((acquirer * HASH_MULTIPLIER + terminal) * HASH_MULTIPLIER + transmission) * HASH_MULTIPLIER + stan;
        return Long.hashCode(mixed ^ (mixed >>> HASH_SHIFT));
    }

    private static final long HASH_MULTIPLIER = 0x9E3779B97F4A7C15L;
    private static final int HASH_SHIFT = 29;

    @Override
    public String toString() {
        return acquirerText() + "/" + terminalText() + "/" + zeroPadded(stan, 6) + "/" + transmissionText();
    }
}
