package io.kessai.crypto.dukpt;

import io.kessai.card.Hex;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * TDES DUKPT key serial number (ANSI X9.24-1:2009 Annex A): 10 bytes = 59-bit initial KSN (key set ID and
 * device ID) ‖ 21-bit transaction counter. Immutable; a valid instance has a counter from 1 with at most
 * 10 one-bits (so at most 0x1FF800). A KSN travels in the clear, so printing it is fine.
 */
public final class TdesKsn {
    /** KSN length in bytes. */
    public static final int BYTES = 10;
    /** Width of the transaction counter. */
    public static final int COUNTER_BITS = 21;
    /** A device only derives keys for counters with at most this many one-bits (X9.24-1:2009 Annex A). */
    public static final int MAX_COUNTER_ONE_BITS = 10;

    static final CounterLayout LAYOUT = new CounterLayout("TDES DUKPT", COUNTER_BITS, MAX_COUNTER_ONE_BITS);

    /** The KSN's rightmost 8 bytes are the DUKPT "KSN register"; the counter is their low 21 bits. */
    private static final int REGISTER_OFFSET = BYTES - Long.BYTES;
    private static final long COUNTER_MASK = (1L << COUNTER_BITS) - 1;

    private final byte[] bytes;
    private final long counter;

    private TdesKsn(byte[] bytes, long counter) {
        this.bytes = bytes;
        this.counter = counter;
    }

    /**
     * Reads a 10-byte KSN.
     *
     * @throws DukptException if not 10 bytes, or the counter is 0 or has more than 10 one-bits
     */
    public static TdesKsn parse(byte[] ksn) throws DukptException {
        requireLength(ksn);
        return of(ksn, rightmostEight(ksn) & COUNTER_MASK);
    }

    /**
     * The KSN with the initial-KSN part of {@code ksn10} (whatever counter it carries) and {@code counter}.
     *
     * @throws DukptException if not 10 bytes, or the counter is invalid
     */
    public static TdesKsn of(byte[] ksn10, long counter) throws DukptException {
        requireLength(ksn10);
        LAYOUT.requireValid(counter);
        byte[] bytes = Arrays.copyOf(ksn10, BYTES);
        ByteBuffer.wrap(bytes, REGISTER_OFFSET, Long.BYTES).putLong(rightmostEight(ksn10) & ~COUNTER_MASK | counter);
        return new TdesKsn(bytes, counter);
    }

    /** The transaction counter, 1 to 0x1FF800. */
    public long counter() {
        return counter;
    }

    /** The initial KSN: these 10 bytes with the counter bits cleared. */
    public byte[] initialKsn() {
        return initialKsnOf(bytes);
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    /** Upper-case hex of the 10 bytes. */
    public String hex() {
        return Hex.encode(bytes);
    }

    /** The KSN register (rightmost 8 bytes) with the counter bits cleared, as a big-endian long. */
    long registerBase() {
        return registerBase(bytes);
    }

    static long registerBase(byte[] ksn10) {
        return rightmostEight(ksn10) & ~COUNTER_MASK;
    }

    static byte[] initialKsnOf(byte[] ksn10) {
        byte[] initial = Arrays.copyOf(ksn10, BYTES);
        ByteBuffer.wrap(initial, REGISTER_OFFSET, Long.BYTES).putLong(registerBase(ksn10));
        return initial;
    }

    static long counterOf(byte[] ksn10) {
        return rightmostEight(ksn10) & COUNTER_MASK;
    }

    private static long rightmostEight(byte[] ksn10) {
        return ByteBuffer.wrap(ksn10, REGISTER_OFFSET, Long.BYTES).getLong();
    }

    private static void requireLength(byte[] ksn) throws DukptException {
        Objects.requireNonNull(ksn, "ksn");
        if (ksn.length != BYTES) {
            throw new DukptException("TDES DUKPT KSN must be " + BYTES + " bytes, got " + ksn.length);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TdesKsn that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "TdesKsn[" + hex() + "]";
    }
}
