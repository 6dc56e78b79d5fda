package io.kessai.issuer.ledger;

/**
 * DE 38 (an 6) of an approval, made from the approval's journal sequence number: the number times an
 * odd multiplier not divisible by 3, modulo 36^6, written in base 36. Multiplying by a number prime
 * to the modulus is a permutation, so codes are unique for the first 36^6 (2.18 billion) journal
 * entries, survive restarts with the journal, and do not read as a counter.
 */
public final class ApprovalCode {
    public static final int LENGTH = 6;
    private static final int RADIX = 36;
    private static final long MODULUS = 2_176_782_336L; // 36^6
    private static final long MULTIPLIER = 1_000_003L; // prime, so prime to 36^6 = 2^12 * 3^12
    private static final char[] DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

    private ApprovalCode() {}

    public static String forSeq(long seq) {
        if (seq < 1) {
            throw new IllegalArgumentException("journal sequence numbers start at 1");
        }
        // (36^6 - 1) * 1,000,003 < 2^63: the product cannot overflow.
        long value = (seq % MODULUS) * MULTIPLIER % MODULUS;
        char[] code = new char[LENGTH];
        for (int i = LENGTH - 1; i >= 0; i--) {
            code[i] = DIGITS[(int) (value % RADIX)];
            value /= RADIX;
        }
        assert value == 0;
        return new String(code);
    }
}
