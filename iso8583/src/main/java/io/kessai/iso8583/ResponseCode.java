package io.kessai.iso8583;

import java.util.Optional;

/** DE 39 response codes (ISO 8583:1987, an 2) that Kessai sends and understands. */
public enum ResponseCode {
    APPROVED("00", "Approved"),
    REFER_TO_CARD_ISSUER("01", "Refer to card issuer"),
    INVALID_MERCHANT("03", "Invalid merchant"),
    DO_NOT_HONOUR("05", "Do not honour"),
    INVALID_TRANSACTION("12", "Invalid transaction"),
    INVALID_AMOUNT("13", "Invalid amount"),
    INVALID_CARD_NUMBER("14", "Invalid card number"),
    FORMAT_ERROR("30", "Format error"),
    INSUFFICIENT_FUNDS("51", "Insufficient funds / over credit limit"),
    EXPIRED_CARD("54", "Expired card"),
    INCORRECT_PIN("55", "Incorrect PIN"),
    NOT_PERMITTED_TO_CARDHOLDER("57", "Transaction not permitted to cardholder"),
    EXCEEDS_AMOUNT_LIMIT("61", "Exceeds amount limit"),
    RESPONSE_RECEIVED_TOO_LATE("68", "Response received too late"),
    PIN_TRIES_EXCEEDED("75", "Allowable number of PIN tries exceeded"),
    ISSUER_INOPERATIVE("91", "Issuer or switch inoperative"),
    DUPLICATE_TRANSMISSION("94", "Duplicate transmission"),
    SYSTEM_MALFUNCTION("96", "System malfunction");

    private final String code;
    private final String meaning;

    ResponseCode(String code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The two characters of DE 39. */
    public String code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    public boolean isApproval() {
        return this == APPROVED;
    }

    /** The code for DE 39's value; empty for a code Kessai does not know (treat it as a decline). */
    public static Optional<ResponseCode> fromCode(String code) {
        for (ResponseCode candidate : values()) {
            if (candidate.code.equals(code)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
