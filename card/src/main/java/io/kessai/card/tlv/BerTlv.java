package io.kessai.card.tlv;

import io.kessai.card.CardDataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * BER-TLV decoding and encoding as EMV Book 3 Annex B uses it (ISO/IEC 8825-1 subset).
 *
 * <p>Decoding rules:
 * <ul>
 *   <li>Tags of 1 to {@value TlvTag#MAX_BYTES} bytes; a constructed tag's value is decoded as
 *       TLV objects, at most {@value #MAX_NESTING_DEPTH} constructed levels deep.</li>
 *   <li>Lengths in short form ({@code 00}–{@code 7F}) or long form {@code 81}–{@code 84}, minimal
 *       or not ({@code 9C8100} is an empty 9C). The indefinite form {@code 80} is refused: EMV
 *       does not use it.</li>
 *   <li>{@code 00} bytes where a tag would start are skipped, at any level: EMV Book 3 Annex B
 *       allows them before, between and after objects (erased or padded records). {@code FF} is
 *       not skipped (ISO/IEC 7816-4 also calls it padding, but EMV does not, and proprietary
 *       templates such as {@code FF8101} start with it).</li>
 *   <li>Every object must end inside the data given; errors name the tag and the offset (a
 *       position in the array passed in).</li>
 * </ul>
 * Encoding writes minimal lengths and no padding, so decode → encode → decode gives equal objects.
 */
public final class BerTlv {
    public static final int MAX_NESTING_DEPTH = 16;
    /** Long-form lengths use at most this many bytes after the 8x byte (lengths up to 2^32 − 1). */
    public static final int MAX_LENGTH_BYTES = 4;
    private static final int PADDING = 0x00;
    private static final int LONG_FORM_BIT = 0x80;
    private static final int INDEFINITE_LENGTH = 0x80;
    private static final int LENGTH_BYTE_COUNT_MASK = 0x7F;
    private static final int MAX_SHORT_FORM_LENGTH = 0x7F;
    private static final int BYTE_MASK = 0xFF;
    private static final int BITS_PER_BYTE = 8;

    private BerTlv() {}

    public static List<Tlv> decode(byte[] data) throws CardDataException {
        return decode(data, 0, data.length);
    }

    /**
     * Decodes {@code data[offset, offset + length)}; offsets in errors are positions in {@code data}.
     *
     * @throws IndexOutOfBoundsException when the range is outside {@code data} (a programming error)
     */
    public static List<Tlv> decode(byte[] data, int offset, int length) throws CardDataException {
        Objects.checkFromIndexSize(offset, length, data.length);
        return decodeLevel(data, offset, offset + length, 0);
    }

    public static byte[] encode(List<Tlv> tlvs) {
        int length = 0;
        for (Tlv tlv : tlvs) {
            length = Math.addExact(length, tlv.encodedLength());
        }
        byte[] out = new byte[length];
        int at = 0;
        for (Tlv tlv : tlvs) {
            at = tlv.writeTo(out, at);
        }
        assert at == out.length;
        return out;
    }

    public static byte[] encode(Tlv tlv) {
        return encode(List.of(tlv));
    }

    /** The first object with {@code tag}, depth first through the list and everything nested in it. */
    public static Optional<Tlv> find(List<Tlv> tlvs, TlvTag tag) {
        for (Tlv tlv : tlvs) {
            Optional<Tlv> found = tlv.find(tag);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** @param depth how many constructed objects enclose {@code data[from, to)} */
    private static List<Tlv> decodeLevel(byte[] data, int from, int to, int depth) throws CardDataException {
        List<Tlv> out = new ArrayList<>();
        int at = from;
        while (at < to) {
            if ((data[at] & BYTE_MASK) == PADDING) {
                at++;
                continue;
            }
            int tagAt = at;
            TlvTag tag = readTag(data, at, to);
            at += tag.byteLength();
            int lengthAt = at;
            long declared = readLength(data, at, to, tag);
            at += lengthFieldBytesAt(data, lengthAt);
            int left = to - at;
            if (declared > left) {
                throw new CardDataException("TLV: tag " + tag + " declares length " + declared + ", only " + left
                        + (left == 1 ? " byte" : " bytes") + " left at offset " + at, at);
            }
            int valueEnd = at + (int) declared;
            if (tag.constructed()) {
                if (depth + 1 > MAX_NESTING_DEPTH) {
                    throw new CardDataException("TLV: constructed tag " + tag + " at offset " + tagAt
                            + " is nested deeper than " + MAX_NESTING_DEPTH + " levels", tagAt);
                }
                out.add(Tlv.constructed(tag, decodeLevel(data, at, valueEnd, depth + 1)));
            } else {
                out.add(Tlv.primitiveOwning(tag, Arrays.copyOfRange(data, at, valueEnd)));
            }
            at = valueEnd;
        }
        return out;
    }

    private static TlvTag readTag(byte[] data, int at, int to) throws CardDataException {
        int length = TlvTag.wellFormedLength(data, at, to);
        if (length == 0) {
            throw new CardDataException("TLV: tag at offset " + at + " is cut off: the data ends inside it", at);
        }
        if (length > TlvTag.MAX_BYTES) {
            throw new CardDataException("TLV: tag at offset " + at + " is " + length + " bytes long, at most "
                    + TlvTag.MAX_BYTES + " allowed", at);
        }
        return TlvTag.read(data, at, length);
    }

    /** The declared value length of the length field at {@code data[at]}, checked but not bounded. */
    private static long readLength(byte[] data, int at, int to, TlvTag tag) throws CardDataException {
        if (at >= to) {
            throw new CardDataException("TLV: tag " + tag + " has no length: the data ends at offset " + at, at);
        }
        int first = data[at] & BYTE_MASK;
        if ((first & LONG_FORM_BIT) == 0) {
            return first;
        }
        if (first == INDEFINITE_LENGTH) {
            throw new CardDataException("TLV: tag " + tag + " at offset " + at
                    + " uses the indefinite length form (80), which EMV does not allow", at);
        }
        int count = first & LENGTH_BYTE_COUNT_MASK;
        if (count > MAX_LENGTH_BYTES) {
            throw new CardDataException(String.format("TLV: tag %s length form %02X at offset %d needs %d length "
                    + "bytes, at most %d supported", tag, first, at, count, MAX_LENGTH_BYTES), at);
        }
        int left = to - at - 1;
        if (left < count) {
            throw new CardDataException("TLV: tag " + tag + " declares " + count + " length bytes at offset " + at
                    + ", only " + left + (left == 1 ? " byte" : " bytes") + " left", at);
        }
        long length = 0;
        for (int i = at + 1; i <= at + count; i++) {
            length = (length << BITS_PER_BYTE) | (data[i] & BYTE_MASK);
        }
        return length;
    }

    /** Bytes of the (already checked) length field at {@code data[at]}. */
    private static int lengthFieldBytesAt(byte[] data, int at) {
        int first = data[at] & BYTE_MASK;
        return (first & LONG_FORM_BIT) == 0 ? 1 : 1 + (first & LENGTH_BYTE_COUNT_MASK);
    }

    /** Bytes of the minimal length field for {@code length}. */
    static int lengthFieldBytes(int length) {
        assert length >= 0;
        if (length <= MAX_SHORT_FORM_LENGTH) {
            return 1;
        }
        int count = 1;
        while (count < Integer.BYTES && length >>> (count * BITS_PER_BYTE) != 0) {
            count++;
        }
        return 1 + count;
    }

    /** Writes the minimal length field for {@code length} at {@code out[at]}; returns the offset after it. */
    static int writeLength(int length, byte[] out, int at) {
        int fieldBytes = lengthFieldBytes(length);
        if (fieldBytes == 1) {
            out[at] = (byte) length;
            return at + 1;
        }
        int count = fieldBytes - 1;
        out[at] = (byte) (LONG_FORM_BIT | count);
        for (int i = 0; i < count; i++) {
            out[at + 1 + i] = (byte) (length >>> ((count - 1 - i) * BITS_PER_BYTE));
        }
        return at + fieldBytes;
    }
}
