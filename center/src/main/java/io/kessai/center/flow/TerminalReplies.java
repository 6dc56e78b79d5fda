package io.kessai.center.flow;

import io.kessai.center.flow.FlowDirectory.ResponseRule;
import io.kessai.center.journal.Payment;
import io.kessai.center.journal.PaymentState;
import java.util.List;

/** Rebuilds the answer to an envelope from its journal row, for a duplicate delivery. */
final class TerminalReplies {
    private TerminalReplies() {}

    static TerminalReply fromJournal(Payment payment, FlowDirectory directory, boolean duplicate) {
        String code = payment.responseCode().orElse(PaymentFlow.CODE_UNAVAILABLE);
        ResponseRule rule = directory.responseRule(code);
        List<FlowDirectory.ItemQuestion> questions = payment.state() == PaymentState.ADDITIONAL_ITEMS_REQUESTED
                ? directory.merchant(payment.merchantId()).map(AdditionalItems::questionsFor).orElse(AdditionalItems.STANDARD)
                : List.of();
        return new TerminalReply(payment.id(), PaymentFlow.outcomeOf(payment.state()), code, payment.approvalCode(),
                payment.reason().orElse(""), rule.textJa(), rule.textEn(), payment.sealedResult().orElseThrow(), questions, duplicate,
                TerminalReply.Charge.of(payment));
    }
}
