package io.kessai.card;

/**
 * Longitudinal redundancy check of a magnetic-stripe track (ISO/IEC 7811): the XOR of the data
 * bits of every character from the start sentinel through the end sentinel inclusive, written
 * after the end sentinel as one more character.
 *
 * <p>Track 1 characters carry 6 data bits (value = ASCII − 0x20, so ' ' .. '_'), track 2
 * characters 4 (value = ASCII − 0x30, so '0' .. '?'). Parity bits exist only on the stripe.
 */
public final class Lrc {
    /** ASCII of the track 1 character whose 6-bit value is 0. */
    static final char TRACK1_BASE = 0x20;
    static final int TRACK1_VALUE_MASK = 0x3F;
    /** ASCII of the track 2 character whose 4-bit value is 0. */
    static final char TRACK2_BASE = 0x30;
    static final int TRACK2_VALUE_MASK = 0x0F;

    private Lrc() {}

    /**
     * The LRC character of a track 1 given from '%' through '?' inclusive.
     *
     * @throws CardDataException when a character is outside the track 1 set (' ' .. '_')
     */
    public static char track1(CharSequence startSentinelThroughEndSentinel) throws CardDataException {
        return compute(startSentinelThroughEndSentinel, TRACK1_BASE, TRACK1_VALUE_MASK, "track 1");
    }

    /**
     * The LRC character of a track 2 given from ';' through '?' inclusive.
     *
     * @throws CardDataException when a character is outside the track 2 set ('0' .. '?')
     */
    public static char track2(CharSequence startSentinelThroughEndSentinel) throws CardDataException {
        return compute(startSentinelThroughEndSentinel, TRACK2_BASE, TRACK2_VALUE_MASK, "track 2");
    }

    static boolean inTrack1Set(char c) {
        return inSet(c, TRACK1_BASE, TRACK1_VALUE_MASK);
    }

    static boolean inTrack2Set(char c) {
        return inSet(c, TRACK2_BASE, TRACK2_VALUE_MASK);
    }

    private static boolean inSet(char c, char base, int valueMask) {
        return c >= base && c <= base + valueMask;
    }

    private static char compute(CharSequence characters, char base, int valueMask, String track)
            throws CardDataException {
        int lrc = 0;
        for (int i = 0; i < characters.length(); i++) {
            char c = characters.charAt(i);
            if (!inSet(c, base, valueMask)) {
                throw new CardDataException("LRC: character " + Fields.describe(c) + " at offset " + i
                        + " is outside the " + track + " character set", i);
            }
            lrc ^= c - base;
        }
        return (char) (base + lrc);
    }
}
