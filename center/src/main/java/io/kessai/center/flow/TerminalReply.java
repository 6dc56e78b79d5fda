package io.kessai.center.flow;

import io.kessai.center.flow.FlowDirectory.ItemQuestion;
import io.kessai.center.flow.FlowDirectory.ResponseRule.Outcome;
import io.kessai.center.journal.Payment;
import java.util.List;
import java.util.Optional;

/**
 * The center's answer to an envelope: the sealed result the reader verifies, and the same facts in the
 * clear for the phone's screen, in Japanese and English.
 *
 * @param questions after an approval, the additional items the center asks for (S809); empty otherwise
 * @param duplicate true when this envelope had been received before and this is the first answer again
 * @param charge what was charged, as the phone's result mail shows it (no second look-up in the journal)
 */
public record TerminalReply(
        String paymentId,
        Outcome outcome,
        String responseCode,
        Optional<String> approvalCode,
        String reason,
        String messageJa,
        String messageEn,
        byte[] sealedResult,
        List<ItemQuestion> questions,
        boolean duplicate,
        Charge charge) {

    /** The amount and the masked card of the payment answered. */
    public record Charge(long amountMinor, String currency, String panMasked) {
        public static Charge of(Payment payment) {
            return new Charge(payment.amountMinor(), payment.currency(), payment.panMasked());
        }
    }
}
