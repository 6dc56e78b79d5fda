package io.kessai.center.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.kessai.center.flow.FlowDirectory;
import io.kessai.center.flow.IssuerAnswer;
import io.kessai.center.flow.Recovery;
import io.kessai.center.journal.Advice;
import io.kessai.center.journal.PaymentState;
import io.kessai.crypto.envelope.PaymentOutcome;
import io.kessai.crypto.envelope.SealedEnvelope;
import io.kessai.crypto.envelope.SealedResult;
import io.kessai.reader.CardReader;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Nothing lost, nothing twice: the relay away and back, the center stopped in the middle of a payment. */
class MailDurabilityTest {

    @Test
    void relayDownThenUpDeliversEveryMailExactlyOnce() throws Exception {
        try (MailRig rig = new MailRig("mail-relay")) {
            int relayPort;
            try (ServerSocket free = new ServerSocket(0)) {
                relayPort = free.getLocalPort();
            }
            rig.startMail(rig.settings(relayPort, 1_000));
            String phone = "relay@docomo.ne.jp";
            CardReader reader = rig.newReader(phone);
            int payments = 5;
            for (int i = 0; i < payments; i++) {
                SealedEnvelope envelope = MailRig.seal(reader, 1000 + i, "1234");
                rig.deliver(PhoneMails.attachment(phone, envelope.toBytes(), "e" + i + ".dat", "application/octet-stream"), phone);
            }
            // Nobody listens on the relay port: every mail waits in the outbox, retried with backoff.
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> rig.db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM center.mail_outbox WHERE state = 'PENDING' AND attempts >= 2").mapTo(Long.class).one())
                    == payments * 2L);

            assertThat(rig.mail.healthCheck(Duration.ZERO, Clock.systemUTC()).check().detail()).contains("pending 10")
                    .contains("is the relay reachable?");
            assertThat(rig.registry.get("kessai.mail.outbox.oldest.pending.seconds").gauge().value()).isGreaterThanOrEqualTo(0);
            assertThat(rig.registry.get("kessai.mail.received").tag("disposition", "payment").counter().count()).isEqualTo(payments);
            assertThat(rig.registry.get("kessai.mail.outbox").tag("state", "pending").gauge().value()).isEqualTo(payments * 2.0);

            GreenMail relay = new GreenMail(new ServerSetup(relayPort, "127.0.0.1", "smtp"));
            relay.start();
            try {
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> rig.mail.store().outboxCounts().getOrDefault("SENT", 0L)
                        == payments * 2L);
                Thread.sleep(500);
                MimeMessage[] delivered = relay.getReceivedMessages();
                List<String> ids = new ArrayList<>();
                for (MimeMessage m : delivered) {
                    ids.add(m.getMessageID());
                }
                assertThat(ids).hasSize(payments * 2).doesNotHaveDuplicates();
                assertThat(rig.mail.healthCheck(Duration.ZERO, Clock.systemUTC()).check().detail()).startsWith("pending 0,");
                assertThat(Arrays.stream(delivered).filter(m -> "result".equals(MailChannelTest.header(m, MailHeaders.KIND)))).hasSize(payments);
            } finally {
                relay.stop();
            }
        }
    }

    @Test
    void centerStoppedInTheMiddleOfAPaymentAnswersOnceAfterRestartAndNeverChargesTwice() throws Exception {
        try (MailRig rig = new MailRig("mail-crash")) {
            rig.directory.routes.put("411111", new FlowDirectory.IssuerEntry("visa", "zpk-visa", 60_000));
            rig.startMail();
            String phone = "crash@docomo.ne.jp";
            CardReader reader = rig.newReader(phone);
            CountDownLatch issuerHolds = new CountDownLatch(1);
            rig.gateway.answer = r -> CompletableFuture.supplyAsync(() -> {
                try {
                    issuerHolds.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new IssuerAnswer("00", Optional.of("A99999"));
            });
            SealedEnvelope envelope = MailRig.seal(reader, 2500, "1234");
            byte[] mail = PhoneMails.attachment(phone, envelope.toBytes(), "e.dat", "application/octet-stream");
            ExecutorService phoneSide = Executors.newSingleThreadExecutor();
            Future<?> firstDelivery = phoneSide.submit(() -> {
                rig.deliver(mail, phone);
                return null;
            });
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> rig.journal.findByKsn(envelope.scheme().code(),
                    envelope.ksnHex()).map(p -> p.state() == PaymentState.SENT_TO_ISSUER).orElse(false));

            // The center goes down while the issuer has the request: the phone's server never gets its 250.
            // A kill cannot be done inside one JVM; what it leaves is the journal row in SENT_TO_ISSUER, and
            // the restarted center's recovery sees exactly that while the old flow is still stuck.
            Thread stopping = Thread.ofPlatform().start(rig::stopMail);
            int recovered = new Recovery(rig.journal, rig.hsm, Clock.systemUTC(), Duration.ZERO).run(); // a single node restarting
            assertThat(recovered).isEqualTo(1);
            String paymentId = rig.journal.findByKsn(envelope.scheme().code(), envelope.ksnHex()).orElseThrow().id();
            long reversals = rig.db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM center.issuer_advices WHERE payment_id = :p"
                    + " AND kind = :k").bind("p", paymentId).bind("k", Advice.Kind.REVERSAL.name()).mapTo(Long.class).one());
            assertThat(reversals).isEqualTo(1L);
            // The issuer's late approval finds the payment already answered 'unavailable': that answer stands.
            issuerHolds.countDown();
            stopping.join();
            try {
                firstDelivery.get();
            } catch (Exception refused) {
                // the connection went away with the old center
            }
            phoneSide.shutdown();

            // Restarted; the phone's server delivers the same mail again.
            rig.startMail();
            rig.deliver(mail, phone);
            List<MimeMessage> results = rig.awaitMails(phone, "result", 1);
            // The reader accepts the first result mail; any repeat carries the same payment and the same answer.
            assertThat(reader.acceptResult(SealedResult.parse(MailChannelTest.attachment(results.getFirst(), MailComposer.RESULT_FILE)))
                    .outcome()).isEqualTo(PaymentOutcome.UNAVAILABLE);
            for (MimeMessage result : results) {
                assertThat(MailChannelTest.header(result, MailHeaders.PAYMENT)).isEqualTo(paymentId);
                assertThat(result.getSubject()).contains("Unavailable (not charged)");
            }
            assertThat(rig.gateway.authorizations).hasSize(1);
            assertThat(rig.journal.find(paymentId).orElseThrow().state()).isIn(PaymentState.ISSUER_UNAVAILABLE, PaymentState.REVERSED);
        }
    }
}
