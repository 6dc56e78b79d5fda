package io.kessai.center.wallet;

import java.time.Duration;

/**
 * Three wrong PINs in a row lock the wallet for 15 minutes; each further lock doubles the time, up to a
 * day. A right PIN ends the run of wrong ones and forgets earlier locks.
 */
public final class PinLockout {
    public static final int MAX_WRONG_IN_A_ROW = 3;
    static final Duration FIRST_LOCK = Duration.ofMinutes(15);
    static final Duration LONGEST_LOCK = Duration.ofDays(1);
    private static final int MAX_DOUBLINGS = 16;

    private PinLockout() {}

    /** How long the {@code lockNumber}-th lock (1, 2, 3, …) lasts. */
    public static Duration lockFor(int lockNumber) {
        if (lockNumber < 1) {
            throw new IllegalArgumentException("locks are counted from 1, got " + lockNumber);
        }
        Duration lock = FIRST_LOCK.multipliedBy(1L << Math.min(lockNumber - 1, MAX_DOUBLINGS));
        return lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock;
    }
}
