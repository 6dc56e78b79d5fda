package io.kessai.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kessai.center.flow.PaymentPhase;
import io.kessai.center.ops.PaymentMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PhaseLatenciesTest {
    private final PaymentMetrics metrics = new PaymentMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    private final PhaseLatencies phases = new PhaseLatencies(metrics);

    private void record(PaymentPhase phase, int times, long millis) {
        for (int i = 0; i < times; i++) {
            metrics.phaseFinished(phase.label(), Duration.ofMillis(millis));
        }
    }

    @Test
    void eachProgressLineShowsThePhasesOfItsOwnSecondOnly() {
        record(PaymentPhase.JOURNAL_SENT, 100, 200);
        // The first call only starts the count: what happened before the first line is not shown.
        assertThat(phases.sinceLastCall()).isEmpty();

        record(PaymentPhase.PREPARE, 100, 1);
        record(PaymentPhase.JOURNAL_SENT, 100, 5);
        record(PaymentPhase.JOURNAL_SENT, 2, 90);
        String second = phases.sinceLastCall();
        // The 200 ms payments were before this second; 2 of 102 at 90 ms are above the p99.
        assertThat(second).startsWith("phases p99 ≤ prepare ").contains(" issuer - ").endsWith(" journal_answer -");
        double sentP99 = Double.parseDouble(second.replaceAll(".*journal_sent ([0-9.]+) .*", "$1"));
        // A bucket's upper bound: at least the 90 ms, within the histogram's resolution of it (not the 200 ms).
        assertThat(sentP99).isBetween(90.0, 120.0);

        assertThat(phases.sinceLastCall()).isEqualTo("phases p99 ≤ prepare - journal_sent - issuer - journal_answer -");
    }
}
