package io.kessai.center.mail;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * At most {@code perMinute} mails per sender address (a token bucket that refills continuously), so that
 * one phone or one forger cannot flood the center or make it send a flood of error replies. The table
 * of senders is bounded: the least recently seen sender is forgotten first.
 */
public final class SenderRateLimit {
    static final int MAX_SENDERS = 100_000;
    private static final long NANOS_PER_MINUTE = 60_000_000_000L;

    private final int perMinute;
    private final LongSupplier nanoClock;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_SENDERS;
        }
    };

    private static final class Bucket {
        double tokens;
        long atNanos;
    }

    public SenderRateLimit(int perMinute, LongSupplier nanoClock) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be at least 1, got " + perMinute);
        }
        this.perMinute = perMinute;
        this.nanoClock = nanoClock;
    }

    /** True when this sender may send one more mail now (and counts it). */
    public synchronized boolean tryAcquire(String sender) {
        long now = nanoClock.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(sender.toLowerCase(Locale.ROOT), s -> {
            Bucket fresh = new Bucket();
            fresh.tokens = perMinute;
            fresh.atNanos = now;
            return fresh;
        });
        // Token counts are not money: a fractional refill rate is exactly what a bucket needs.
        bucket.tokens = Math.min(perMinute, bucket.tokens + (now - bucket.atNanos) * (double) perMinute / NANOS_PER_MINUTE);
        bucket.atNanos = now;
        if (bucket.tokens < 1) {
            return false;
        }
        bucket.tokens -= 1;
        return true;
    }
}
