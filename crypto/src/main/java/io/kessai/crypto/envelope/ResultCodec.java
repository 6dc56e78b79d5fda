package io.kessai.crypto.envelope;

import io.kessai.card.tlv.TlvTag;

/** Encodes a {@link PaymentResult} as the body of a sealed result (docs/protocol/envelope.md §Result). */
public final class ResultCodec {
    static final TlvTag OUTCOME = TlvTag.of("DF40");
    static final TlvTag RESPONSE_CODE = TlvTag.of("DF41");
    static final TlvTag APPROVAL_CODE = TlvTag.of("DF42");
    static final TlvTag REASON = TlvTag.of("DF43");
    static final TlvTag PAYMENT_ID = TlvTag.of("DF44");
    static final TlvTag AMOUNT_MINOR = TlvTag.of("DF45");
    static final TlvTag CURRENCY = TlvTag.of("DF46");
    private static final int OUTCOME_BYTES = 1;
    private static final int AMOUNT_BYTES = 8;

    private ResultCodec() {}

    public static byte[] encode(PaymentResult result) {
        TlvFields.Writer writer = new TlvFields.Writer()
                .unsigned(OUTCOME, result.outcome().code(), OUTCOME_BYTES)
                .text(RESPONSE_CODE, result.responseCode());
        result.approvalCode().ifPresent(code -> writer.text(APPROVAL_CODE, code));
        if (!result.reason().isEmpty()) {
            writer.text(REASON, result.reason());
        }
        return writer.text(PAYMENT_ID, result.paymentId())
                .unsigned(AMOUNT_MINOR, result.amountMinor(), AMOUNT_BYTES)
                .text(CURRENCY, result.currencyCode())
                .encode();
    }

    public static PaymentResult decode(byte[] body) throws EnvelopeException {
        TlvFields fields = TlvFields.decode("result", body);
        int outcomeCode = (int) fields.requiredUnsigned(OUTCOME, "outcome", OUTCOME_BYTES);
        PaymentOutcome outcome = PaymentOutcome.fromCode(outcomeCode)
                .orElseThrow(() -> fields.bad("unknown outcome " + outcomeCode + " (tag DF40)"));
        try {
            return new PaymentResult(
                    outcome,
                    fields.requiredText(RESPONSE_CODE, "response code"),
                    fields.optionalText(APPROVAL_CODE, "approval code"),
                    fields.optionalText(REASON, "reason").orElse(""),
                    fields.requiredText(PAYMENT_ID, "payment ID"),
                    fields.requiredUnsigned(AMOUNT_MINOR, "amount", AMOUNT_BYTES),
                    fields.requiredText(CURRENCY, "currency"));
        } catch (IllegalArgumentException e) {
            throw fields.bad(e.getMessage());
        }
    }
}
