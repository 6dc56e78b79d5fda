package io.kessai.card;

/** The Luhn (mod 10) check of ISO/IEC 7812-1 Annex B, which every PAN carries in its last digit. */
public final class Luhn {
    private static final int RADIX = 10;

    private Luhn() {}

    /** True when every character is an ASCII digit, there is at least one, and the Luhn sum is 0 mod 10. */
    public static boolean isValid(CharSequence digits) {
        if (digits.length() == 0 || !allDigits(digits)) {
            return false;
        }
        return sum(digits, false) % RADIX == 0;
    }

    /**
     * The check digit (0–9) that makes {@code digitsWithoutCheck} followed by it Luhn-valid.
     *
     * @throws IllegalArgumentException when the input is empty or holds a non-digit
     */
    public static int checkDigit(CharSequence digitsWithoutCheck) {
        if (digitsWithoutCheck.length() == 0 || !allDigits(digitsWithoutCheck)) {
            throw new IllegalArgumentException("Luhn check digit needs one or more ASCII digits");
        }
        // The digit to be appended sits in an undoubled position, so the rightmost given digit is doubled.
        int sum = sum(digitsWithoutCheck, true);
        return (RADIX - sum % RADIX) % RADIX;
    }

    /** Luhn sum, doubling every second digit from the right; the rightmost is doubled when asked. */
    private static int sum(CharSequence digits, boolean doubleRightmost) {
        int sum = 0;
        boolean doubled = doubleRightmost;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit >= RADIX) {
                    digit -= RADIX - 1; // sum of the two digits of 10..18
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum;
    }

    static boolean allDigits(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** ASCII digit only: {@link Character#isDigit} also accepts other scripts' digits. */
    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
