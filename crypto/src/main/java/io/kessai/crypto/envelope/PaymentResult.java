package io.kessai.crypto.envelope;

import java.util.Objects;
import java.util.Optional;

/**
 * What the center tells the reader and the phone about one envelope. Sealed by
 * {@link io.kessai.crypto.hsm.Hsm#sealResult}; encoded by {@link ResultCodec}.
 *
 * @param responseCode the issuer's ISO 8583 DE 39 code ("00", "51", ...) or the center's own ("91")
 * @param approvalCode DE 38, present when approved
 * @param reason a stable machine-readable reason ("wrong-pin", "insufficient-funds", ...), empty when approved
 * @param paymentId the center's payment identifier, for follow-up questions and receipts
 * @param amountMinor the amount the center processed, echoed so the reader can check it
 */
public record PaymentResult(
        PaymentOutcome outcome,
        String responseCode,
        Optional<String> approvalCode,
        String reason,
        String paymentId,
        long amountMinor,
        String currencyCode) {

    public static final int RESPONSE_CODE_CHARS = 2;
    public static final int MAX_APPROVAL_CODE_CHARS = 6;
    public static final int MAX_REASON_CHARS = 64;
    public static final int MAX_PAYMENT_ID_CHARS = 64;

    public PaymentResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(approvalCode, "approvalCode");
        if (responseCode == null || responseCode.length() != RESPONSE_CODE_CHARS) {
            throw new IllegalArgumentException("response code must be 2 characters, got " + responseCode);
        }
        if (outcome == PaymentOutcome.APPROVED && approvalCode.isEmpty()) {
            throw new IllegalArgumentException("an approval needs an approval code");
        }
        approvalCode.ifPresent(code -> CardSettlementInformation.requireText("approval code", code, MAX_APPROVAL_CODE_CHARS));
        Objects.requireNonNull(reason, "reason");
        if (reason.length() > MAX_REASON_CHARS) {
            throw new IllegalArgumentException("reason longer than " + MAX_REASON_CHARS + " characters");
        }
        CardSettlementInformation.requireText("payment ID", paymentId, MAX_PAYMENT_ID_CHARS);
        if (amountMinor < 0 || amountMinor > CardSettlementInformation.MAX_AMOUNT_MINOR) {
            throw new IllegalArgumentException("amount out of range: " + amountMinor);
        }
        CardSettlementInformation.requireText("currency", currencyCode, 3);
    }
}
