package io.kessai.center.ops;

import java.time.Duration;
import java.util.Objects;

/**
 * The wait before the next try of something stored to be retried (issuer advices, webhooks, outbox
 * mails): {@code first × 2^doublings}, at most {@code max}. Deterministic: each row keeps its own next
 * attempt time, so rows failing together already spread out by when they were first tried.
 */
public record RetryBackoff(Duration first, Duration max) {
    /** Past this many doublings any sane first wait is beyond any sane maximum; it also keeps the shift safe. */
    private static final int MAX_DOUBLINGS = 30;

    public RetryBackoff {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        if (first.isNegative() || first.isZero() || max.isNegative() || max.isZero()) {
            throw new IllegalArgumentException("backoff waits must be positive, got " + first + " and " + max);
        }
    }

    /** {@code first × 2^doublings} (negative counts as 0), at most {@link #max}. */
    public Duration after(int doublings) {
        int shift = Math.min(Math.max(doublings, 0), MAX_DOUBLINGS);
        Duration wait = first.multipliedBy(1L << shift);
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
