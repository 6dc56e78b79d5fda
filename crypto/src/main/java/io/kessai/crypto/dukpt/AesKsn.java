package io.kessai.crypto.dukpt;

import io.kessai.card.Hex;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * AES DUKPT key serial number (ANSI X9.24-3-2017 §6): 12 bytes = 8-byte Initial Key ID (4-byte
 * BDK ID ‖ 4-byte derivation ID) ‖ 32-bit transaction counter. Immutable; a valid instance always has
 * a counter from 1 with at most 16 one-bits. A KSN travels in the clear, so printing it is fine.
 */
public final class AesKsn {
    /** KSN length in bytes. */
    public static final int BYTES = 12;
    /** Initial Key ID length in bytes. */
    public static final int INITIAL_KEY_ID_BYTES = 8;
    /** Width of the transaction counter. */
    public static final int COUNTER_BITS = 32;
    /** A device only derives keys for counters with at most this many one-bits (§6.1). */
    public static final int MAX_COUNTER_ONE_BITS = 16;

    static final CounterLayout LAYOUT = new CounterLayout("AES DUKPT", COUNTER_BITS, MAX_COUNTER_ONE_BITS);
    private static final int BITS_PER_INT = 32;

    private final byte[] initialKeyId;
    private final long counter;
    /** The derivation ID already shifted into bytes 8–11 of the derivation data, computed once. */
    private final long derivationIdData;

    private AesKsn(byte[] initialKeyId, long counter) {
        this.initialKeyId = initialKeyId;
        this.counter = counter;
        this.derivationIdData = derivationKsnData(initialKeyId, 0);
    }

    /**
     * Reads a 12-byte KSN.
     *
     * @throws DukptException if not 12 bytes, or the counter is 0 or has more than 16 one-bits
     */
    public static AesKsn parse(byte[] ksn) throws DukptException {
        Objects.requireNonNull(ksn, "ksn");
        if (ksn.length != BYTES) {
            throw new DukptException("AES DUKPT KSN must be " + BYTES + " bytes, got " + ksn.length);
        }
        long counter = Integer.toUnsignedLong(ByteBuffer.wrap(ksn, INITIAL_KEY_ID_BYTES, Integer.BYTES).getInt());
        return of(Arrays.copyOf(ksn, INITIAL_KEY_ID_BYTES), counter);
    }

    /**
     * Builds a KSN from its parts.
     *
     * @throws DukptException if the ID is not 8 bytes, or the counter is 0, above 32 bits or has more
     *     than 16 one-bits
     */
    public static AesKsn of(byte[] initialKeyId8, long counter) throws DukptException {
        Objects.requireNonNull(initialKeyId8, "initialKeyId8");
        if (initialKeyId8.length != INITIAL_KEY_ID_BYTES) {
            throw new DukptException("AES DUKPT Initial Key ID must be " + INITIAL_KEY_ID_BYTES + " bytes, got "
                    + initialKeyId8.length);
        }
        LAYOUT.requireValid(counter);
        return new AesKsn(initialKeyId8.clone(), counter);
    }

    /** The 8-byte Initial Key ID (a copy). */
    public byte[] initialKeyId() {
        return initialKeyId.clone();
    }

    /** The transaction counter, 1 to 0xFFFF0000. */
    public long counter() {
        return counter;
    }

    public byte[] toBytes() {
        return ByteBuffer.allocate(BYTES).put(initialKeyId).putInt((int) counter).array();
    }

    /** Upper-case hex of the 12 bytes. */
    public String hex() {
        return Hex.encode(toBytes());
    }

    /**
     * Bytes 8–15 of the derivation data for intermediate and working keys (§6.3.3): the derivation ID
     * (right half of the Initial Key ID) followed by the given counter, as one big-endian long.
     */
    long derivationKsnData(long counterBits) {
        return derivationIdData | counterBits;
    }

    static long derivationKsnData(byte[] initialKeyId, long counterBits) {
        long derivationId =
                Integer.toUnsignedLong(ByteBuffer.wrap(initialKeyId, Integer.BYTES, Integer.BYTES).getInt());
        return derivationId << BITS_PER_INT | counterBits;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AesKsn that && counter == that.counter
                && Arrays.equals(initialKeyId, that.initialKeyId);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(initialKeyId) + Long.hashCode(counter);
    }

    @Override
    public String toString() {
        return "AesKsn[" + hex() + "]";
    }
}
