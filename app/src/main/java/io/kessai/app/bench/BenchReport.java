package io.kessai.app.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What the measured part of a load run gave: outcomes, approved payments per second over the measured
 * seconds, latency percentiles from each request's intended send time (microseconds).
 */
record BenchReport(int ratePerSecond, long elapsedNanos, long scheduled, Map<Outcome, Long> outcomes, Map<String, Long> errors,
        long p50Micros, long p90Micros, long p99Micros, long p999Micros, long maxMicros, long completedAfterWindow) {

    static final double MICROS_PER_MILLI = 1_000.0;
    static final double NANOS_PER_SECOND = 1e9;
    private static final long NANOS_PER_MILLI = 1_000_000;

    static BenchReport of(int ratePerSecond, long elapsedNanos, long scheduled, OutcomeCounts counts, Histogram latency,
            long completedAfterWindow) {
        Map<Outcome, Long> outcomes = new java.util.EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, counts.get(outcome));
        }
        return new BenchReport(ratePerSecond, elapsedNanos, scheduled, Map.copyOf(outcomes), counts.errors(),
                latency.getValueAtPercentile(50), latency.getValueAtPercentile(90), latency.getValueAtPercentile(99),
                latency.getValueAtPercentile(99.9), latency.getMaxValue(), completedAfterWindow);
    }

    long completed() {
        return outcomes.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Approved payments per second over the measured window, or until its last answer when that came later
     * (display: the count is the exact figure).
     */
    double approvedPerSecond() {
        return outcomes.get(Outcome.APPROVED) * NANOS_PER_SECOND / elapsedNanos;
    }

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("rate-per-second: " + ratePerSecond);
        lines.add("measured-ms: " + elapsedNanos / NANOS_PER_MILLI + " (the window, or until its last answer)");
        lines.add("scheduled: " + scheduled);
        lines.add("completed: " + completed());
        for (Outcome outcome : Outcome.values()) {
            lines.add(outcome.name().toLowerCase(java.util.Locale.ROOT) + ": " + outcomes.get(outcome));
        }
        errors.forEach((code, count) -> lines.add("error " + code + ": " + count));
        lines.add("completed-after-window: " + completedAfterWindow);
        lines.add(String.format(java.util.Locale.ROOT, "approved-per-second: %.1f", approvedPerSecond()));
        lines.add("latency-p50-ms: " + millis(p50Micros));
        lines.add("latency-p90-ms: " + millis(p90Micros));
        lines.add("latency-p99-ms: " + millis(p99Micros));
        lines.add("latency-p99.9-ms: " + millis(p999Micros));
        lines.add("latency-max-ms: " + millis(maxMicros));
        return lines;
    }

    static String millis(long micros) {
        return String.format(java.util.Locale.ROOT, "%.2f", micros / MICROS_PER_MILLI);
    }
}
