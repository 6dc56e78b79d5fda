package io.kessai.issuer;

import io.kessai.crypto.pin.PinBlocks;
import io.kessai.iso8583.DataElement;
import io.kessai.iso8583.Dialects;
import io.kessai.iso8583.IsoMessage;
import io.kessai.iso8583.Mti;
import io.kessai.iso8583.OriginalDataElements;
import io.kessai.iso8583.kessai.PinBlockFormat;
import io.kessai.iso8583.kessai.SecurityControl;

/**
 * Builds the requests a center sends, as the Kessai dialect carries them. Each new request gets the
 * next STAN and a transmission time made from it, so keys never collide by accident.
 */
final class Requests {
    static final String TERMINAL = "TERM0001";
    static final String ACQUIRER = "123456";
    private int stan;

    int nextStan() {
        return ++stan;
    }

    IsoMessage authorization(String pan, long amountMinor) {
        return card(Mti.AUTHORIZATION_REQUEST, pan, amountMinor);
    }

    IsoMessage financial(String pan, long amountMinor) {
        return card(Mti.FINANCIAL_REQUEST, pan, amountMinor);
    }

    private IsoMessage card(String mti, String pan, long amountMinor) {
        int trace = nextStan();
        return Dialects.kessai().newMessage(mti)
                .set(DataElement.PAN, pan)
                .set(DataElement.PROCESSING_CODE, "000000")
                .amountMinor(amountMinor)
                .set(DataElement.TRANSMISSION_DATE_TIME, transmission(trace))
                .stan(trace)
                .set(DataElement.ACQUIRING_INSTITUTION_ID, ACQUIRER)
                .set(DataElement.RETRIEVAL_REFERENCE_NUMBER, String.format("601500%06d", trace))
                .set(DataElement.TERMINAL_ID, TERMINAL)
                .set(DataElement.CARD_ACCEPTOR_ID, "MERCHANT0000001")
                .set(DataElement.CURRENCY_CODE_TRANSACTION, TestCards.JPY);
    }

    /** Adds an ISO 9564 format 0 PIN block under the test zone PIN key, as the center's HSM would. */
    static IsoMessage withPin(IsoMessage request, String pin) {
        String pan = request.get(DataElement.PAN);
        byte[] clear = PinBlocks.encodeIso0(pin.toCharArray(), pan);
        new SecurityControl(PinBlockFormat.ISO_0, 0).attach(request, PinBlocks.encipherTdes(TestCards.ZPK, clear));
        return request;
    }

    /** A 0220 completion of {@code original} at {@code finalAmountMinor}, naming it by DE 90. */
    IsoMessage completion(IsoMessage original, long finalAmountMinor) {
        return followUp(Mti.FINANCIAL_ADVICE, original).amountMinor(finalAmountMinor);
    }

    /** A 0400 reversal of {@code original}: its own STAN, the original in DE 90. */
    IsoMessage reversal(IsoMessage original) {
        return followUp(Mti.REVERSAL_REQUEST, original).amountMinor(original.amountMinor());
    }

    IsoMessage reversalAdvice(IsoMessage original) {
        return followUp(Mti.REVERSAL_ADVICE, original).amountMinor(original.amountMinor());
    }

    private IsoMessage followUp(String mti, IsoMessage original) {
        int trace = nextStan();
        return Dialects.kessai().newMessage(mti)
                .set(DataElement.PAN, original.get(DataElement.PAN))
                .set(DataElement.PROCESSING_CODE, "000000")
                .set(DataElement.TRANSMISSION_DATE_TIME, transmission(trace))
                .stan(trace)
                .set(DataElement.ACQUIRING_INSTITUTION_ID, ACQUIRER)
                .set(DataElement.RETRIEVAL_REFERENCE_NUMBER, original.get(DataElement.RETRIEVAL_REFERENCE_NUMBER))
                .set(DataElement.TERMINAL_ID, TERMINAL)
                .set(DataElement.CURRENCY_CODE_TRANSACTION, TestCards.JPY)
                .set(DataElement.ORIGINAL_DATA_ELEMENTS, OriginalDataElements.of(original).format());
    }

    IsoMessage networkManagement(String code) {
        int trace = nextStan();
        return Dialects.kessai().newMessage(Mti.NETWORK_MANAGEMENT_REQUEST)
                .set(DataElement.TRANSMISSION_DATE_TIME, transmission(trace))
                .stan(trace)
                .set(DataElement.NETWORK_MANAGEMENT_CODE, code);
    }

    /** A copy of a message (same fields), for re-sends. */
    static IsoMessage copy(IsoMessage message) throws Exception {
        return Dialects.kessai().decode(message.encode());
    }

    /** MMDDhhmmss in January, seconds from the STAN, so each STAN has its own DE 7. */
    private static String transmission(int trace) {
        final int secondsPerDay = 86_400;
        int seconds = trace % secondsPerDay;
        return String.format("0115%02d%02d%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
