package io.kessai.center.network;

import io.kessai.card.ChipRead;
import io.kessai.card.TrackRead;
import io.kessai.center.flow.AdviceMessage;
import io.kessai.center.flow.AuthorizationRequest;
import io.kessai.center.journal.Advice;
import io.kessai.iso8583.DataElement;
import io.kessai.iso8583.Dialect;
import io.kessai.iso8583.IsoMessage;
import io.kessai.iso8583.OriginalDataElements;
import io.kessai.iso8583.kessai.AdditionalData;
import io.kessai.iso8583.kessai.JapanPaymentMethod;
import io.kessai.iso8583.kessai.JapanPaymentOptions;
import io.kessai.iso8583.kessai.PinBlockFormat;
import io.kessai.iso8583.kessai.SecurityControl;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Builds the center's ISO 8583 requests in the Kessai dialect (docs/protocol/iso8583.md): 0100 for an
 * authorization, 0400 for a reversal, 0220 for a completion advice. Only here do card data and the
 * wire meet; the messages are handed to the link and wiped by it.
 */
final class IsoMessages {
    static final String AUTHORIZATION = "0100";
    static final String COMPLETION_ADVICE = "0220";
    static final String REVERSAL = "0400";
    /** DE 3: purchase of goods and services, default accounts. */
    private static final String PROCESSING_PURCHASE = "000000";
    /** DE 25: normal presentment. */
    private static final String CONDITION_NORMAL = "00";
    private static final DateTimeFormatter DE7 = DateTimeFormatter.ofPattern("MMddHHmmss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DE12 = DateTimeFormatter.ofPattern("HHmmss");
    private static final DateTimeFormatter DE13 = DateTimeFormatter.ofPattern("MMdd");
    /** DE 23 is n3; EMV 5F34 is a value 0–99. */
    private static final String PSN_FORMAT = "%03d";

    private final Dialect dialect;
    private final String acquirerInstitutionId;

    IsoMessages(Dialect dialect, String acquirerInstitutionId) {
        this.dialect = dialect;
        this.acquirerInstitutionId = acquirerInstitutionId;
    }

    IsoMessage authorization(AuthorizationRequest request, int zonePinKeyIndex) {
        IsoMessage m = dialect.newMessage(AUTHORIZATION);
        m.set(DataElement.PAN, request.card().pan().digits());
        m.set(DataElement.PROCESSING_CODE, PROCESSING_PURCHASE);
        m.amountMinor(request.amountMinor());
        m.set(DataElement.TRANSMISSION_DATE_TIME, de7(request.transmittedAt()));
        m.stan(request.stan());
        m.set(DataElement.LOCAL_TIME, DE12.format(request.readerLocalAt()));
        m.set(DataElement.LOCAL_DATE, DE13.format(request.readerLocalAt()));
        m.set(DataElement.EXPIRATION_DATE, request.card().expiry().yymm());
        m.set(DataElement.MERCHANT_TYPE, request.merchantCategoryCode());
        m.set(DataElement.POS_ENTRY_MODE, request.card().entryMode(true).de22());
        m.set(DataElement.POS_CONDITION_CODE, CONDITION_NORMAL);
        m.set(DataElement.ACQUIRING_INSTITUTION_ID, acquirerInstitutionId);
        m.set(DataElement.RETRIEVAL_REFERENCE_NUMBER, request.rrn());
        m.set(DataElement.TERMINAL_ID, request.terminalId());
        m.set(DataElement.CARD_ACCEPTOR_ID, request.merchantId());
        m.set(DataElement.CURRENCY_CODE_TRANSACTION, numericCurrency(request.currency().getNumericCode()));
        switch (request.card()) {
            case TrackRead track -> m.set(DataElement.TRACK_2, track.track2().format(false));
            case ChipRead chip -> {
                chip.track2Equivalent().ifPresent(t2 -> m.set(DataElement.TRACK_2, t2.format(false)));
                chip.panSequenceNumber().ifPresent(psn -> m.set(DataElement.CARD_SEQUENCE_NUMBER, String.format(PSN_FORMAT, psn)));
                m.set(DataElement.ICC_DATA, chip.iccDataEncoded());
            }
            default -> {
                // Manual entry: DE 2 and DE 14 only; never a card verification code toward DE 35.
            }
        }
        request.paymentOptions().ifPresent(options -> {
            AdditionalData data = new AdditionalData();
            options.writeTo(data);
            data.writeTo(m);
        });
        request.pinUnderZoneKey().ifPresent(pin -> new SecurityControl(PinBlockFormat.valueOf(pin.format().name()), zonePinKeyIndex)
                .attach(m, pin.block()));
        return m;
    }

    IsoMessage advice(AdviceMessage advice) {
        IsoMessage m = dialect.newMessage(advice.kind() == Advice.Kind.REVERSAL ? REVERSAL : COMPLETION_ADVICE);
        m.set(DataElement.PAN, advice.pan().digits());
        m.set(DataElement.PROCESSING_CODE, PROCESSING_PURCHASE);
        m.amountMinor(advice.amountMinor());
        m.set(DataElement.TRANSMISSION_DATE_TIME, de7(advice.transmittedAt()));
        m.stan(advice.stan());
        m.set(DataElement.POS_CONDITION_CODE, CONDITION_NORMAL);
        m.set(DataElement.ACQUIRING_INSTITUTION_ID, acquirerInstitutionId);
        if (!advice.rrn().isEmpty()) {
            m.set(DataElement.RETRIEVAL_REFERENCE_NUMBER, advice.rrn());
        }
        advice.approvalCode().ifPresent(code -> m.set(DataElement.AUTHORIZATION_ID_RESPONSE, code));
        m.set(DataElement.TERMINAL_ID, advice.terminalId());
        m.set(DataElement.CARD_ACCEPTOR_ID, advice.merchantId());
        m.set(DataElement.CURRENCY_CODE_TRANSACTION, numericCurrency(advice.currency().getNumericCode()));
        OriginalDataElements original = new OriginalDataElements(AUTHORIZATION, advice.originalStan(),
                de7(advice.originalTransmittedAt()), acquirerInstitutionId, "");
        m.set(DataElement.ORIGINAL_DATA_ELEMENTS, original.format());
        if (advice.kind() == Advice.Kind.COMPLETION && advice.paymentMethodCode().isPresent()) {
            JapanPaymentMethod method = JapanPaymentMethod.fromCode(advice.paymentMethodCode().get())
                    .orElseThrow(() -> new IllegalStateException("stored payment method is not a 支払区分 code"));
            int installments = advice.installmentCount().orElse(JapanPaymentOptions.ABSENT);
            AdditionalData data = new AdditionalData();
            new JapanPaymentOptions(method, installments, JapanPaymentOptions.ABSENT, JapanPaymentOptions.ABSENT,
                    JapanPaymentOptions.ABSENT, JapanPaymentOptions.ABSENT, JapanPaymentOptions.ABSENT, JapanPaymentOptions.ABSENT)
                    .writeTo(data);
            data.writeTo(m);
        }
        return m;
    }

    static String de7(Instant at) {
        return DE7.format(at);
    }

    private static String numericCurrency(int numeric) {
        return String.format("%03d", numeric);
    }
}
