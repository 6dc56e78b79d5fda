package io.kessai.iso8583;

/** Message type indicators of ISO 8583:1987 (version digit 0) that Kessai exchanges. */
public final class Mti {
    public static final String AUTHORIZATION_REQUEST = "0100";
    public static final String AUTHORIZATION_RESPONSE = "0110";
    public static final String FINANCIAL_REQUEST = "0200";
    public static final String FINANCIAL_RESPONSE = "0210";
    public static final String FINANCIAL_ADVICE = "0220";
    public static final String FINANCIAL_ADVICE_RESPONSE = "0230";
    public static final String REVERSAL_REQUEST = "0400";
    public static final String REVERSAL_RESPONSE = "0410";
    public static final String REVERSAL_ADVICE = "0420";
    public static final String REVERSAL_ADVICE_RESPONSE = "0430";
    public static final String NETWORK_MANAGEMENT_REQUEST = "0800";
    public static final String NETWORK_MANAGEMENT_RESPONSE = "0810";

    static final int LENGTH = 4;

    /** Position of the message-function digit: 0 request, 1 response, 2 advice, 3 advice response. */
    private static final int FUNCTION_POSITION = 2;

    /** Position of the origin digit: 0 acquirer, 1 acquirer repeat, 2 issuer, 3 issuer repeat. */
    private static final int ORIGIN_POSITION = 3;

    private static final int REPEAT_BIT = 1;

    private static final int DECIMAL_BASE = 10;

    private Mti() {}

    /**
     * The MTI of four ASCII digits the caller has checked at {@code wire[at]}; the constants above
     * are shared rather than allocated for every decoded message.
     */
    static String of(byte[] wire, int at) {
        int value = 0;
        for (int i = at; i < at + LENGTH; i++) {
            value = value * DECIMAL_BASE + (wire[i] - '0');
        }
        return switch (value) {
            case 100 -> AUTHORIZATION_REQUEST;
            case 110 -> AUTHORIZATION_RESPONSE;
            case 200 -> FINANCIAL_REQUEST;
            case 210 -> FINANCIAL_RESPONSE;
            case 220 -> FINANCIAL_ADVICE;
            case 230 -> FINANCIAL_ADVICE_RESPONSE;
            case 400 -> REVERSAL_REQUEST;
            case 410 -> REVERSAL_RESPONSE;
            case 420 -> REVERSAL_ADVICE;
            case 430 -> REVERSAL_ADVICE_RESPONSE;
            case 800 -> NETWORK_MANAGEMENT_REQUEST;
            case 810 -> NETWORK_MANAGEMENT_RESPONSE;
            default -> new String(wire, at, LENGTH, java.nio.charset.StandardCharsets.US_ASCII);
        };
    }

    /** True for exactly four ASCII digits. */
    public static boolean isValid(String mti) {
        if (mti == null || mti.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = mti.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** A request or an advice (function digit 0 or 2): something that is answered. */
    public static boolean expectsResponse(String mti) {
        if (!isValid(mti)) {
            return false;
        }
        char function = mti.charAt(FUNCTION_POSITION);
        return function == '0' || function == '2';
    }

    /**
     * The MTI of the answer: function digit + 1, as 0100 → 0110, 0220 → 0230, 0420 → 0430, 0800 → 0810.
     * A repeat is answered like the original (origin digit 1 → 0, 3 → 2): 0221 → 0230.
     *
     * @throws IllegalArgumentException if {@code mti} is not a request or an advice
     */
    public static String responseTo(String mti) {
        if (!expectsResponse(mti)) {
            throw new IllegalArgumentException("MTI '" + mti + "' is not a request or an advice");
        }
        char[] digits = mti.toCharArray();
        digits[FUNCTION_POSITION]++;
        digits[ORIGIN_POSITION] = (char) ('0' + ((digits[ORIGIN_POSITION] - '0') & ~REPEAT_BIT));
        return new String(digits);
    }
}
