package io.kessai.center.flow;

import io.kessai.center.flow.FlowDirectory.ResponseRule.Outcome;
import java.time.Duration;

/** What the flow reports to the metrics registry: payments by outcome, the center's own latency, and its phases. */
public interface FlowMetrics {
    FlowMetrics NONE = (outcome, elapsed) -> {};

    void recordPayment(Outcome outcome, Duration elapsed);

    /** How long one phase of a payment that went to its issuer took. */
    default void recordPhase(PaymentPhase phase, Duration elapsed) {}
}
