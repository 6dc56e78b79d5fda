package io.kessai.card;

/**
 * Upper-case hexadecimal, the form every Kessai tool prints and accepts.
 *
 * <p>Decoding is strict: an odd length or a non-hex character is refused with the position named,
 * because a silently dropped nibble in a key or a KSN produces a wrong key, not an error.
 */
public final class Hex {
    private static final char[] DIGITS = "0123456789ABCDEF".toCharArray();

    private Hex() {}

    public static String encode(byte[] bytes) {
        return encode(bytes, 0, bytes.length);
    }

    public static String encode(byte[] bytes, int offset, int length) {
        char[] out = new char[length * 2];
        for (int i = 0; i < length; i++) {
            int b = bytes[offset + i] & 0xFF;
            out[2 * i] = DIGITS[b >>> 4];
            out[2 * i + 1] = DIGITS[b & 0x0F];
        }
        return new String(out);
    }

    /**
     * Decodes hex (either case). Spaces are not allowed: a value is one token.
     *
     * @throws IllegalArgumentException naming the first bad position
     */
    public static byte[] decode(CharSequence hex) {
        if (hex.length() % 2 != 0) {
            throw new IllegalArgumentException("hex has an odd number of digits (" + hex.length() + ")");
        }
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = nibble(hex, 2 * i);
            int lo = nibble(hex, 2 * i + 1);
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    public static boolean isHex(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int nibble(CharSequence hex, int position) {
        int value = Character.digit(hex.charAt(position), 16);
        if (value < 0) {
            throw new IllegalArgumentException(
                    "not a hex digit at position " + position + ": '" + hex.charAt(position) + "'");
        }
        return value;
    }
}
