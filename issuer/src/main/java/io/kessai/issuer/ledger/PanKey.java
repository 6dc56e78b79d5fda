package io.kessai.issuer.ledger;

import java.nio.ByteBuffer;

/**
 * A card account's look-up key: the first 16 bytes of HMAC-SHA-256 of the PAN under the issuer's
 * PAN index key ({@code io.kessai.issuer.keys.PanIndex}). The issuer stores this, never the PAN
 * (DESIGN.md, "Card data"); two longs make it a cheap hash-map key.
 */
public record PanKey(long high, long low) {
    public static final int BYTES = 16;

    public static PanKey of(byte[] sixteenBytes) {
        if (sixteenBytes.length != BYTES) {
            throw new IllegalArgumentException("a PAN key has " + BYTES + " bytes, got " + sixteenBytes.length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(sixteenBytes);
        return new PanKey(buffer.getLong(), buffer.getLong());
    }

    public byte[] toBytes() {
        return ByteBuffer.allocate(BYTES).putLong(high).putLong(low).array();
    }

    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int NIBBLE_BITS = 4;
    private static final int NIBBLE_MASK = 0xF;
    /** Hex digits of 16 bytes. */
    public static final int HEX_LENGTH = 2 * BYTES;

    /** Hex, for logs and tests; it reveals nothing without the index key. */
    public String hex() {
        byte[] out = new byte[HEX_LENGTH];
        writeHex(out, 0);
        return new String(out, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Writes the 32 lower-case hex digits at {@code offset} (the journal's row encoder, on its hot path). */
    public void writeHex(byte[] target, int offset) {
        for (int i = 0; i < Long.BYTES * 2; i++) {
            int shift = (Long.BYTES * 2 - 1 - i) * NIBBLE_BITS;
            target[offset + i] = HEX_DIGITS[(int) (high >>> shift) & NIBBLE_MASK];
            target[offset + Long.BYTES * 2 + i] = HEX_DIGITS[(int) (low >>> shift) & NIBBLE_MASK];
        }
    }

    // Written out: these run several times per request, and the record's generated ones go through
    // method handles the JIT does not always flatten.
    @Override
    public boolean equals(Object other) {
        return other instanceof PanKey that && that.high == high && that.low == low;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(high * HASH_MULTIPLIER + low);
    }

    private static final long HASH_MULTIPLIER = 0x9E3779B97F4A7C15L;

    @Override
    public String toString() {
        return "PanKey[" + hex().substring(0, 8) + "…]";
    }
}
