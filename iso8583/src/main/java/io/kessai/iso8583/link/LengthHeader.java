package io.kessai.iso8583.link;

/**
 * The length prefix in front of every message on the TCP stream (REFERENCE §4.5). The length counts
 * the message bytes only, never the header itself.
 *
 * <pre>
 *   BINARY_2  2 bytes, unsigned big-endian      300 bytes → 01 2C
 *   BCD_2     2 bytes, 4 packed decimal digits  300 bytes → 03 00
 *   ASCII_4   4 ASCII decimal digits            300 bytes → 30 33 30 30 ("0300")
 * </pre>
 */
public enum LengthHeader {
    BINARY_2(2, 0xFFFF) {
        @Override
        void write(int length, byte[] target, int offset) {
            target[offset] = (byte) (length >>> BITS_PER_BYTE);
            target[offset + 1] = (byte) length;
        }

        @Override
        int read(byte[] source, int offset) {
            return ((source[offset] & BYTE_MASK) << BITS_PER_BYTE) | (source[offset + 1] & BYTE_MASK);
        }
    },
    BCD_2(2, 9_999) {
        @Override
        void write(int length, byte[] target, int offset) {
            int high = length / HUNDRED;
            int low = length % HUNDRED;
            target[offset] = (byte) (((high / TEN) << NIBBLE_BITS) | (high % TEN));
            target[offset + 1] = (byte) (((low / TEN) << NIBBLE_BITS) | (low % TEN));
        }

        @Override
        int read(byte[] source, int offset) throws LinkProtocolException {
            int length = 0;
            for (int i = 0; i < 2; i++) {
                int packed = source[offset + i] & BYTE_MASK;
                int highDigit = packed >>> NIBBLE_BITS;
                int lowDigit = packed & NIBBLE_MASK;
                if (highDigit >= TEN || lowDigit >= TEN) {
                    throw new LinkProtocolException("BCD_2 length header: byte " + (i + 1) + " is 0x"
                            + hex(packed) + ", not two decimal digits");
                }
                length = length * HUNDRED + highDigit * TEN + lowDigit;
            }
            return length;
        }
    },
    ASCII_4(4, 9_999) {
        @Override
        void write(int length, byte[] target, int offset) {
            int rest = length;
            for (int i = ASCII_DIGITS - 1; i >= 0; i--) {
                target[offset + i] = (byte) ('0' + rest % TEN);
                rest /= TEN;
            }
            assert rest == 0 : "length wider than four digits";
        }

        @Override
        int read(byte[] source, int offset) throws LinkProtocolException {
            int length = 0;
            for (int i = 0; i < ASCII_DIGITS; i++) {
                int digit = (source[offset + i] & BYTE_MASK) - '0';
                if (digit < 0 || digit >= TEN) {
                    throw new LinkProtocolException("ASCII_4 length header: byte " + (i + 1) + " is 0x"
                            + hex(source[offset + i] & BYTE_MASK) + ", not an ASCII digit");
                }
                length = length * TEN + digit;
            }
            return length;
        }
    };

    private static final int BYTE_MASK = 0xFF;
    private static final int BITS_PER_BYTE = 8;
    private static final int NIBBLE_BITS = 4;
    private static final int NIBBLE_MASK = 0x0F;
    private static final int TEN = 10;
    private static final int HUNDRED = 100;
    private static final int ASCII_DIGITS = 4;
    private static final String HEX_DIGITS = "0123456789ABCDEF";

    private final int headerBytes;
    private final int maxLength;

    LengthHeader(int headerBytes, int maxLength) {
        this.headerBytes = headerBytes;
        this.maxLength = maxLength;
    }

    /** Size of the header on the wire. */
    public int headerBytes() {
        return headerBytes;
    }

    /** Largest message length the header can express. */
    public int maxLength() {
        return maxLength;
    }

    /** The header for a message of {@code length} bytes. */
    public byte[] encode(int length) {
        if (length < 0 || length > maxLength) {
            throw new IllegalArgumentException(name() + " cannot express length " + length + " (0.." + maxLength + ")");
        }
        byte[] header = new byte[headerBytes];
        write(length, header, 0);
        return header;
    }

    /** Writes the header for {@code length} (already checked to be 0..maxLength) at {@code offset}. */
    abstract void write(int length, byte[] target, int offset);

    /** The length in the header at {@code offset}; {@code headerBytes()} bytes must be there. */
    abstract int read(byte[] source, int offset) throws LinkProtocolException;

    private static String hex(int unsignedByte) {
        return "" + HEX_DIGITS.charAt(unsignedByte >>> NIBBLE_BITS) + HEX_DIGITS.charAt(unsignedByte & NIBBLE_MASK);
    }
}
