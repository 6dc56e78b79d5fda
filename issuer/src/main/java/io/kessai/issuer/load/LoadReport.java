package io.kessai.issuer.load;

import java.util.ArrayList;
import java.util.List;

/**
 * What a round-trip load run measured, over its measured part (the warm-up excluded).
 *
 * @param latencyP50Micros time from writing a request to reading its answer, median
 */
public record LoadReport(
        long authorizations, long approved, long declined, long elapsedNanos, long latencyP50Micros,
        long latencyP99Micros, long latencyMaxMicros, int window, long journalBatches, long journalEntries) {

    private static final double NANOS_PER_SECOND = 1e9;

    /** Round trips per second (display only: the counts above are the exact figures). */
    public long authorizationsPerSecond() {
        return Math.round(authorizations * NANOS_PER_SECOND / Math.max(1, elapsedNanos));
    }

    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("authorizations: " + authorizations);
        lines.add("approved: " + approved);
        lines.add("declined: " + declined);
        lines.add("elapsed-ms: " + elapsedNanos / 1_000_000);
        lines.add("authorizations-per-second: " + authorizationsPerSecond());
        lines.add("latency-p50-us: " + latencyP50Micros);
        lines.add("latency-p99-us: " + latencyP99Micros);
        lines.add("latency-max-us: " + latencyMaxMicros);
        lines.add("window: " + window);
        if (journalBatches > 0) {
            lines.add("journal-batches: " + journalBatches);
            lines.add("journal-entries-per-batch: " + journalEntries / journalBatches);
        }
        return lines;
    }
}
