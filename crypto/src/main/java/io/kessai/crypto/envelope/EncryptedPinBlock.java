package io.kessai.crypto.envelope;

import io.kessai.crypto.pin.PinBlockFormat;
import java.util.Arrays;

/**
 * A PIN block enciphered under some key (a reader's DUKPT PIN key, or an issuer's zone PIN key). Opaque
 * outside the HSM: it can be carried and compared, never read. {@link #toString()} shows no bytes.
 */
public record EncryptedPinBlock(PinBlockFormat format, byte[] block) {
    public static final int TDES_BLOCK_BYTES = 8;
    public static final int AES_BLOCK_BYTES = 16;

    public EncryptedPinBlock {
        int expected = format == PinBlockFormat.ISO_4 ? AES_BLOCK_BYTES : TDES_BLOCK_BYTES;
        if (block.length != expected) {
            throw new IllegalArgumentException(format + " PIN block must be " + expected + " bytes, got " + block.length);
        }
        block = block.clone();
    }

    @Override
    public byte[] block() {
        return block.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncryptedPinBlock other && format == other.format && Arrays.equals(block, other.block);
    }

    @Override
    public int hashCode() {
        return 31 * format.hashCode() + Arrays.hashCode(block);
    }

    @Override
    public String toString() {
        return "EncryptedPinBlock[" + format + ", " + block.length + " bytes]";
    }
}
