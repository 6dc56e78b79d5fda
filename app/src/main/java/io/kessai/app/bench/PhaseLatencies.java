package io.kessai.app.bench;

import io.kessai.center.flow.PaymentPhase;
import io.kessai.center.ops.PaymentMetrics;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where the measured window's payments spent their time at the center, phase by phase ({@link
 * PaymentPhase}), from the center's own histograms ({@code kessai_payment_phase_duration_seconds}): their
 * bucket counts at the window's start are subtracted from those at its end. A percentile is given as the
 * upper bound of the bucket that holds it (the histogram's resolution, about ±10 %).
 */
public final class PhaseLatencies {
    private static final double[] PERCENTILES = {50, 99};
    private static final double NANOS_PER_MILLI = 1e6;

    private final PaymentMetrics metrics;
    private final List<Map<PaymentPhase, HistogramSnapshot>> samples = new ArrayList<>();
    /** The histograms at the last progress line, for {@link #sinceLastCall()}. */
    private Map<PaymentPhase, HistogramSnapshot> lastProgress;

    public PhaseLatencies(PaymentMetrics metrics) {
        this.metrics = metrics;
    }

    /** Takes the histograms as they are now; call at the window's start and at its end. */
    public synchronized void sample() {
        samples.add(snapshot());
    }

    /**
     * {@code phases p99 ≤ prepare 1.0 journal_sent 7.0 issuer 4.2 journal_answer 7.0}: each phase's p99 over the
     * payments that finished it since the last call (the progress line's second), so that a slow second shows
     * which step was slow. Empty on the first call.
     */
    public synchronized String sinceLastCall() {
        Map<PaymentPhase, HistogramSnapshot> now = snapshot();
        Map<PaymentPhase, HistogramSnapshot> before = lastProgress;
        lastProgress = now;
        if (before == null) {
            return "";
        }
        StringBuilder line = new StringBuilder("phases p99 ≤");
        for (PaymentPhase phase : PaymentPhase.values()) {
            long count = now.get(phase).count() - before.get(phase).count();
            line.append(' ').append(phase.label()).append(' ').append(count <= 0 ? "-"
                    : bucketAt(before.get(phase).histogramCounts(), now.get(phase).histogramCounts(), count, 99));
        }
        return line.toString();
    }

    private Map<PaymentPhase, HistogramSnapshot> snapshot() {
        Map<PaymentPhase, HistogramSnapshot> snapshot = new EnumMap<>(PaymentPhase.class);
        for (PaymentPhase phase : PaymentPhase.values()) {
            snapshot.put(phase, metrics.phaseTimer(phase.label()).takeSnapshot());
        }
        return snapshot;
    }

    /** {@code phase-journal_sent-ms: mean 3.1 p50 ≤ 2.8 p99 ≤ 16.8 (12345 payments)}, one line per phase. */
    public synchronized List<String> lines() {
        if (samples.size() != 2) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (PaymentPhase phase : PaymentPhase.values()) {
            lines.add("phase-" + phase.label() + "-ms: " + describe(samples.get(0).get(phase), samples.get(1).get(phase)));
        }
        return lines;
    }

    static String describe(HistogramSnapshot start, HistogramSnapshot end) {
        long count = end.count() - start.count();
        if (count <= 0) {
            return "no payments";
        }
        double meanMillis = (end.total(TimeUnit.NANOSECONDS) - start.total(TimeUnit.NANOSECONDS)) / count / NANOS_PER_MILLI;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "mean %.2f", meanMillis));
        CountAtBucket[] before = start.histogramCounts();
        CountAtBucket[] after = end.histogramCounts();
        for (double percentile : PERCENTILES) {
            line.append(String.format(Locale.ROOT, " p%.0f ≤ %s", percentile, bucketAt(before, after, count, percentile)));
        }
        return line.append(" (").append(count).append(" payments)").toString();
    }

    /** The upper bound (ms) of the first bucket whose count in the window reaches the percentile; the counts are cumulative. */
    private static String bucketAt(CountAtBucket[] before, CountAtBucket[] after, long count, double percentile) {
        double wanted = count * percentile / 100.0;
        for (int i = 0; i < after.length; i++) {
            double inWindow = after[i].count() - (i < before.length ? before[i].count() : 0);
            if (inWindow >= wanted) {
                return String.format(Locale.ROOT, "%.1f", after[i].bucket(TimeUnit.NANOSECONDS) / NANOS_PER_MILLI);
            }
        }
        return "longest bucket";
    }
}
