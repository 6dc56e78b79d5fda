package io.kessai.app.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies of one phase of a run in an HdrHistogram, in microseconds, three significant digits. Any
 * thread records; one thread (the progress line's) takes the interval since its last look, which it
 * also adds to the phase's total.
 */
final class LatencyStats {
    /** Above this a latency is recorded as this: a request times out long before. */
    static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);
    static final int SIGNIFICANT_DIGITS = 3;

    private final Recorder recorder = new Recorder(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    private final Histogram total = new Histogram(HIGHEST_MICROS, SIGNIFICANT_DIGITS);

    void recordNanos(long latencyNanos) {
        long micros = Math.max(0, TimeUnit.NANOSECONDS.toMicros(latencyNanos));
        recorder.recordValue(Math.min(micros, HIGHEST_MICROS));
    }

    /** What was recorded since the last call (the progress line's second), added to the total too. */
    synchronized Histogram takeInterval() {
        Histogram interval = recorder.getIntervalHistogram();
        total.add(interval);
        return interval;
    }

    /** Everything recorded so far (takes the pending interval first). */
    synchronized Histogram total() {
        takeInterval();
        return total.copy();
    }
}
