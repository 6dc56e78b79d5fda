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

    private RetrievalReferenceNumbers() {}

    public static String of(Instant transmittedAt, int stan) {
        ZonedDateTime utc = transmittedAt.atZone(ZoneOffset.UTC);
        return String.format("%d%03d%02d%06d", utc.getYear() % YEAR_DIGIT_MODULUS, utc.getDayOfYear(), utc.getHour(), stan);
    }
}
