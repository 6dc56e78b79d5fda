package io.kessai.iso8583.link;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Reconnect delays: exponential from the initial delay, capped at the maximum, each shortened by a
 * random share of up to {@code jitterPercent} so that clients cut off together spread out. Integer
 * arithmetic only: the delay is in whole milliseconds anyway.
 */
final class Backoff {
    /** 2^20 times the initial delay is beyond any sane maximum; stopping there keeps the shift safe. */
    private static final int MAX_DOUBLINGS = 20;
    private static final int PERCENT = 100;

    private final long initialMillis;
    private final long maxMillis;
    private final int jitterPercent;

    Backoff(int initialMillis, int maxMillis, int jitterPercent) {
        Checks.inRange("initialMillis", initialMillis, 1, Integer.MAX_VALUE);
        Checks.inRange("maxMillis", maxMillis, initialMillis, Integer.MAX_VALUE);
        Checks.inRange("jitterPercent", jitterPercent, 0, PERCENT);
        this.initialMillis = initialMillis;
        this.maxMillis = maxMillis;
        this.jitterPercent = jitterPercent;
    }

    /** The delay before the next attempt after {@code failedAttempts} failures in a row (0 for the first). */
    long delayMillis(int failedAttempts) {
        int doublings = Math.min(Math.max(failedAttempts, 0), MAX_DOUBLINGS);
        long base = Math.min(maxMillis, initialMillis << doublings);
        long jitterSpan = base * jitterPercent / PERCENT;
        long delay = base - ThreadLocalRandom.current().nextLong(jitterSpan + 1);
        assert delay >= 0 && delay <= maxMillis;
        return delay;
    }
}
