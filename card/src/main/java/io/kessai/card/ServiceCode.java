package io.kessai.card;

/**
 * The three-digit service code of a magnetic stripe (ISO/IEC 7813): where the card may be used,
 * how it is authorized, which services it allows and when a PIN is needed.
 *
 * <p>Digit values ISO/IEC 7813 leaves reserved are refused: a terminal cannot honour a rule it
 * does not know, so such a track is treated as a bad read.
 */
public final class ServiceCode {
    public static final int LENGTH = 3;

    /** Digit 1: where the card may be used (interchange) and whether it carries a chip. */
    public enum Interchange {
        INTERNATIONAL, NATIONAL, PRIVATE, TEST
    }

    /** Digit 2: how a transaction is authorized. */
    public enum Authorization {
        /** 0: normal rules. */
        NORMAL,
        /** 2: always online with the issuer. */
        ONLINE_BY_ISSUER,
        /** 4: online with the issuer, except under bilateral agreement. */
        ONLINE_BY_ISSUER_EXCEPT_BILATERAL
    }

    /** Digit 3: which services the card may be used for. */
    public enum Services {
        NO_RESTRICTIONS, GOODS_AND_SERVICES_ONLY, ATM_ONLY, CASH_ONLY
    }

    private final String digits;

    private ServiceCode(String digits) {
        this.digits = digits;
    }

    /** Parses exactly three digits with values ISO/IEC 7813 defines. */
    public static ServiceCode parse(String digits) throws CardDataException {
        if (digits.length() != LENGTH) {
            throw new CardDataException("service code must be 3 digits, got " + digits.length() + " characters");
        }
        return parse(digits, 0, digits.length(), "");
    }

    /**
     * Parses the three digits at {@code source[from]} (input ends at {@code to}); offsets are in
     * {@code source}, and a non-empty {@code context} ("track 2") starts each message.
     */
    static ServiceCode parse(CharSequence source, int from, int to, String context) throws CardDataException {
        String field = context.isEmpty() ? "service code" : context + ": service code";
        Fields.requireDigits(source, from, to, LENGTH, field);
        String code = source.subSequence(from, from + LENGTH).toString();
        String where = field + " digit ";
        if (interchangeOf(code.charAt(0)) == null) {
            throw new CardDataException(where + "1 '" + code.charAt(0) + "' at offset " + from
                    + " is reserved (defined: 1, 2, 5, 6, 7, 9)", from);
        }
        if (authorizationOf(code.charAt(1)) == null) {
            throw new CardDataException(where + "2 '" + code.charAt(1) + "' at offset " + (from + 1)
                    + " is reserved (defined: 0, 2, 4)", from + 1);
        }
        if (servicesOf(code.charAt(2)) == null) {
            throw new CardDataException(where + "3 '" + code.charAt(2) + "' at offset " + (from + 2)
                    + " is reserved (defined: 0-7)", from + 2);
        }
        return new ServiceCode(code);
    }

    public String digits() {
        return digits;
    }

    public Interchange interchange() {
        return interchangeOf(digits.charAt(0));
    }

    /** Digit 1 is 1 or 2: valid for international interchange. */
    public boolean international() {
        return interchange() == Interchange.INTERNATIONAL;
    }

    /**
     * Digit 1 is 2 or 6: the card has a chip, which a chip-capable terminal must use. A swipe of
     * such a card is a fallback (DE 22 = 80x).
     */
    public boolean hasChip() {
        char first = digits.charAt(0);
        return first == '2' || first == '6';
    }

    public Authorization authorization() {
        return authorizationOf(digits.charAt(1));
    }

    /** Digit 3 is 0, 3 or 5: a PIN is required. */
    public boolean pinRequired() {
        char third = digits.charAt(2);
        return third == '0' || third == '3' || third == '5';
    }

    /** Digit 3 is 6 or 7: ask for a PIN when the terminal has a PIN pad. */
    public boolean pinWhenFeasible() {
        char third = digits.charAt(2);
        return third == '6' || third == '7';
    }

    public Services allowedServices() {
        return servicesOf(digits.charAt(2));
    }

    /** One line of English for the three digits, e.g. for a console or a decline reason. */
    public String describe() {
        return describeFirst() + "; " + describeSecond() + "; " + describeThird();
    }

    private String describeFirst() {
        return switch (digits.charAt(0)) {
            case '1' -> "international interchange";
            case '2' -> "international interchange, chip card (use the chip where feasible)";
            case '5' -> "national interchange only";
            case '6' -> "national interchange only, chip card (use the chip where feasible)";
            case '7' -> "no general interchange (private, bilateral agreement only)";
            case '9' -> "test card";
            default -> throw new AssertionError("parse() refuses service code digit 1 " + digits.charAt(0));
        };
    }

    private String describeSecond() {
        return switch (authorization()) {
            case NORMAL -> "normal authorization";
            case ONLINE_BY_ISSUER -> "authorize online by the issuer";
            case ONLINE_BY_ISSUER_EXCEPT_BILATERAL -> "authorize online by the issuer except under bilateral agreement";
        };
    }

    private String describeThird() {
        return switch (digits.charAt(2)) {
            case '0' -> "no restrictions, PIN required";
            case '1' -> "no restrictions";
            case '2' -> "goods and services only";
            case '3' -> "ATM only, PIN required";
            case '4' -> "cash only";
            case '5' -> "goods and services only, PIN required";
            case '6' -> "no restrictions, PIN when feasible";
            case '7' -> "goods and services only, PIN when feasible";
            default -> throw new AssertionError("parse() refuses service code digit 3 " + digits.charAt(2));
        };
    }

    /** Null for a reserved digit. */
    private static Interchange interchangeOf(char digit) {
        return switch (digit) {
            case '1', '2' -> Interchange.INTERNATIONAL;
            case '5', '6' -> Interchange.NATIONAL;
            case '7' -> Interchange.PRIVATE;
            case '9' -> Interchange.TEST;
            default -> null;
        };
    }

    /** Null for a reserved digit. */
    private static Authorization authorizationOf(char digit) {
        return switch (digit) {
            case '0' -> Authorization.NORMAL;
            case '2' -> Authorization.ONLINE_BY_ISSUER;
            case '4' -> Authorization.ONLINE_BY_ISSUER_EXCEPT_BILATERAL;
            default -> null;
        };
    }

    /** Null for a reserved digit. */
    private static Services servicesOf(char digit) {
        return switch (digit) {
            case '0', '1', '6' -> Services.NO_RESTRICTIONS;
            case '2', '5', '7' -> Services.GOODS_AND_SERVICES_ONLY;
            case '3' -> Services.ATM_ONLY;
            case '4' -> Services.CASH_ONLY;
            default -> null;
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServiceCode that && that.digits.equals(digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }

    /** The three digits: a service code is not secret. */
    @Override
    public String toString() {
        return digits;
    }
}
