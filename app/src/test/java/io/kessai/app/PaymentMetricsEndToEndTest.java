package io.kessai.app;

import static io.kessai.app.EndToEndWorld.APPROVES;
import static io.kessai.app.EndToEndWorld.LOW_LIMIT;
import static io.kessai.app.EndToEndWorld.SILENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.kessai.center.registry.IssuerDraft;
import io.kessai.center.registry.IssuerLinkDraft;
import io.kessai.phone.CenterClient;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 4 §6 as an operator scrapes it: after real payments, GET /metrics counts them by outcome, their
 * latency histogram has one observation each, and each issuer link's gauge says whether it is signed on.
 */
@ExtendWith(EndToEndWorld.Use.class)
class PaymentMetricsEndToEndTest {
    static EndToEndWorld world;
    static HttpsProbe probe;

    @BeforeAll
    static void world() throws Exception {
        world = EndToEndWorld.get();
        probe = world.probe();
    }

    /** The sum of a metric's samples whose labels include {@code label} (Prometheus text format). */
    static double sample(String scrape, String name, String label) {
        double sum = 0;
        boolean found = false;
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + "{") && line.contains(label)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        assertThat(found).as(name + " with " + label + " in /metrics").isTrue();
        return sum;
    }

    static String scrape() throws Exception {
        HttpsProbe.Answer answer = probe.get("/metrics");
        assertThat(answer.status()).isEqualTo(200);
        return answer.body();
    }

    @Test
    void paymentsAreCountedByOutcomeWithTheirLatencies() throws Exception {
        String before = scrape();
        CenterClient phone = world.phone();
        List<String> outcomes = List.of(
                phone.send(EndToEndWorld.seal(world.reader, APPROVES, 110, null)).outcome(),
                phone.send(EndToEndWorld.seal(world.reader, APPROVES, 120, null)).outcome(),
                phone.send(EndToEndWorld.seal(world.reader, LOW_LIMIT, 50_000, null)).outcome(),
                phone.send(EndToEndWorld.seal(world.reader, APPROVES, 130, "0000")).outcome(),
                phone.send(EndToEndWorld.seal(world.reader, SILENT, 140, null)).outcome());
        assertThat(outcomes).containsExactly("approved", "approved", "declined", "reenter", "unavailable");
        // A duplicate is answered from the journal: not a second payment in the counts.
        String after = scrape();

        Map<String, Integer> expected = Map.of("approved", 2, "declined", 1, "reenter", 1, "unavailable", 1);
        for (var outcome : expected.entrySet()) {
            String label = "outcome=\"" + outcome.getKey() + "\"";
            assertThat(sample(after, "kessai_payments_total", label) - sample(before, "kessai_payments_total", label))
                    .as(outcome.getKey()).isEqualTo(outcome.getValue().doubleValue());
            assertThat(sample(after, "kessai_payment_duration_seconds_count", label)
                    - sample(before, "kessai_payment_duration_seconds_count", label)).as(outcome.getKey()).isEqualTo(outcome.getValue().doubleValue());
            assertThat(sample(after, "kessai_payment_duration_seconds_bucket", label + ",le=\"+Inf\"")
                    - sample(before, "kessai_payment_duration_seconds_bucket", label + ",le=\"+Inf\""))
                    .isEqualTo(outcome.getValue().doubleValue());
        }
        // Each phase of a payment that reached the journal is timed; the silent issuer's payment never got
        // past waiting for its issuer, so it has no issuer or answer phase.
        Map<String, Integer> phases = Map.of("prepare", 5, "journal_sent", 5, "issuer", 4, "journal_answer", 4);
        for (var phase : phases.entrySet()) {
            String label = "phase=\"" + phase.getKey() + "\"";
            assertThat(sample(after, "kessai_payment_phase_duration_seconds_count", label)
                    - sample(before, "kessai_payment_phase_duration_seconds_count", label)).as(phase.getKey())
                    .isEqualTo(phase.getValue().doubleValue());
        }
        // The silent issuer's payment waited out its 1.5 s timeout: its latency shows it.
        double unavailableSeconds = sample(after, "kessai_payment_duration_seconds_sum", "outcome=\"unavailable\"")
                - sample(before, "kessai_payment_duration_seconds_sum", "outcome=\"unavailable\"");
        assertThat(unavailableSeconds).isGreaterThanOrEqualTo(EndToEndWorld.VISA_TIMEOUT_MILLIS / 1000.0);
    }

    @Test
    void eachIssuerLinkHasAGaugeThatFollowsItsState() throws Exception {
        String now = scrape();
        assertThat(sample(now, "kessai_issuer_link_up", "issuer=\"visa-e2e\"")).isEqualTo(1.0);
        assertThat(sample(now, "kessai_issuer_link_up", "issuer=\"jcb-e2e\"")).isEqualTo(1.0);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // free again once closed: nothing listens there
        }
        world.center.registry().createIssuer(new IssuerDraft("down-e2e", "Unreachable issuer",
                new IssuerLinkDraft("127.0.0.1", closedPort, "binary2", false, 1_000), "zpk-e2e", "00000000001", List.of(), null), "test");
        try {
            EndToEndWorld.awaitTrue("a gauge for the new issuer", Duration.ofSeconds(10), () -> scrapeQuietly().contains("issuer=\"down-e2e\""));
            assertThat(sample(scrape(), "kessai_issuer_link_up", "issuer=\"down-e2e\"")).isEqualTo(0.0);
            assertThat(probe.get("/health").status()).isEqualTo(503);
        } finally {
            world.center.registry().deleteIssuer("down-e2e", "test");
        }
        EndToEndWorld.awaitTrue("the removed issuer's gauge goes", Duration.ofSeconds(10), () -> !scrapeQuietly().contains("down-e2e"));
        assertThat(sample(scrape(), "kessai_issuer_link_up", "issuer=\"visa-e2e\"")).isEqualTo(1.0);
        assertThat(probe.get("/health").status()).isEqualTo(200);
    }

    private static String scrapeQuietly() {
        try {
            return scrape();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
