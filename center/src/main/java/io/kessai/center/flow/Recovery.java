package io.kessai.center.flow;

import io.kessai.card.Hex;
import io.kessai.center.journal.Advice;
import io.kessai.center.journal.JournalStore;
import io.kessai.center.journal.Payment;
import io.kessai.center.journal.PaymentState;
import io.kessai.crypto.envelope.EnvelopeException;
import io.kessai.crypto.envelope.KeyScheme;
import io.kessai.crypto.envelope.PaymentResult;
import io.kessai.crypto.envelope.ResultCodec;
import io.kessai.crypto.hsm.Hsm;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up, every payment a crash left without an answer is finished: "issuer unavailable, not
 * charged" for the phone, and a reversal for the issuer when the request may have left. After this,
 * every payment is either finished or being reversed (DESIGN.md: never lost, never charged twice).
 */
public final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private final JournalStore journal;
    private final Hsm hsm;
    private final Clock clock;

    public Recovery(JournalStore journal, Hsm hsm, Clock clock) {
        this.journal = journal;
        this.hsm = hsm;
        this.clock = clock;
    }

    public int run() {
        int recovered = 0;
        for (Payment payment : journal.unanswered()) {
            try {
                // A wallet payment has no reader to seal for: its request learns the outcome from the journal.
                byte[] sealed = payment.channel() == Payment.Channel.WALLET ? null : sealUnavailable(payment);
                boolean maybeSent = payment.state() == PaymentState.SENT_TO_ISSUER;
                Optional<Advice> reversal = maybeSent
                        ? Optional.of(new Advice(0, payment.id(), Advice.Kind.REVERSAL, payment.issuerId().orElseThrow(),
                                payment.amountMinor(), journal.nextStan(), clock.instant(), 0))
                        : Optional.empty();
                journal.markUnavailable(payment.id(), payment.state(), "interrupted by a restart", sealed, reversal);
                LOG.warn("payment {} was {} at start-up: answered unavailable{}", payment.id(), payment.state(),
                        maybeSent ? ", reversal queued" : "");
                recovered++;
            } catch (RuntimeException e) {
                LOG.error("payment {}: recovery failed: {}", payment.id(), e.getMessage());
            }
        }
        return recovered;
    }

    private byte[] sealUnavailable(Payment payment) {
        PaymentResult result = PaymentFlow.result(payment, PaymentState.ISSUER_UNAVAILABLE, PaymentFlow.CODE_UNAVAILABLE,
                Optional.empty(), "issuer_unavailable");
        KeyScheme scheme = KeyScheme.fromCode(payment.keyScheme()).orElseThrow();
        try {
            return hsm.sealResult(scheme, Hex.decode(payment.ksn()), ResultCodec.encode(result)).toBytes();
        } catch (EnvelopeException e) {
            throw new IllegalStateException("cannot seal for KSN " + payment.ksn() + ": " + e.getMessage(), e);
        }
    }
}
