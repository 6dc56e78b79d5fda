package io.kessai.crypto.dukpt;

/**
 * The transaction-counter rules of one DUKPT variant: a counter is never 0 (that is the initial key's
 * own position), fits the counter's width, and has no more one-bits than devices derive keys for
 * (X9.24-1:2009 Annex A: 10 of 21 bits; X9.24-3-2017 §6.1: 16 of 32 bits).
 *
 * @param variant name used in messages, e.g. "AES DUKPT"
 */
record CounterLayout(String variant, int counterBits, int maxOneBits) {
    private static final int BITS_PER_HEX_DIGIT = 4;

    void requireValid(long counter) throws DukptException {
        if (counter == 0) {
            throw new DukptException("KSN counter is 0; " + variant
                    + " counters start at 1 (0 is the initial key itself)");
        }
        if (counter < 0 || counter >>> counterBits != 0) {
            throw new DukptException("KSN counter " + counter + " does not fit the " + counterBits + "-bit "
                    + variant + " counter");
        }
        int oneBits = Long.bitCount(counter);
        if (oneBits > maxOneBits) {
            throw new DukptException("KSN counter " + hex(counter) + " has " + oneBits + " one-bits; "
                    + variant + " allows at most " + maxOneBits);
        }
    }

    /** The first value past the counter's width: where a device is exhausted. */
    long end() {
        return 1L << counterBits;
    }

    /** A counter as {@code 0x} and as many hex digits as the width needs, e.g. {@code 0x0001FFFF}. */
    String hex(long counter) {
        int digits = (counterBits + BITS_PER_HEX_DIGIT - 1) / BITS_PER_HEX_DIGIT;
        return String.format("0x%0" + digits + "X", counter);
    }
}
