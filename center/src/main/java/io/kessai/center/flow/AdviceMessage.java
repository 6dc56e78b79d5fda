package io.kessai.center.flow;

import io.kessai.card.Pan;
import io.kessai.center.journal.Advice;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;

/**
 * A store-and-forward message as the link builds it: a reversal (0400, releases the hold) or a
 * completion advice (0220, settles it at the final amount, with the Japanese payment method).
 *
 * @param original the authorization it refers to (DE 90: original MTI 0100, STAN, DE 7)
 * @param paymentMethodCode 支払区分 for completions (10, 21, 31, 61, 80), empty for reversals
 */
public record AdviceMessage(
        Advice.Kind kind,
        String paymentId,
        String issuerId,
        Pan pan,
        long amountMinor,
        Currency currency,
        int stan,
        Instant transmittedAt,
        String rrn,
        String merchantId,
        String terminalId,
        int originalStan,
        Instant originalTransmittedAt,
        Optional<String> approvalCode,
        Optional<String> paymentMethodCode,
        Optional<Integer> installmentCount) {

    @Override
    public String toString() {
        return "AdviceMessage[" + kind + ", " + paymentId + ", " + pan.masked() + ", " + amountMinor + "]";
    }
}
