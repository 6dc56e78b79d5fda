package io.kessai.center.flow;

import io.kessai.center.flow.FlowDirectory.ResponseRule.Outcome;
import java.time.Duration;

/** What the flow reports to the metrics registry: payments by outcome, and the center's own latency. */
public interface FlowMetrics {
    FlowMetrics NONE = (outcome, elapsed) -> {};

    void recordPayment(Outcome outcome, Duration elapsed);
}
