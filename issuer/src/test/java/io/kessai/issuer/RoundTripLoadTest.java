package io.kessai.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import io.kessai.issuer.load.IssuerBench;
import io.kessai.issuer.load.LoadReport;
import io.kessai.issuer.load.RoundTripLoad;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's client against a real host: every request answered, decided once, and journaled. */
class RoundTripLoadTest extends IssuerTestBase {
    @Test
    void pipelinedLoadIsAnsweredInFullAndEveryHoldIsJournaled() throws Exception {
        List<String> cards = IssuerBench.cards(50);
        List<String> lines = new ArrayList<>(List.of("pan,expiry,status,kind,limit_minor,currency,issuer_code"));
        cards.forEach(pan -> lines.add(pan + ",4912,active,credit," + IssuerBench.CARD_LIMIT_MINOR + ",392,BENCH"));
        TestCards.write(accountsFile, lines);
        restart(config().build());

        final int warmup = 1_000;
        final int count = 5_000;
        LoadReport report = new RoundTripLoad("127.0.0.1", host.port(), cards, 256).run(0, warmup, count);

        assertThat(report.authorizations()).isEqualTo(count);
        assertThat(report.approved()).isEqualTo(count);
        assertThat(report.declined()).isZero();
        assertThat(report.authorizationsPerSecond()).isPositive();
        assertThat(report.latencyP50Micros()).isLessThanOrEqualTo(report.latencyP99Micros());
        assertThat(report.lines()).contains("authorizations: 5000", "window: 256");
        var jpy = host.totals().perCurrency().get(0);
        assertThat(jpy.authorizationsApproved().count()).isEqualTo(warmup + count);
        assertThat(jpy.openHolds().amountMinor()).isEqualTo((warmup + count) * 1_000L);
        assertThat(host.committedBatches()).isLessThan(warmup + count);
    }
}
