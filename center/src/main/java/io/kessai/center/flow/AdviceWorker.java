package io.kessai.center.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kessai.card.Pan;
import io.kessai.center.journal.Advice;
import io.kessai.center.journal.JournalStore;
import io.kessai.center.journal.Payment;
import io.kessai.center.ops.PollingLoop;
import io.kessai.crypto.hsm.Hsm;
import java.time.Clock;
import io.kessai.center.ops.RetryBackoff;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Store-and-forward to the issuers: reversals (0400) and completion advices (0220) from the journal's
 * queue, each sent until the issuer acknowledges it, with exponential backoff, across restarts and
 * across center nodes (leases with SKIP LOCKED, see {@link JournalStore#leaseDueAdvices}).
 */
public final class AdviceWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdviceWorker.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int BATCH = 32;
    static final Duration LEASE = Duration.ofSeconds(60);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofMinutes(5);
    private static final RetryBackoff BACKOFF = new RetryBackoff(FIRST_RETRY, MAX_RETRY);
    private static final long POLL_MILLIS = 500;
    private static final long CONFIRM_POLL_MILLIS = 20;

    private final JournalStore journal;
    private final Hsm hsm;
    private final IssuerGateway gateway;
    private final FlowSettings settings;
    private final Clock clock;
    private final PollingLoop loop;

    public AdviceWorker(JournalStore journal, Hsm hsm, IssuerGateway gateway, FlowSettings settings) {
        this(journal, hsm, gateway, settings, Clock.systemUTC());
    }

    public AdviceWorker(JournalStore journal, Hsm hsm, IssuerGateway gateway, FlowSettings settings, Clock clock) {
        this.journal = journal;
        this.hsm = hsm;
        this.gateway = gateway;
        this.settings = settings;
        this.clock = clock;
        this.loop = new PollingLoop("advice-worker", this::runOnce, BATCH, POLL_MILLIS, settings.adviceTimeout().toMillis() + POLL_MILLIS);
    }

    public void start() {
        loop.start();
    }

    /** Wakes the worker and waits (bounded) until the payment's advice of this kind is acknowledged. */
    public boolean deliverNow(String paymentId, Advice.Kind kind, Duration wait) {
        loop.signal();
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (journal.adviceAcknowledged(paymentId, kind)) {
                return true;
            }
            try {
                Thread.sleep(CONFIRM_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return journal.adviceAcknowledged(paymentId, kind);
    }

    /**
     * One pass over the due advices, delivered side by side (at most {@link #BATCH} at once, one virtual
     * thread each), so that one silent issuer's 10-second wait does not hold up every other issuer's
     * completions; returns how many were acknowledged. Public for tests and benchmarks.
     */
    public int runOnce() {
        List<Advice> due = journal.leaseDueAdvices(BATCH, LEASE);
        assert due.size() <= BATCH : "leased " + due.size() + " advices, asked for " + BATCH;
        if (due.isEmpty()) {
            return 0;
        }
        // The payments of all the leased advices in one query, not one each.
        Map<String, JournalStore.ToAdvise> payments = journal.findToAdvise(due.stream().map(Advice::paymentId).distinct().toList());
        if (due.size() == 1) {
            return deliver(due.get(0), payments) ? 1 : 0;
        }
        List<Future<Boolean>> deliveries = new ArrayList<>(due.size());
        try (ExecutorService perAdvice = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Advice advice : due) {
                deliveries.add(perAdvice.submit(() -> deliver(advice, payments)));
            }
        } // close() waits for every delivery; each is bounded by the advice timeout
        int acknowledged = 0;
        for (Future<Boolean> delivery : deliveries) {
            if (delivery.state() == Future.State.SUCCESS && delivery.resultNow()) {
                acknowledged++;
            }
        }
        return acknowledged;
    }

    private boolean deliver(Advice advice, Map<String, JournalStore.ToAdvise> payments) {
        try {
            AdviceMessage message = message(advice, Optional.ofNullable(payments.get(advice.paymentId())).orElseThrow(
                    () -> new IllegalStateException("no journal payment " + advice.paymentId() + " for its advice")), clock.instant());
            String code = gateway.deliver(message, settings.adviceTimeout())
                    .get(settings.adviceTimeout().toMillis() + POLL_MILLIS, TimeUnit.MILLISECONDS);
            journal.markAdviceAcknowledged(advice, code);
            LOG.info("{} for payment {} acknowledged by issuer {} (DE 39 {})", advice.kind(), advice.paymentId(), advice.issuerId(), code);
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Throwable cause = e.getCause() == null ? e : e.getCause();
            Duration retryIn = backoff(advice.attempts());
            journal.markAdviceFailed(advice, cause.getClass().getSimpleName() + ": " + cause.getMessage(), retryIn);
            LOG.warn("{} for payment {} not acknowledged ({}); attempt {} again in {} s", advice.kind(), advice.paymentId(),
                    cause.getMessage(), advice.attempts() + 2, retryIn.toSeconds());
            return false;
        }
    }

    /**
     * The advice as sent now: the same STAN and DE 90 every time (the issuer finds the original and
     * recognises a repeat by them), but DE 7 is this transmission's time. That keeps each attempt's
     * link match key (STAN, terminal, DE 7) new, so a repeat is never refused as the key of an earlier
     * attempt that timed out and whose late answer may still come.
     */
    private AdviceMessage message(Advice advice, JournalStore.ToAdvise toAdvise, Instant transmittedNow) throws Exception {
        Payment payment = toAdvise.payment();
        Pan pan = hsm.decryptPan(settings.panKeyName(), toAdvise.panEncrypted());
        Optional<String> method = Optional.empty();
        Optional<Integer> installments = Optional.empty();
        if (advice.kind() == Advice.Kind.COMPLETION && payment.additionalItemsJson().isPresent()) {
            JsonNode items = JSON.readTree(payment.additionalItemsJson().get());
            method = Optional.ofNullable(items.get(AdditionalItems.PAYMENT_METHOD)).map(JsonNode::asText);
            installments = Optional.ofNullable(items.get(AdditionalItems.INSTALLMENTS)).map(node -> Integer.parseInt(node.asText()));
        }
        return new AdviceMessage(advice.kind(), payment.id(), advice.issuerId(), pan, advice.amountMinor(),
                Currency.getInstance(payment.currency()), advice.stan(), transmittedNow, payment.rrn().orElse(""),
                payment.merchantId(), payment.terminalId(), payment.stan().orElse(advice.stan()),
                payment.transmittedAt().orElse(advice.transmittedAt()), payment.approvalCode(), method, installments);
    }

    static Duration backoff(int attempts) {
        return BACKOFF.after(attempts);
    }

    @Override
    public void close() {
        loop.close();
    }
}
