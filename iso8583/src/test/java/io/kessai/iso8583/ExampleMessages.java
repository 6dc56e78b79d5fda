package io.kessai.iso8583;

import io.kessai.card.Hex;
import io.kessai.iso8583.kessai.AdditionalData;
import io.kessai.iso8583.kessai.JapanPaymentOptions;
import io.kessai.iso8583.kessai.PinBlockFormat;
import io.kessai.iso8583.kessai.SecurityControl;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One example message per MTI the Kessai dialect exchanges: the goldens, the j8583 oracle's input and
 * the examples of docs/protocol/iso8583.md. A ¥12,800 chip purchase at a Tokyo supermarket, paid in
 * 3 installments, its completion, its reversal, and the network management around it.
 */
final class ExampleMessages {
    static final String PAN = "4111111111111111";
    static final String TRACK_2 = "4111111111111111=28122011234500000";
    static final String TRANSMISSION = "1121063000";
    static final String ACQUIRER = "123456";
    static final String RRN = "532506000123";
    static final String TERMINAL = "TERM0001";
    static final String MERCHANT = "KESSAI000000001";
    /** Name 25, city 13, country 2: 40 characters, so nothing is padded. */
    static final String NAME_LOCATION = "KESSAI MART SHIBUYA      " + "TOKYO        " + "JP";
    static final String JPY = "392";
    /** A TDES-encrypted ISO 9564 format 0 block (X9.24-1 A.4 vector, counter 1). */
    static final byte[] PIN_BLOCK = Hex.decode("1B9C1845EB993A7A");
    /** A typical contact-chip ARQC set, 111 bytes. */
    static final byte[] ICC_DATA = Hex.decode(
            "9F2608C2C12B098F3DA6E3" + "9F270180" + "9F10120110A00003220000000000000000000000FF"
            + "9F3704BC1DF4A5" + "9F3602001C" + "950500000480009A032511219C0100"
            + "9F0206000000012800" + "5F2A020392" + "82021800" + "9F1A020392" + "9F3303E0F8C8"
            + "9F34034203009F3501228407A0000000031010");

    private ExampleMessages() {}

    /** Every example, keyed by a short name, in the order the docs show them. */
    static Map<String, IsoMessage> all(Dialect dialect) {
        Map<String, IsoMessage> examples = new LinkedHashMap<>();
        IsoMessage authorization = authorizationRequest(dialect);
        examples.put("0100 authorization request", authorization);
        examples.put("0110 authorization response", authorizationResponse(authorization));
        IsoMessage financial = financialRequest(dialect);
        examples.put("0200 financial request", financial);
        examples.put("0210 financial response", financial.createResponse().responseCode(ResponseCode.INCORRECT_PIN));
        IsoMessage completion = completionAdvice(dialect);
        examples.put("0220 completion advice", completion);
        examples.put("0230 completion advice response", completion.createResponse().responseCode(ResponseCode.APPROVED));
        IsoMessage reversal = reversal(dialect, Mti.REVERSAL_REQUEST, authorization);
        examples.put("0400 reversal request", reversal);
        examples.put("0410 reversal response", reversal.createResponse().responseCode(ResponseCode.APPROVED));
        IsoMessage reversalAdvice = reversal(dialect, Mti.REVERSAL_ADVICE, authorization);
        examples.put("0420 reversal advice", reversalAdvice);
        examples.put("0430 reversal advice response", reversalAdvice.createResponse().responseCode(ResponseCode.APPROVED));
        IsoMessage signOn = networkManagement(dialect, NetworkManagementCode.SIGN_ON, 201);
        examples.put("0800 sign-on", signOn);
        examples.put("0810 sign-on response", signOn.createResponse().responseCode(ResponseCode.APPROVED));
        examples.put("0800 sign-off", networkManagement(dialect, NetworkManagementCode.SIGN_OFF, 202));
        examples.put("0800 echo test", networkManagement(dialect, NetworkManagementCode.ECHO_TEST, 203));
        examples.put("0800 key change", keyChange(dialect));
        return examples;
    }

    static IsoMessage authorizationRequest(Dialect dialect) {
        IsoMessage message = dialect.newMessage(Mti.AUTHORIZATION_REQUEST)
                .set(DataElement.PAN, PAN)
                .set(DataElement.PROCESSING_CODE, "000000")
                .amountMinor(12_800)
                .set(DataElement.TRANSMISSION_DATE_TIME, TRANSMISSION)
                .stan(123)
                .set(DataElement.LOCAL_TIME, "153000")
                .set(DataElement.LOCAL_DATE, "1121")
                .set(DataElement.EXPIRATION_DATE, "2812")
                .set(DataElement.MERCHANT_TYPE, "5411")
                .set(DataElement.POS_ENTRY_MODE, "051")
                .set(DataElement.CARD_SEQUENCE_NUMBER, "001")
                .set(DataElement.POS_CONDITION_CODE, "00")
                .set(DataElement.ACQUIRING_INSTITUTION_ID, ACQUIRER)
                .set(DataElement.TRACK_2, TRACK_2)
                .set(DataElement.RETRIEVAL_REFERENCE_NUMBER, RRN)
                .set(DataElement.TERMINAL_ID, TERMINAL)
                .set(DataElement.CARD_ACCEPTOR_ID, MERCHANT)
                .set(DataElement.CARD_ACCEPTOR_NAME_LOCATION, NAME_LOCATION)
                .set(DataElement.CURRENCY_CODE_TRANSACTION, JPY)
                .set(DataElement.ICC_DATA, ICC_DATA.clone());
        AdditionalData additional = new AdditionalData();
        JapanPaymentOptions.installments(3).writeTo(additional);
        additional.writeTo(message);
        new SecurityControl(PinBlockFormat.ISO_0, 1).attach(message, PIN_BLOCK.clone());
        return message;
    }

    static IsoMessage authorizationResponse(IsoMessage request) {
        return request.createResponse()
                .set(DataElement.AUTHORIZATION_ID_RESPONSE, "A1B2C3")
                .responseCode(ResponseCode.APPROVED);
    }

    /** A debit card swiped, PIN entered: single-message purchase. */
    static IsoMessage financialRequest(Dialect dialect) {
        IsoMessage message = dialect.newMessage(Mti.FINANCIAL_REQUEST)
                .set(DataElement.PAN, "5350290149345177")
                .set(DataElement.PROCESSING_CODE, "000000")
                .amountMinor(3_980)
                .set(DataElement.TRANSMISSION_DATE_TIME, "1121063512")
                .stan(124)
                .set(DataElement.LOCAL_TIME, "153512")
                .set(DataElement.LOCAL_DATE, "1121")
                .set(DataElement.POS_ENTRY_MODE, "901")
                .set(DataElement.POS_CONDITION_CODE, "00")
                .set(DataElement.ACQUIRING_INSTITUTION_ID, ACQUIRER)
                .set(DataElement.TRACK_2, "5350290149345177=16042010000056700100")
                .set(DataElement.RETRIEVAL_REFERENCE_NUMBER, "532506000124")
                .set(DataElement.TERMINAL_ID, TERMINAL)
                .set(DataElement.CARD_ACCEPTOR_ID, MERCHANT)
                .set(DataElement.CURRENCY_CODE_TRANSACTION, JPY);
        new SecurityControl(PinBlockFormat.ISO_0, 1).attach(message, PIN_BLOCK.clone());
        return message;
    }

    /** The completion after an approval, with the cardholder's payment choice (seed 000 S809–S811). */
    static IsoMessage completionAdvice(Dialect dialect) {
        IsoMessage message = dialect.newMessage(Mti.FINANCIAL_ADVICE)
                .set(DataElement.PAN, PAN)
                .set(DataElement.PROCESSING_CODE, "000000")
                .amountMinor(12_800)
                .set(DataElement.TRANSMISSION_DATE_TIME, "1121063044")
                .stan(125)
                .set(DataElement.LOCAL_TIME, "153044")
                .set(DataElement.LOCAL_DATE, "1121")
                .set(DataElement.ACQUIRING_INSTITUTION_ID, ACQUIRER)
                .set(DataElement.RETRIEVAL_REFERENCE_NUMBER, RRN)
                .set(DataElement.AUTHORIZATION_ID_RESPONSE, "A1B2C3")
                .set(DataElement.TERMINAL_ID, TERMINAL)
                .set(DataElement.CARD_ACCEPTOR_ID, MERCHANT)
                .set(DataElement.CURRENCY_CODE_TRANSACTION, JPY);
        AdditionalData additional = new AdditionalData();
        JapanPaymentOptions.installments(3).writeTo(additional);
        additional.writeTo(message);
        return message;
    }

    /** A reversal of {@code original}: its own STAN, the original's identity in DE 90. */
    static IsoMessage reversal(Dialect dialect, String mti, IsoMessage original) {
        return dialect.newMessage(mti)
                .set(DataElement.PAN, original.get(DataElement.PAN))
                .set(DataElement.PROCESSING_CODE, original.get(DataElement.PROCESSING_CODE))
                .amountMinor(original.amountMinor())
                .set(DataElement.TRANSMISSION_DATE_TIME, "1121063100")
                .stan(126)
                .set(DataElement.LOCAL_TIME, "153100")
                .set(DataElement.LOCAL_DATE, "1121")
                .set(DataElement.ACQUIRING_INSTITUTION_ID, ACQUIRER)
                .set(DataElement.RETRIEVAL_REFERENCE_NUMBER, RRN)
                .set(DataElement.TERMINAL_ID, TERMINAL)
                .set(DataElement.CARD_ACCEPTOR_ID, MERCHANT)
                .set(DataElement.CURRENCY_CODE_TRANSACTION, JPY)
                .set(DataElement.ORIGINAL_DATA_ELEMENTS, OriginalDataElements.of(original).format());
    }

    static IsoMessage networkManagement(Dialect dialect, NetworkManagementCode code, int stan) {
        return dialect.newMessage(Mti.NETWORK_MANAGEMENT_REQUEST)
                .set(DataElement.TRANSMISSION_DATE_TIME, "1121060000")
                .stan(stan)
                .set(DataElement.NETWORK_MANAGEMENT_CODE, code.code());
    }

    /** A new AES zone PIN key, index 2, as a TR-31 key block (a made-up one: the layout is what counts). */
    static IsoMessage keyChange(Dialect dialect) {
        IsoMessage message = networkManagement(dialect, NetworkManagementCode.KEY_CHANGE, 204)
                .set(DataElement.SECURITY_CONTROL, new SecurityControl(PinBlockFormat.ISO_4, 2).format())
                .set(DataElement.KEY_MANAGEMENT_DATA,
                        "D0112P0AE00E0000" + "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF"
                                + "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF");
        return message;
    }
}
