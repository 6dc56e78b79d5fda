package io.kessai.crypto.pin;

import java.util.function.IntUnaryOperator;

/**
 * The 16-nibble PIN field common to ISO 9564-1 formats 0, 3 and 4 (§9.3.1, §9.3.4, §9.4.2.2): control
 * nibble (the format number), PIN length N (4–12), N PIN digits, fill to the end of 8 bytes. Formats
 * differ only in the control value and the fill.
 */
final class PinField {
    static final int BYTES = 8;
    static final int NIBBLES = 16;
    static final int MIN_PIN_DIGITS = 4;
    static final int MAX_PIN_DIGITS = 12;

    private static final int CONTROL_NIBBLE = 0;
    private static final int LENGTH_NIBBLE = 1;
    static final int FIRST_DIGIT_NIBBLE = 2;
    private static final int MAX_DECIMAL_DIGIT = 9;

    /** Which fill nibbles a format allows. */
    enum Fill {
        /** Format 0: every fill nibble is F. */
        F(0xF, 0xF, "F"),
        /** Format 3: random fill from A to F. */
        A_TO_F(0xA, 0xF, "A–F"),
        /** Format 4: every fill nibble is A. */
        A(0xA, 0xA, "A");

        private final int lowest;
        private final int highest;
        private final String description;

        Fill(int lowest, int highest, String description) {
            this.lowest = lowest;
            this.highest = highest;
            this.description = description;
        }

        boolean allows(int nibble) {
            return nibble >= lowest && nibble <= highest;
        }

        String describe() {
            return description;
        }
    }

    private PinField() {}

    /**
     * Builds the 8-byte field. {@code fillNibble} gets the fill's index (0 for the first fill nibble) and
     * returns the nibble to put there.
     *
     * @throws IllegalArgumentException if the PIN is not 4–12 decimal digits (the message has no digits)
     */
    static byte[] encode(int control, char[] pin, IntUnaryOperator fillNibble) {
        requireValidPin(pin);
        byte[] field = new byte[BYTES];
        Nibbles.set(field, CONTROL_NIBBLE, control);
        Nibbles.set(field, LENGTH_NIBBLE, pin.length);
        for (int i = 0; i < pin.length; i++) {
            Nibbles.set(field, FIRST_DIGIT_NIBBLE + i, pin[i] - '0');
        }
        for (int at = FIRST_DIGIT_NIBBLE + pin.length; at < NIBBLES; at++) {
            Nibbles.set(field, at, fillNibble.applyAsInt(at - FIRST_DIGIT_NIBBLE - pin.length));
        }
        return field;
    }

    /**
     * Reads the PIN out of the first 8 bytes of {@code field}, checking every nibble.
     *
     * @throws PinBlockException naming the first nibble that breaks the format's rules
     */
    static char[] decode(byte[] field, int control, Fill fill) throws PinBlockException {
        if (Nibbles.get(field, CONTROL_NIBBLE) != control) {
            throw new PinBlockException("nibble " + CONTROL_NIBBLE + ": control field is not " + control
                    + " (not an ISO format " + control + " PIN block, or wrong key or PAN)");
        }
        int length = Nibbles.get(field, LENGTH_NIBBLE);
        if (length < MIN_PIN_DIGITS || length > MAX_PIN_DIGITS) {
            throw new PinBlockException("nibble " + LENGTH_NIBBLE + ": PIN length is outside "
                    + MIN_PIN_DIGITS + "–" + MAX_PIN_DIGITS);
        }
        for (int at = FIRST_DIGIT_NIBBLE; at < FIRST_DIGIT_NIBBLE + length; at++) {
            if (Nibbles.get(field, at) > MAX_DECIMAL_DIGIT) {
                throw new PinBlockException("nibble " + at + ": PIN digit is not 0–9");
            }
        }
        for (int at = FIRST_DIGIT_NIBBLE + length; at < NIBBLES; at++) {
            if (!fill.allows(Nibbles.get(field, at))) {
                throw new PinBlockException("nibble " + at + ": fill is not " + fill.describe());
            }
        }
        char[] pin = new char[length];
        for (int i = 0; i < length; i++) {
            pin[i] = (char) ('0' + Nibbles.get(field, FIRST_DIGIT_NIBBLE + i));
        }
        return pin;
    }

    private static void requireValidPin(char[] pin) {
        if (pin == null) {
            throw new IllegalArgumentException("PIN is missing");
        }
        if (pin.length < MIN_PIN_DIGITS || pin.length > MAX_PIN_DIGITS) {
            throw new IllegalArgumentException("PIN must be " + MIN_PIN_DIGITS + "–" + MAX_PIN_DIGITS
                    + " digits, got " + pin.length);
        }
        for (int i = 0; i < pin.length; i++) {
            if (pin[i] < '0' || pin[i] > '9') {
                throw new IllegalArgumentException("PIN character " + i + " is not a digit 0–9");
            }
        }
    }
}
