package io.kessai.center.ops;

import io.kessai.crypto.envelope.PaymentOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The payment meters of the issue (§6): payments by outcome ({@code kessai_payments_total{outcome}}),
 * their latency as a histogram ({@code kessai_payment_duration_seconds_bucket{outcome}}), and whether
 * each issuer link is up ({@code kessai_issuer_link_up{issuer}} 1 or 0). Labels are bounded: four
 * outcomes, and one issuer label per configured issuer.
 */
public final class PaymentMetrics {
    static final String PAYMENTS = "kessai.payments";
    static final String PAYMENT_DURATION = "kessai.payment.duration";
    static final String ISSUER_LINK_UP = "kessai.issuer.link.up";
    static final String PHASE_DURATION = "kessai.payment.phase.duration";
    /** Phases are a fixed few (the flow's enum): the label set stays bounded. */
    private static final int MAX_PHASES = 16;
    private static final Duration SHORTEST_PHASE = Duration.ofMillis(1);
    private static final Duration SHORTEST_EXPECTED = Duration.ofMillis(5);
    /** Beyond any issuer timeout plus a reversal: a longer payment is a bug worth seeing in the top bucket. */
    private static final Duration LONGEST_EXPECTED = Duration.ofSeconds(120);

    private final MeterRegistry registry;
    private final Map<PaymentOutcome, Counter> counters = new EnumMap<>(PaymentOutcome.class);
    private final Map<PaymentOutcome, Timer> timers = new EnumMap<>(PaymentOutcome.class);
    private final Map<String, Meter> issuerLinkGauges = new ConcurrentHashMap<>();
    private final Map<String, Timer> phaseTimers = new ConcurrentHashMap<>();

    public PaymentMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        for (PaymentOutcome outcome : PaymentOutcome.values()) {
            String label = outcome.name().toLowerCase(Locale.ROOT);
            counters.put(outcome, Counter.builder(PAYMENTS)
                    .description("Payments finished, by outcome")
                    .tag("outcome", label)
                    .register(registry));
            timers.put(outcome, Timer.builder(PAYMENT_DURATION)
                    .description("Time from receiving a payment to deciding its outcome")
                    .tag("outcome", label)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(SHORTEST_EXPECTED)
                    .maximumExpectedValue(LONGEST_EXPECTED)
                    .register(registry));
        }
    }

    /** Counts one finished payment and records how long it took. */
    public void paymentFinished(PaymentOutcome outcome, Duration elapsed) {
        if (elapsed.isNegative()) {
            throw new IllegalArgumentException("a payment cannot take negative time: " + elapsed);
        }
        counters.get(outcome).increment();
        timers.get(outcome).record(elapsed);
    }

    /**
     * Records one phase of a payment ({@code kessai_payment_phase_duration_seconds_bucket{phase}}): where a
     * payment's time went, for the operator and the load generator.
     */
    public void phaseFinished(String phase, Duration elapsed) {
        if (elapsed.isNegative()) {
            throw new IllegalArgumentException("a phase cannot take negative time: " + elapsed);
        }
        phaseTimer(phase).record(elapsed);
    }

    /** The timer of one phase (created at its first use). */
    public Timer phaseTimer(String phase) {
        Timer timer = phaseTimers.get(phase);
        if (timer != null) {
            return timer;
        }
        if (phaseTimers.size() >= MAX_PHASES) {
            throw new IllegalStateException("more than " + MAX_PHASES + " payment phases: " + phaseTimers.keySet() + " and " + phase);
        }
        return phaseTimers.computeIfAbsent(phase, label -> Timer.builder(PHASE_DURATION)
                .description("Time a payment spent in one phase at the center")
                .tag("phase", label)
                .publishPercentileHistogram()
                .minimumExpectedValue(SHORTEST_PHASE)
                .maximumExpectedValue(LONGEST_EXPECTED)
                .register(registry));
    }

    /** Publishes {@code kessai_issuer_link_up{issuer=issuerId}}, read from {@code up} at each scrape. */
    public void trackIssuerLink(String issuerId, BooleanSupplier up) {
        Objects.requireNonNull(up, "up");
        issuerLinkGauges.compute(issuerId, (id, previous) -> {
            if (previous != null) {
                registry.remove(previous);
            }
            return Gauge.builder(ISSUER_LINK_UP, up, supplier -> supplier.getAsBoolean() ? 1 : 0)
                    .description("1 when the ISO 8583 link to the issuer is signed on, else 0")
                    .tag("issuer", id)
                    .strongReference(true)
                    .register(registry);
        });
    }

    /** Stops publishing the link of an issuer that was removed from the registry. */
    public void forgetIssuerLink(String issuerId) {
        Meter gauge = issuerLinkGauges.remove(issuerId);
        if (gauge != null) {
            registry.remove(gauge);
        }
    }
}
