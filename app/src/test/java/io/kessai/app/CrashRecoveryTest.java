package io.kessai.app;

import static io.kessai.app.EndToEndWorld.SLOW;
import static io.kessai.app.EndToEndWorld.jpy;
import static org.assertj.core.api.Assertions.assertThat;

import io.kessai.center.journal.Payment;
import io.kessai.center.journal.PaymentState;
import io.kessai.crypto.envelope.SealedEnvelope;
import io.kessai.issuer.store.Totals;
import io.kessai.phone.CenterAnswer;
import io.kessai.phone.CenterClient;
import io.kessai.phone.CenterTrust;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 4 §7's hardest case with real processes: a center node (a JVM of its own, `kessai center
 * --config`, sharing the world's PostgreSQL and key store) is killed with SIGKILL after it journaled
 * and sent the 0100 and before the issuer's answer; restarted on the same database, it answers the
 * payment "unavailable" and reverses it, and the issuer's totals come out with no hold left.
 */
@ExtendWith(EndToEndWorld.Use.class)
class CrashRecoveryTest {
    static final int GRACE_SECONDS = 5;

    @Test
    void aCenterKilledBetweenSendingAndTheAnswerReversesAfterItsRestart() throws Exception {
        EndToEndWorld world = EndToEndWorld.get();
        Path config = nodeConfig(world);
        Totals.CurrencyTotals before = jpy(world.jcb);
        SealedEnvelope envelope = EndToEndWorld.seal(world.reader, SLOW, 4_200, null);
        int scheme = envelope.scheme().code();
        String ksn = envelope.ksnHex();

        try (CenterProcess first = CenterProcess.start(world.processLogs.resolve("node-1.log"), Map.of(), "center", "--config",
                config.toString())) {
            URI node = first.awaitCenter();
            awaitHealthy(world, node);
            CenterClient phone = new CenterClient(node, CenterTrust.pinned(world.center.certificateFile()), Duration.ofSeconds(60));
            CompletableFuture<Optional<CenterAnswer>> lost = CompletableFuture.supplyAsync(() -> {
                try {
                    return Optional.of(phone.send(envelope));
                } catch (Exception e) {
                    return Optional.empty(); // the node died under the request: the phone hears nothing
                }
            });
            EndToEndWorld.awaitTrue("the node journals the payment as sent", Duration.ofSeconds(30),
                    () -> state(world, scheme, ksn).equals(Optional.of(PaymentState.SENT_TO_ISSUER)));
            EndToEndWorld.awaitTrue("the issuer holds the amount", Duration.ofSeconds(30),
                    () -> jpy(world.jcb).authorizationsApproved().count() == before.authorizationsApproved().count() + 1);
            first.kill();
            assertThat(lost.get()).isEmpty();
        }
        assertThat(state(world, scheme, ksn)).as("nobody answered it").contains(PaymentState.SENT_TO_ISSUER);
        assertThat(jpy(world.jcb).openHolds().count()).isEqualTo(before.openHolds().count() + 1);
        // The restarted node's start pass takes over payments untouched for the grace (5 s, below): a node that
        // starts faster than that would leave it to the next sweep, and this test reads the start pass's line.
        Thread.sleep(GRACE_SECONDS * 1_000L + 1_000L);

        try (CenterProcess second = CenterProcess.start(world.processLogs.resolve("node-2.log"), Map.of(), "center", "--config",
                config.toString())) {
            URI node = second.awaitCenter();
            // At start or at its next sweep, once the payment is KESSAI_RECOVERY_GRACE_SECONDS untouched.
            EndToEndWorld.awaitTrue("the restarted node takes the orphaned payment over", Duration.ofSeconds(60),
                    () -> {
                        try {
                            return second.output().contains("answered unavailable, reversal queued");
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
            EndToEndWorld.awaitTrue("the reversal releases the hold", Duration.ofSeconds(60),
                    () -> jpy(world.jcb).openHolds().count() == before.openHolds().count());
            EndToEndWorld.awaitTrue("the journal records the acknowledged reversal", Duration.ofSeconds(60),
                    () -> state(world, scheme, ksn).equals(Optional.of(PaymentState.REVERSED)));
            // The phone tries again at the restarted node: the same envelope gets the journal's answer.
            CenterAnswer again = new CenterClient(node, CenterTrust.pinned(world.center.certificateFile()), Duration.ofSeconds(30))
                    .send(envelope);
            assertThat(again.outcome()).isEqualTo("unavailable");
            assertThat(again.duplicate()).isTrue();
            assertThat(second.stop()).as("exit code after SIGTERM").isIn(0, 130, 143);
        }

        Totals.CurrencyTotals after = jpy(world.jcb);
        assertThat(after.authorizationsApproved().count()).isEqualTo(before.authorizationsApproved().count() + 1);
        assertThat(after.reversals().count()).isEqualTo(before.reversals().count() + 1);
        assertThat(after.reversals().amountMinor()).isEqualTo(before.reversals().amountMinor() + 4_200);
        assertThat(after.openHolds()).isEqualTo(before.openHolds());
        assertThat(after.completions()).isEqualTo(before.completions());
        assertThat(after.postedAmountMinor()).isEqualTo(before.postedAmountMinor());
        Payment payment = world.center.journal().findByKsn(scheme, ksn).orElseThrow();
        assertThat(payment.outcome()).isPresent();
    }

    private static Optional<PaymentState> state(EndToEndWorld world, int scheme, String ksn) {
        return world.center.journal().findByKsn(scheme, ksn).map(Payment::state);
    }

    private static void awaitHealthy(EndToEndWorld world, URI node) throws Exception {
        HttpsProbe probe = new HttpsProbe(node, world.center.certificateFile());
        EndToEndWorld.awaitTrue("the node's issuer links sign on", Duration.ofSeconds(60), () -> {
            try {
                return probe.get("/health").status() == 200;
            } catch (Exception e) {
                return false;
            }
        });
    }

    /** A production node's configuration file: the world's database as external PostgreSQL, its key store. */
    private static Path nodeConfig(EndToEndWorld world) throws Exception {
        Matcher port = Pattern.compile("on port (\\d+)").matcher(world.database.description());
        assertThat(port.find()).as(world.database.description()).isTrue();
        Map<String, String> values = new HashMap<>(world.centerValues());
        values.put("KESSAI_DB_URL", "jdbc:postgresql://localhost:" + port.group(1) + "/postgres");
        values.put("KESSAI_DB_USER", "postgres");
        values.put("KESSAI_DB_POOL_SIZE", "12");
        // The restarted node takes over what the killed one left once it is 5 s untouched (default 150 s).
        values.put("KESSAI_RECOVERY_GRACE_SECONDS", Integer.toString(GRACE_SECONDS));
        values.put("KESSAI_LOG_FORMAT", "json");
        Path config = world.dir.resolve("node.properties");
        Files.writeString(config, values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted()
                .collect(Collectors.joining("\n", "", "\n")));
        return config;
    }
}
