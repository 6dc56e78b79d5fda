package io.kessai.iso8583;

/** Fixed length, or variable with a 2- or 3-digit length prefix. */
public enum LengthType {
    FIXED(0, 0),
    LLVAR(2, 99),
    LLLVAR(3, 999);

    private final int prefixDigits;
    private final int maxPrefixValue;

    LengthType(int prefixDigits, int maxPrefixValue) {
        this.prefixDigits = prefixDigits;
        this.maxPrefixValue = maxPrefixValue;
    }

    /** Number of decimal digits in the length prefix: 0, 2 or 3. */
    public int prefixDigits() {
        return prefixDigits;
    }

    /** The largest length the prefix can declare: 99 or 999 (0 for fixed fields). */
    public int maxPrefixValue() {
        return maxPrefixValue;
    }
}
