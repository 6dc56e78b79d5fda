package io.kessai.issuer.decision;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Today's date in the clock's zone, for expiry checks, recomputed only when the day changes:
 * {@code LocalDate.now(clock)} (an instant and a zone-rules look-up) per request cost more than the
 * rest of the decision. Guarded by the decision lock.
 */
final class Today {
    private final Clock clock;
    private LocalDate date;
    private long validUntilMillis = Long.MIN_VALUE;
    private long validFromMillis = Long.MAX_VALUE;

    Today(Clock clock) {
        this.clock = clock;
    }

    LocalDate date() {
        long nowMillis = clock.millis();
        if (nowMillis < validFromMillis || nowMillis >= validUntilMillis) {
            ZoneId zone = clock.getZone();
            date = LocalDate.ofInstant(clock.instant(), zone);
            validFromMillis = date.atStartOfDay(zone).toInstant().toEpochMilli();
            validUntilMillis = date.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        }
        return date;
    }
}
