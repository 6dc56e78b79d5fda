package io.kessai.center.flow;

import java.security.SecureRandom;

/**
 * Payment identifiers: {@code pay_} and 26 base-32 characters of 128 random bits. Unguessable on
 * purpose: on the terminal API the ID is what lets the phone answer the additional items.
 */
public final class PaymentIds {
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final int RANDOM_BYTES = 16;
    private static final int BITS_PER_CHAR = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PaymentIds() {}

    public static String next() {
        return next("pay_");
    }

    /** An ID of another kind of record ({@code wal_}, {@code wpr_}, …), built the same way. */
    public static String next(String prefix) {
        byte[] random = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(random);
        StringBuilder id = new StringBuilder(prefix);
        int buffer = 0;
        int bits = 0;
        for (byte b : random) {
            buffer = (buffer << Byte.SIZE) | (b & 0xFF);
            bits += Byte.SIZE;
            while (bits >= BITS_PER_CHAR) {
                bits -= BITS_PER_CHAR;
                id.append(ALPHABET[(buffer >>> bits) & 0x1F]);
            }
        }
        if (bits > 0) {
            id.append(ALPHABET[(buffer << (BITS_PER_CHAR - bits)) & 0x1F]);
        }
        return id.toString();
    }
}
