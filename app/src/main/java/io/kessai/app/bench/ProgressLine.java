package io.kessai.app.bench;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/** The once-a-second line of a load run: where it is, what came back in the last second, its latency. */
final class ProgressLine {
    private ProgressLine() {}

    static String format(String phase, long second, long sent, long inFlight, OutcomeCounts phaseCounts, Histogram lastSecond) {
        return String.format(Locale.ROOT,
                "[%4ds] %-7s sent=%d in-flight=%d approved=%d declined=%d reenter=%d unavailable=%d errors=%d"
                        + " | last 1s: done=%d p50=%sms p99=%sms max=%sms",
                second, phase, sent, inFlight, phaseCounts.get(Outcome.APPROVED), phaseCounts.get(Outcome.DECLINED),
                phaseCounts.get(Outcome.REENTER), phaseCounts.get(Outcome.UNAVAILABLE), phaseCounts.get(Outcome.ERROR),
                lastSecond.getTotalCount(), BenchReport.millis(lastSecond.getValueAtPercentile(50)),
                BenchReport.millis(lastSecond.getValueAtPercentile(99)), BenchReport.millis(lastSecond.getMaxValue()));
    }
}
