package io.kessai.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class BenchReportTest {
    @Test
    void percentilesComeFromTheRecordedLatencies() {
        LatencyStats stats = new LatencyStats();
        for (int ms = 1; ms <= 100; ms++) {
            stats.recordNanos(ms * 1_000_000L);
        }
        Histogram interval = stats.takeInterval();
        assertThat(interval.getTotalCount()).isEqualTo(100);
        stats.recordNanos(500_000_000L);
        Histogram total = stats.total();
        assertThat(total.getTotalCount()).isEqualTo(101);
        // The next interval starts empty: what the progress line showed is not shown again.
        assertThat(stats.takeInterval().getTotalCount()).isZero();

        OutcomeCounts counts = new OutcomeCounts();
        for (int i = 0; i < 90; i++) {
            counts.count(Outcome.APPROVED);
        }
        for (int i = 0; i < 11; i++) {
            counts.count(Outcome.DECLINED);
        }
        BenchReport report = BenchReport.of(100, 2_000_000_000L, 101, counts, total, 3);
        assertThat(report.p50Micros()).isBetween(50_000L, 51_100L);
        assertThat(report.p99Micros()).isBetween(99_000L, 100_100L);
        assertThat(report.maxMicros()).isBetween(499_000L, 500_500L);
        assertThat(report.approvedPerSecond()).isEqualTo(45.0);
        assertThat(report.completed()).isEqualTo(101);
        assertThat(report.lines()).contains("approved: 90", "declined: 11", "approved-per-second: 45.0", "completed-after-window: 3")
                .contains("latency-p99-ms: " + BenchReport.millis(report.p99Micros()), "measured-ms: 2000 (the window, or until its last answer)");
    }

    @Test
    void latenciesBeyondTheRangeAreClampedNotLost() {
        LatencyStats stats = new LatencyStats();
        stats.recordNanos(Long.MAX_VALUE);
        stats.recordNanos(-5);
        Histogram total = stats.total();
        assertThat(total.getTotalCount()).isEqualTo(2);
        assertThat(total.getMinValue()).isZero();
        assertThat(total.getMaxValue()).isGreaterThanOrEqualTo(LatencyStats.HIGHEST_MICROS);
    }

    @Test
    void progressLineShowsTheLastSecond() {
        OutcomeCounts counts = new OutcomeCounts();
        counts.count(Outcome.APPROVED);
        counts.countError("timeout");
        Histogram second = new Histogram(LatencyStats.HIGHEST_MICROS, LatencyStats.SIGNIFICANT_DIGITS);
        second.recordValue(2_000);
        second.recordValue(8_000);
        String line = ProgressLine.format("measure", 7, 21_000, 12, counts, second);
        assertThat(line).startsWith("[   7s] measure").contains("sent=21000", "in-flight=12", "approved=1", "errors=1", "done=2",
                "max=8.00ms");
    }
}
