package io.kessai.center.flow;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * DE 37 retrieval reference numbers, an12, in the common layout YDDDhh + 6-digit STAN (REFERENCE §4.5):
 * constant for the life of the transaction, unique per center for a year.
 */
public final class RetrievalReferenceNumbers {
    private static final int YEAR_DIGIT_MODULUS = 10;
    private static final int DAY_DIGITS = 3;
    private static final int HOUR_DIGITS = 2;
    private static final int STAN_DIGITS = 6;
    private static final int RRN_CHARS = 12;

    private RetrievalReferenceNumbers() {}

    public static String of(Instant transmittedAt, int stan) {
        ZonedDateTime utc = transmittedAt.atZone(ZoneOffset.UTC);
        // Built by hand: String.format parses its pattern on every call, once per payment.
        StringBuilder rrn = new StringBuilder(RRN_CHARS).append(utc.getYear() % YEAR_DIGIT_MODULUS);
        zeroPadded(rrn, utc.getDayOfYear(), DAY_DIGITS);
        zeroPadded(rrn, utc.getHour(), HOUR_DIGITS);
        zeroPadded(rrn, stan, STAN_DIGITS);
        return rrn.toString();
    }

    private static void zeroPadded(StringBuilder out, int value, int digits) {
        String text = Integer.toString(value);
        if (value < 0 || text.length() > digits) {
            throw new IllegalArgumentException(value + " does not fit " + digits + " digits of an RRN");
        }
        out.repeat('0', digits - text.length()).append(text);
    }
}
