package io.kessai.center.flow;

import io.kessai.card.Hex;
import io.kessai.center.journal.Advice;
import io.kessai.center.journal.JournalException;
import io.kessai.center.journal.JournalStore;
import io.kessai.center.journal.Payment;
import io.kessai.center.journal.PaymentState;
import io.kessai.crypto.envelope.EnvelopeException;
import io.kessai.crypto.envelope.KeyScheme;
import io.kessai.crypto.envelope.PaymentResult;
import io.kessai.crypto.envelope.ResultCodec;
import io.kessai.crypto.hsm.Hsm;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every payment a crash left without an answer is finished: "issuer unavailable, not charged" for the
 * phone, and a reversal for the issuer when the request may have left. After this, every payment is
 * either finished or being reversed (DESIGN.md: never lost, never charged twice).
 *
 * <p>Which payments are orphaned: those still waiting for an issuer answer that nothing has touched for
 * {@code grace}. A live node answers or gives up on its own payments within the issuer timeout, so with
 * several nodes on one database nobody takes over a payment another node is still working on; and a
 * node that was only paused and answers later finds the payment moved on (the journal's transitions
 * refuse it, a late 0110 changes nothing). Every node runs a pass at start and then every
 * {@code sweepPeriod}, so a crashed node's payments are finished by whichever node is up.
 */
public final class Recovery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private final JournalStore journal;
    private final Hsm hsm;
    private final Clock clock;
    private final Duration grace;
    private volatile boolean sweeping;
    private Thread sweeper;

    public Recovery(JournalStore journal, Hsm hsm, Clock clock, Duration grace) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("recovery grace must not be negative, got " + grace);
        }
        this.journal = journal;
        this.hsm = hsm;
        this.clock = clock;
        this.grace = grace;
    }

    /** Runs passes every {@code sweepPeriod} on a virtual thread until {@link #close()}. */
    public synchronized void startSweeping(Duration sweepPeriod) {
        if (sweeping) {
            return;
        }
        if (sweepPeriod.isZero() || sweepPeriod.isNegative()) {
            throw new IllegalArgumentException("sweep period must be positive, got " + sweepPeriod);
        }
        sweeping = true;
        sweeper = Thread.ofVirtual().name("recovery-sweep").start(() -> {
            while (sweeping) {
                try {
                    Thread.sleep(sweepPeriod);
                    if (sweeping) {
                        runAll();
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.error("recovery sweep failed: {}", e.getMessage());
                }
            }
        });
    }

    /** Passes until a pass finds less than a full batch; returns how many payments were finished. */
    public int runAll() {
        int total = 0;
        int recovered;
        do {
            recovered = run();
            total += recovered;
        } while (recovered == JournalStore.RECOVERY_BATCH);
        return total;
    }

    /** One pass over at most {@link JournalStore#RECOVERY_BATCH} orphaned payments. */
    public int run() {
        int recovered = 0;
        for (Payment payment : journal.unansweredSince(clock.instant().minus(grace))) {
            try {
                // A wallet payment has no reader to seal for: its request learns the outcome from the journal.
                byte[] sealed = payment.channel() == Payment.Channel.WALLET ? null : sealUnavailable(payment);
                boolean maybeSent = payment.state() == PaymentState.SENT_TO_ISSUER;
                Optional<Advice> reversal = maybeSent
                        ? Optional.of(new Advice(0, payment.id(), Advice.Kind.REVERSAL, payment.issuerId().orElseThrow(),
                                payment.amountMinor(), journal.nextStan(), clock.instant(), 0))
                        : Optional.empty();
                journal.markUnavailable(payment.id(), payment.state(), "interrupted by a crash or restart", sealed, reversal);
                LOG.warn("payment {} was left {} by a stopped or crashed node: answered unavailable{}", payment.id(),
                        payment.state(), maybeSent ? ", reversal queued" : "");
                recovered++;
            } catch (JournalException e) {
                LOG.info("payment {}: not recovered, it moved on meanwhile ({})", payment.id(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("payment {}: recovery failed: {}", payment.id(), e.getMessage());
            }
        }
        return recovered;
    }

    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            sweeping = false;
            running = sweeper;
        }
        if (running != null) {
            running.interrupt();
        }
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
