package io.kessai.center.flow;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Record identifiers: a prefix ({@code pay_}, {@code wpr_}, …) and 26 base-32 characters, the layout of a
 * ULID: the creation time in milliseconds (48 bits, 10 characters) then 80 random bits (16 characters).
 *
 * <p>Unguessable on purpose: on the terminal API the ID is what lets the phone answer the additional
 * items; 80 bits from {@link SecureRandom} stay out of reach even for someone who knows the millisecond.
 * Time first (ADR 0025) so that IDs made one after another sort one after another: every new row's
 * primary-key entry lands at the right edge of the index, in the few pages already in memory, instead of
 * on a random page of an index that grows with the journal (random keys left the journal's key indexes
 * about 60 % full and touched a different page for every insert).
 */
public final class PaymentIds {
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    static final int TIME_CHARS = 10;
    static final int RANDOM_CHARS = 16;
    private static final int BITS_PER_CHAR = 5;
    private static final int CHAR_MASK = (1 << BITS_PER_CHAR) - 1;
    private static final int RANDOM_BYTES = RANDOM_CHARS * BITS_PER_CHAR / Byte.SIZE;
    /** 48 bits of milliseconds last until the year 10889; a clock past that is broken, not late. */
    private static final long MAX_MILLIS = (1L << 48) - 1;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Clock CLOCK = Clock.systemUTC();

    private PaymentIds() {}

    public static String next() {
        return next("pay_");
    }

    /** An ID of another kind of record ({@code wal_}, {@code wpr_}, …), built the same way. */
    public static String next(String prefix) {
        byte[] random = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(random);
        return of(prefix, CLOCK.millis(), random);
    }

    /** The ID of a record made at {@code epochMillis} with these 10 random bytes (the ones {@link #next} draws). */
    static String of(String prefix, long epochMillis, byte[] random) {
        if (epochMillis < 0 || epochMillis > MAX_MILLIS) {
            throw new IllegalArgumentException("a time an ID can hold is 0.." + MAX_MILLIS + " ms since the epoch, got " + epochMillis);
        }
        if (random.length != RANDOM_BYTES) {
            throw new IllegalArgumentException("an ID takes " + RANDOM_BYTES + " random bytes, got " + random.length);
        }
        StringBuilder id = new StringBuilder(prefix.length() + TIME_CHARS + RANDOM_CHARS).append(prefix);
        for (int shift = (TIME_CHARS - 1) * BITS_PER_CHAR; shift >= 0; shift -= BITS_PER_CHAR) {
            id.append(ALPHABET[(int) (epochMillis >>> shift) & CHAR_MASK]);
        }
        int buffer = 0;
        int bits = 0;
        for (byte b : random) {
            buffer = (buffer << Byte.SIZE) | (b & 0xFF);
            bits += Byte.SIZE;
            while (bits >= BITS_PER_CHAR) {
                bits -= BITS_PER_CHAR;
                id.append(ALPHABET[(buffer >>> bits) & CHAR_MASK]);
            }
        }
        assert bits == 0 : "80 random bits make whole characters";
        return id.toString();
    }
}
