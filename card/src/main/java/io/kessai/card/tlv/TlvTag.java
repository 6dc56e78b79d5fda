package io.kessai.card.tlv;

import io.kessai.card.Hex;

/**
 * A BER-TLV tag (ISO/IEC 8825-1 as EMV Book 3 Annex B uses it), 1 to {@value #MAX_BYTES} bytes,
 * held as the big-endian value of its bytes: tag {@code 9F02} is {@code 0x9F02}.
 *
 * <p>First byte: b8–b7 class, b6 constructed, b5–b1 {@code 11111} when more bytes follow. In
 * every following byte b8 = 1 means yet another byte follows. Tags longer than three bytes are
 * refused (ISO/IEC 7816-4 uses at most three), so a tag always fits an int. A first byte
 * {@code 00} is no tag: EMV uses it as padding between objects.
 */
public final class TlvTag {
    public static final int MAX_BYTES = 3;
    static final int CONSTRUCTED_BIT = 0x20;
    static final int TAG_NUMBER_MASK = 0x1F;
    /** b5–b1 all set in the first byte: the tag number continues in the following bytes. */
    static final int MORE_BYTES_FOLLOW = 0x1F;
    /** b8 of a following byte: yet another byte follows. */
    static final int CONTINUATION_BIT = 0x80;
    private static final int BYTE_MASK = 0xFF;
    private static final int BITS_PER_BYTE = 8;

    private final int value;
    private final int byteLength;

    private TlvTag(int value, int byteLength) {
        this.value = value;
        this.byteLength = byteLength;
    }

    /**
     * @param value the tag's bytes big-endian, e.g. {@code 0x9F02}
     * @throws IllegalArgumentException when the bytes are not one well-formed tag (a programming
     *     error: tags from outside come through {@link BerTlv#decode})
     */
    public static TlvTag of(int value) {
        if (value <= 0 || value >>> (MAX_BYTES * BITS_PER_BYTE) != 0) {
            throw new IllegalArgumentException(String.format("tag 0x%X is not 1 to %d bytes, first byte non-zero",
                    value, MAX_BYTES));
        }
        int byteLength = 1;
        while (value >>> (byteLength * BITS_PER_BYTE) != 0) {
            byteLength++;
        }
        byte[] bytes = new byte[byteLength];
        for (int i = 0; i < byteLength; i++) {
            bytes[i] = (byte) (value >>> ((byteLength - 1 - i) * BITS_PER_BYTE));
        }
        if (wellFormedLength(bytes, 0, byteLength) != byteLength) {
            throw new IllegalArgumentException("bytes " + Hex.encode(bytes) + " are not one BER-TLV tag");
        }
        return new TlvTag(value, byteLength);
    }

    /**
     * @param hex the tag's bytes in hex, e.g. "9F02"
     * @throws IllegalArgumentException for bad hex or bytes that are not one well-formed tag
     */
    public static TlvTag of(String hex) {
        byte[] bytes = Hex.decode(hex);
        if (bytes.length == 0 || bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("a tag has 1 to " + MAX_BYTES + " bytes, \"" + hex + "\" has "
                    + bytes.length);
        }
        int value = 0;
        for (byte b : bytes) {
            value = (value << BITS_PER_BYTE) | (b & BYTE_MASK);
        }
        if ((bytes[0] & BYTE_MASK) == 0) {
            throw new IllegalArgumentException("tag \"" + hex + "\" starts with byte 00 (EMV padding, not a tag)");
        }
        return of(value);
    }

    /**
     * Length of the tag starting at {@code data[from]} as its continuation bits say, without a
     * length limit: 0 when the data ends inside the tag. The caller checks the limit.
     */
    static int wellFormedLength(byte[] data, int from, int to) {
        if (from >= to) {
            return 0;
        }
        if ((data[from] & TAG_NUMBER_MASK) != MORE_BYTES_FOLLOW) {
            return 1;
        }
        int at = from + 1;
        while (at < to && (data[at] & CONTINUATION_BIT) != 0) {
            at++;
        }
        return at < to ? at - from + 1 : 0;
    }

    /** Reads a tag of {@code length} bytes the caller has checked with {@link #wellFormedLength}. */
    static TlvTag read(byte[] data, int from, int length) {
        assert length >= 1 && length <= MAX_BYTES && (data[from] & BYTE_MASK) != 0;
        int value = 0;
        for (int i = from; i < from + length; i++) {
            value = (value << BITS_PER_BYTE) | (data[i] & BYTE_MASK);
        }
        return new TlvTag(value, length);
    }

    /** Writes the tag's bytes at {@code out[at]}; returns the offset after them. */
    int writeTo(byte[] out, int at) {
        for (int i = 0; i < byteLength; i++) {
            out[at + i] = (byte) (value >>> ((byteLength - 1 - i) * BITS_PER_BYTE));
        }
        return at + byteLength;
    }

    /** The tag's bytes big-endian, e.g. {@code 0x9F02}. */
    public int value() {
        return value;
    }

    public int byteLength() {
        return byteLength;
    }

    /** b6 of the first byte: the value is a sequence of TLV objects. */
    public boolean constructed() {
        int firstByte = value >>> ((byteLength - 1) * BITS_PER_BYTE);
        return (firstByte & CONSTRUCTED_BIT) != 0;
    }

    /** Upper-case hex of the tag's bytes, e.g. "9F02". */
    public String hex() {
        byte[] bytes = new byte[byteLength];
        writeTo(bytes, 0);
        return Hex.encode(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TlvTag that && that.value == value;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(value);
    }

    /** The tag in hex, e.g. "9F02". */
    @Override
    public String toString() {
        return hex();
    }
}
