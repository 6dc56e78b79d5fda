package io.kessai.crypto.cipher;

import java.util.Arrays;

/**
 * ISO/IEC 9797-1:2011 §6.3 padding methods 1 and 2. Both always return a new array.
 *
 * <p>Method 1 (zeros) cannot be removed unambiguously, so it has no {@code unpad}: it is used where the
 * length travels separately (DUKPT data encryption, the X9.19 retail MAC).
 */
public final class Padding {
    /** The single 1-bit that starts method-2 padding, as a byte. */
    private static final byte METHOD_2_MARKER = (byte) 0x80;

    private Padding() {}

    /**
     * Method 1: append as few zero bytes as make a positive multiple of the block size. Aligned data gets
     * nothing; empty data gets one whole block, because the standard asks for a positive multiple.
     */
    public static byte[] padMethod1(byte[] data, int blockBytes) {
        requireBlockSize(blockBytes);
        int paddedLength = Math.max(blockBytes, roundUp(data.length, blockBytes));
        return Arrays.copyOf(data, paddedLength);
    }

    /** Method 2: append 0x80, then as few zero bytes as make a multiple of the block size (always pads). */
    public static byte[] padMethod2(byte[] data, int blockBytes) {
        requireBlockSize(blockBytes);
        byte[] padded = Arrays.copyOf(data, roundUp(data.length + 1, blockBytes));
        padded[data.length] = METHOD_2_MARKER;
        return padded;
    }

    /**
     * Removes method-2 padding: trailing zeros within the last block, then exactly one 0x80.
     *
     * @throws PaddingException if the length is not a positive multiple of the block size or the last
     *     block does not end in 0x80 followed only by zeros
     */
    public static byte[] unpadMethod2(byte[] padded, int blockBytes) throws PaddingException {
        requireBlockSize(blockBytes);
        if (padded.length == 0 || padded.length % blockBytes != 0) {
            throw new PaddingException("padded data must be a positive multiple of " + blockBytes
                    + " bytes, got " + padded.length);
        }
        int lastBlockStart = padded.length - blockBytes;
        int marker = padded.length - 1;
        while (marker > lastBlockStart && padded[marker] == 0) {
            marker--;
        }
        if (padded[marker] != METHOD_2_MARKER) {
            throw new PaddingException("no 0x80 padding marker in the last " + blockBytes
                    + "-byte block (byte " + marker + " is neither 0x80 nor padding zero)");
        }
        return Arrays.copyOf(padded, marker);
    }

    private static int roundUp(int length, int blockBytes) {
        return (length + blockBytes - 1) / blockBytes * blockBytes;
    }

    private static void requireBlockSize(int blockBytes) {
        if (blockBytes <= 0) {
            throw new IllegalArgumentException("block size must be positive, got " + blockBytes);
        }
    }
}
