package io.kessai.crypto.pin;

import java.util.Optional;

/** The PAN fields of ISO 9564-1 PIN blocks, and the checks a PAN must pass to build one. */
final class PanField {
    /** Formats 0 and 3 use the 12 rightmost PAN digits excluding the check digit (§9.3.1.3). */
    static final int ISO_0_3_PAN_DIGITS = 12;
    /** ISO/IEC 7812-1: at most 19 digits. */
    static final int MAX_PAN_DIGITS = 19;
    /** Formats 0 and 3 need 12 digits plus the check digit (REFERENCE §2, as psec checks). */
    static final int MIN_PAN_DIGITS_ISO_0_3 = ISO_0_3_PAN_DIGITS + 1;
    /** Format 4 takes any PAN from 1 digit: shorter than 12 is left-padded with zeros (§9.4.2.3). */
    static final int MIN_PAN_DIGITS_ISO_4 = 1;

    private static final int ISO_0_3_LEADING_ZERO_NIBBLES = 4;
    private static final int ISO_4_FIELD_BYTES = 16;
    private static final int ISO_4_PAN_START_NIBBLE = 1;

    private PanField() {}

    /** Why this PAN cannot be used, or empty if it can. Names lengths and positions, never digits. */
    static Optional<String> problem(String pan, int minDigits) {
        if (pan == null) {
            return Optional.of("PAN is missing");
        }
        if (pan.length() < minDigits || pan.length() > MAX_PAN_DIGITS) {
            return Optional.of("PAN must be " + minDigits + "–" + MAX_PAN_DIGITS
                    + " digits for this PIN block format, got " + pan.length());
        }
        for (int i = 0; i < pan.length(); i++) {
            if (pan.charAt(i) < '0' || pan.charAt(i) > '9') {
                return Optional.of("PAN character " + i + " is not a digit 0–9");
            }
        }
        return Optional.empty();
    }

    /** Formats 0 and 3: {@code 0000} ‖ the 12 rightmost digits before the check digit. PAN already checked. */
    static byte[] iso03(String pan) {
        byte[] field = new byte[PinField.BYTES];
        int firstDigit = pan.length() - 1 - ISO_0_3_PAN_DIGITS;
        for (int i = 0; i < ISO_0_3_PAN_DIGITS; i++) {
            Nibbles.set(field, ISO_0_3_LEADING_ZERO_NIBBLES + i, pan.charAt(firstDigit + i) - '0');
        }
        return field;
    }

    /**
     * Format 4: M ‖ PAN ‖ zeros to 32 nibbles, where M = PAN length − 12, and a PAN shorter than 12 digits
     * has M = 0 and is left-padded with zeros to 12. PAN already checked.
     */
    static byte[] iso4(String pan) {
        byte[] field = new byte[ISO_4_FIELD_BYTES];
        int lengthIndicator = Math.max(0, pan.length() - ISO_0_3_PAN_DIGITS);
        int leftPadding = Math.max(0, ISO_0_3_PAN_DIGITS - pan.length());
        Nibbles.set(field, 0, lengthIndicator);
        for (int i = 0; i < pan.length(); i++) {
            Nibbles.set(field, ISO_4_PAN_START_NIBBLE + leftPadding + i, pan.charAt(i) - '0');
        }
        return field;
    }
}
