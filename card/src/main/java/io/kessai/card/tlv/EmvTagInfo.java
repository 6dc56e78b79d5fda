package io.kessai.card.tlv;

/**
 * What EMV (Book 3 Annex A; Contactless Book C-2 for 56 and 9F6B) says about one tag.
 *
 * @param minLengthBytes smallest value length allowed
 * @param maxLengthBytes largest value length allowed
 * @param sensitive the value is cardholder or sensitive authentication data (PAN, track, name):
 *     never printed, never logged
 */
public record EmvTagInfo(TlvTag tag, String name, Format format, int minLengthBytes, int maxLengthBytes,
        boolean sensitive) {

    /** EMV data element formats (Book 3, section 4.3). */
    public enum Format {
        /** b: binary. */
        BINARY,
        /** n: BCD digits, right-aligned, left-padded with 0. */
        NUMERIC,
        /** cn: BCD digits, left-aligned, right-padded with hex F. */
        COMPRESSED_NUMERIC,
        /** an: alphanumeric ASCII. */
        ALPHANUMERIC,
        /** ans: alphanumeric and special ASCII characters. */
        ALPHANUMERIC_SPECIAL
    }

    public EmvTagInfo {
        if (minLengthBytes < 0 || maxLengthBytes < minLengthBytes) {
            throw new IllegalArgumentException("tag " + tag + ": bad length range " + minLengthBytes + ".."
                    + maxLengthBytes);
        }
    }

    /** "6" or "5 to 16", for messages. */
    String lengthRange() {
        return minLengthBytes == maxLengthBytes ? String.valueOf(minLengthBytes)
                : minLengthBytes + " to " + maxLengthBytes;
    }
}
