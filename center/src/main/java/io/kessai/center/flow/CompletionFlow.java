package io.kessai.center.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kessai.center.journal.Advice;
import io.kessai.center.journal.JournalStore;
import io.kessai.center.journal.Payment;
import io.kessai.center.journal.PaymentState;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/**
 * S809–S811: the phone's answers to the additional items are checked, stored, and forwarded to the
 * issuer as a completion advice (0220) through the store-and-forward queue; the phone is told whether
 * the issuer already acknowledged it.
 */
public final class CompletionFlow {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JournalStore journal;
    private final FlowDirectory directory;
    private final AdviceWorker adviceWorker;
    private final FlowSettings settings;
    private final Clock clock;

    public CompletionFlow(JournalStore journal, FlowDirectory directory, AdviceWorker adviceWorker, FlowSettings settings, Clock clock) {
        this.journal = journal;
        this.directory = directory;
        this.adviceWorker = adviceWorker;
        this.settings = settings;
        this.clock = clock;
    }

    public CompletionReply submit(String paymentId, Map<String, String> answers) throws TerminalException {
        Payment payment = journal.find(paymentId).orElseThrow(() -> new TerminalException(
                TerminalException.Code.PAYMENT_NOT_FOUND, "no payment " + paymentId, "id"));
        FlowDirectory.MerchantEntry merchant = directory.merchant(payment.merchantId()).orElseThrow(() -> new TerminalException(
                TerminalException.Code.UNKNOWN_MERCHANT, "merchant " + payment.merchantId() + " is no longer registered"));
        AdditionalItems.Answers valid = AdditionalItems.validate(answers, AdditionalItems.questionsFor(merchant));
        String json = toJson(valid.all());

        if (payment.state() == PaymentState.COMPLETED) {
            // The same answers again (a retry) get the same confirmation; different ones are refused.
            if (payment.additionalItemsJson().map(stored -> sameJson(stored, json)).orElse(false)) {
                return new CompletionReply(paymentId, journal.adviceAcknowledged(paymentId, Advice.Kind.COMPLETION), true);
            }
            throw new TerminalException(TerminalException.Code.PAYMENT_NOT_AWAITING_ITEMS,
                    "payment " + paymentId + " is already completed with other answers");
        }
        if (payment.state() != PaymentState.ADDITIONAL_ITEMS_REQUESTED) {
            throw new TerminalException(TerminalException.Code.PAYMENT_NOT_AWAITING_ITEMS,
                    "payment " + paymentId + " is " + payment.state() + ", not waiting for additional items");
        }
        String issuerId = payment.issuerId().orElseThrow(() -> new IllegalStateException("approved payment without issuer"));
        Advice completion = new Advice(0, paymentId, Advice.Kind.COMPLETION, issuerId, payment.amountMinor(), journal.nextStan(),
                clock.instant(), 0);
        journal.complete(paymentId, json, completion);
        boolean acknowledged = adviceWorker.deliverNow(paymentId, Advice.Kind.COMPLETION, settings.completionConfirmWait());
        return new CompletionReply(paymentId, acknowledged, false);
    }

    private static String toJson(Map<String, String> answers) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(answers));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }

    private static boolean sameJson(String stored, String json) {
        try {
            return JSON.readTree(stored).equals(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
