package io.kessai.app.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * The schedule of an open-loop run: request {@code i} is due at {@code startNanos + i / rate}, whatever
 * happened to the requests before it. Latency is measured from that intended time, not from the moment
 * the request could actually be sent, so a stalled server cannot hide its stall by slowing the client
 * down (coordinated omission).
 */
final class RatePacer {
    static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Below this the pacer does not park: parking costs about as long on a busy machine. */
    private static final long MIN_PARK_NANOS = 20_000;
    /** index × 10⁹ must fit a long: about 292 years at one request per second. */
    static final long MAX_INDEX = Long.MAX_VALUE / NANOS_PER_SECOND;
    static final int MAX_RATE_PER_SECOND = 1_000_000;

    private final long startNanos;
    private final int ratePerSecond;

    RatePacer(long startNanos, int ratePerSecond) {
        if (ratePerSecond < 1 || ratePerSecond > MAX_RATE_PER_SECOND) {
            throw new IllegalArgumentException("rate must be 1.." + MAX_RATE_PER_SECOND + " per second, got " + ratePerSecond);
        }
        this.startNanos = startNanos;
        this.ratePerSecond = ratePerSecond;
    }

    long startNanos() {
        return startNanos;
    }

    /** When request {@code index} is due; computed from the start each time, so rounding never drifts. */
    long intendedNanos(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative, got " + index);
        }
        if (index > MAX_INDEX) {
            throw new IllegalArgumentException("index " + index + " is beyond any run (max " + MAX_INDEX + ")");
        }
        return startNanos + index * NANOS_PER_SECOND / ratePerSecond;
    }

    /** How many requests are due at {@code nowNanos} (requests 0 .. n-1). */
    long dueAt(long nowNanos) {
        if (nowNanos < startNanos) {
            return 0;
        }
        return (nowNanos - startNanos) * ratePerSecond / NANOS_PER_SECOND + 1;
    }

    /** Requests scheduled in {@code seconds} at this rate. */
    static long requestsIn(int ratePerSecond, int seconds) {
        return (long) ratePerSecond * seconds;
    }

    /** Waits until request {@code index} is due; returns at once when it is already late. */
    long awaitTurn(long index, NanoClock clock) {
        long intended = intendedNanos(index);
        for (long left = intended - clock.nanoTime(); left > 0; left = intended - clock.nanoTime()) {
            if (left >= MIN_PARK_NANOS) {
                LockSupport.parkNanos(left);
            } else {
                Thread.onSpinWait();
            }
        }
        return intended;
    }

    /** {@link System#nanoTime()}, replaceable in tests. */
    interface NanoClock {
        NanoClock SYSTEM = System::nanoTime;

        long nanoTime();
    }
}
