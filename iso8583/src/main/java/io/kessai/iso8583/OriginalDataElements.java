package io.kessai.iso8583;

/**
 * DE 90 (n 42) of a reversal or an advice about an earlier message: which message it is about.
 * Layout: original MTI n4 ‖ original STAN n6 ‖ original DE 7 n10 ‖ original acquiring institution
 * ID n11 ‖ original forwarding institution ID n11; the IDs right-justified with leading zeros, all
 * zeros when the original had none.
 *
 * @param mti the original message's MTI, e.g. "0100"
 * @param stan the original DE 11
 * @param transmissionDateTime the original DE 7, MMDDhhmmss
 * @param acquiringInstitutionId the original DE 32, up to 11 digits ("" when absent); held, like
 *     every form of this record, right-justified in 11 digits so that equal IDs compare equal
 * @param forwardingInstitutionId the original DE 33, likewise
 */
public record OriginalDataElements(
        String mti, int stan, String transmissionDateTime, String acquiringInstitutionId,
        String forwardingInstitutionId) {

    static final int LENGTH = 42;
    private static final int STAN_DIGITS = 6;
    private static final int MAX_STAN = 999_999;
    private static final int DATE_TIME_DIGITS = 10;
    private static final int INSTITUTION_DIGITS = 11;
    private static final int DECIMAL_BASE = 10;

    public OriginalDataElements {
        if (!Mti.isValid(mti)) {
            throw new IllegalArgumentException("original MTI must be 4 digits");
        }
        if (stan < 0 || stan > MAX_STAN) {
            throw new IllegalArgumentException("original STAN must be 0.." + MAX_STAN);
        }
        requireDigits("original DE 7", transmissionDateTime, DATE_TIME_DIGITS, DATE_TIME_DIGITS);
        requireDigits("original DE 32", acquiringInstitutionId, 0, INSTITUTION_DIGITS);
        requireDigits("original DE 33", forwardingInstitutionId, 0, INSTITUTION_DIGITS);
        acquiringInstitutionId = zeroPadded(acquiringInstitutionId, INSTITUTION_DIGITS);
        forwardingInstitutionId = zeroPadded(forwardingInstitutionId, INSTITUTION_DIGITS);
    }

    /** What a reversal of {@code original} carries: its MTI, DE 11, DE 7, DE 32, DE 33. */
    public static OriginalDataElements of(IsoMessage original) {
        return new OriginalDataElements(
                original.mti(),
                original.stan(),
                original.get(DataElement.TRANSMISSION_DATE_TIME),
                valueOrEmpty(original, DataElement.ACQUIRING_INSTITUTION_ID),
                valueOrEmpty(original, DataElement.FORWARDING_INSTITUTION_ID));
    }

    /**
     * Reads DE 90.
     *
     * @throws IsoFormatException if it is not 42 digits or its MTI is not a valid MTI
     */
    public static OriginalDataElements parse(String de90) throws IsoFormatException {
        if (de90.length() != LENGTH) {
            throw new IsoFormatException("DE 90: " + de90.length() + " characters, needs " + LENGTH);
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = de90.charAt(i);
            if (c < '0' || c > '9') {
                throw new IsoFormatException("DE 90: non-digit " + Wire.describe(c) + " at index " + i);
            }
        }
        int at = 0;
        String mti = de90.substring(at, at += Mti.LENGTH);
        int stan = Integer.parseInt(de90, at, at += STAN_DIGITS, DECIMAL_BASE);
        String dateTime = de90.substring(at, at += DATE_TIME_DIGITS);
        String acquirer = de90.substring(at, at += INSTITUTION_DIGITS);
        String forwarder = de90.substring(at, at += INSTITUTION_DIGITS);
        assert at == LENGTH;
        return new OriginalDataElements(mti, stan, dateTime, acquirer, forwarder);
    }

    /** The 42 digits of DE 90. */
    public String format() {
        String out = mti + zeroPadded(Integer.toString(stan), STAN_DIGITS) + transmissionDateTime
                + acquiringInstitutionId + forwardingInstitutionId;
        assert out.length() == LENGTH;
        return out;
    }

    private static String valueOrEmpty(IsoMessage message, int field) {
        return message.hasField(field) ? message.get(field) : "";
    }

    private static String zeroPadded(String digits, int width) {
        return "0".repeat(width - digits.length()) + digits;
    }

    private static void requireDigits(String what, String value, int minLength, int maxLength) {
        if (value == null || value.length() < minLength || value.length() > maxLength) {
            throw new IllegalArgumentException(what + " must be " + minLength + ".." + maxLength + " digits");
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                throw new IllegalArgumentException(what + " must be digits");
            }
        }
    }
}
