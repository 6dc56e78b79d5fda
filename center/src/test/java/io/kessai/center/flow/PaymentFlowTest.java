package io.kessai.center.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.card.CardRead;
import io.kessai.card.Track2;
import io.kessai.card.TrackRead;
import io.kessai.center.flow.FlowDirectory.ResponseRule.Outcome;
import io.kessai.center.journal.Advice;
import io.kessai.center.journal.JournalStore;
import io.kessai.center.journal.Payment;
import io.kessai.center.journal.PaymentState;
import io.kessai.crypto.envelope.KeyScheme;
import io.kessai.crypto.envelope.PaymentOutcome;
import io.kessai.crypto.envelope.PaymentResult;
import io.kessai.crypto.envelope.SealedEnvelope;
import io.kessai.crypto.envelope.SealedResult;
import io.kessai.crypto.hsm.KeyType;
import io.kessai.crypto.hsm.ReaderKeyMaterial;
import io.kessai.crypto.hsm.SoftwareHsm;
import io.kessai.db.Database;
import io.kessai.reader.CardReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.time.ZoneOffset;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Seed 000 S801–S811 at the center, against a real PostgreSQL, the software HSM and a scripted issuer. */
class PaymentFlowTest {
    private static final Currency JPY = Currency.getInstance("JPY");
    private static final String MERCHANT = "M-000000000001";
    private static final AtomicInteger READERS = new AtomicInteger();
    private static Path dir;
    private static Database db;
    private static SoftwareHsm hsm;
    private static JournalStore journal;

    private final InMemoryDirectory directory = new InMemoryDirectory();
    private final ScriptedGateway gateway = new ScriptedGateway();
    private PaymentFlow flow;
    private CompletionFlow completion;
    private AdviceWorker adviceWorker;
    private CardReader reader;

    @BeforeAll
    static void startDatabase() throws Exception {
        dir = Files.createTempDirectory("flow-test");
        db = Database.embedded(dir.resolve("pg"), 0, 4);
        db.migrate("center", "classpath:db/center");
        hsm = SoftwareHsm.inMemory();
        hsm.generateBdk("bdk", KeyScheme.AES128_DUKPT);
        hsm.generateLocalKey("pan-dek", KeyType.DEK_AES256);
        hsm.generateLocalKey("pan-index", KeyType.PAN_INDEX_HMAC);
        hsm.generateZpk("zpk-visa", KeyType.ZPK_TDES);
        journal = new JournalStore(db.jdbi(), Clock.systemUTC());
    }

    @AfterAll
    static void stopDatabase() {
        db.close();
    }

    @BeforeEach
    void newReader() throws Exception {
        String serial = "R-" + READERS.incrementAndGet();
        ReaderKeyMaterial material = hsm.injectReader("bdk", serial);
        reader = CardReader.provision(dir.resolve(serial + ".reader"), material, MERCHANT, "T0000001");
        directory.readers.put(material.initialKeyIdHex(), new FlowDirectory.ReaderEntry(serial, MERCHANT, "T0000001", true));
        material.destroy();
        directory.merchants.put(MERCHANT, InMemoryDirectory.merchant(MERCHANT, true));
        directory.routes.put("411111", new FlowDirectory.IssuerEntry("visa", "zpk-visa", 300));
        FlowSettings settings = flowSettings();
        flow = new PaymentFlow(hsm, journal, directory, gateway, settings, FlowMetrics.NONE, Clock.systemUTC());
        adviceWorker = new AdviceWorker(journal, hsm, gateway, settings);
        completion = new CompletionFlow(journal, directory, adviceWorker, settings, Clock.systemUTC());
    }

    private static FlowSettings flowSettings() {
        return new FlowSettings("pan-dek", "pan-index", Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    private static CardRead card(String track2) throws Exception {
        return TrackRead.of(Track2.parse(track2), Optional.empty());
    }

    private SealedEnvelope seal(long amountMinor, String pin) throws Exception {
        return reader.seal(card("4111111111111111=30121010000012345678"), amountMinor, JPY, pin == null ? null : pin.toCharArray(),
                LocalDateTime.of(2026, 11, 21, 10, 0));
    }

    @Test
    void approvalAsksForItemsThenCompletesWithTheIssuer() throws Exception {
        SealedEnvelope envelope = seal(1500, "1234");
        TerminalReply reply = flow.receiveEnvelope(envelope.toArmored().getBytes(), Payment.Channel.HTTPS);

        assertThat(reply.outcome()).isEqualTo(Outcome.APPROVED);
        assertThat(reply.approvalCode()).contains("A12345");
        assertThat(reply.questions()).extracting(FlowDirectory.ItemQuestion::key)
                .containsExactly("payment_method", "installments", "customer_email", "table");
        PaymentResult verified = reader.acceptResult(SealedResult.parse(reply.sealedResult()));
        assertThat(verified.outcome()).isEqualTo(PaymentOutcome.APPROVED);
        assertThat(verified.paymentId()).isEqualTo(reply.paymentId());

        AuthorizationRequest sent = gateway.authorizations.get(0);
        assertThat(sent.pinUnderZoneKey()).isPresent();
        assertThat(sent.amountMinor()).isEqualTo(1500);
        Payment journaled = journal.find(reply.paymentId()).orElseThrow();
        assertThat(journaled.state()).isEqualTo(PaymentState.ADDITIONAL_ITEMS_REQUESTED);
        assertThat(journaled.panMasked()).isEqualTo("411111******1111");
        assertThat(journaled.stan()).isPresent();
        assertThat(journaled.rrn()).get().asString().hasSize(12);

        adviceWorker.start();
        try {
            CompletionReply done = completion.submit(reply.paymentId(), Map.of("payment_method", "61", "installments", "3"));
            assertThat(done.issuerAcknowledged()).isTrue();
        } finally {
            adviceWorker.close();
        }
        assertThat(journal.find(reply.paymentId()).orElseThrow().state()).isEqualTo(PaymentState.COMPLETED);
        AdviceMessage advice = gateway.advices.get(0);
        assertThat(advice.kind()).isEqualTo(Advice.Kind.COMPLETION);
        assertThat(advice.paymentMethodCode()).contains("61");
        assertThat(advice.installmentCount()).contains(3);
        assertThat(advice.pan().digits()).isEqualTo("4111111111111111");
        assertThat(advice.originalStan()).isEqualTo(journaled.stan().orElseThrow());

        // The same answers again: the same confirmation, no second advice.
        assertThat(completion.submit(reply.paymentId(), Map.of("payment_method", "61", "installments", "3")).duplicate()).isTrue();
        assertThatThrownBy(() -> completion.submit(reply.paymentId(), Map.of("payment_method", "10")))
                .isInstanceOfSatisfying(TerminalException.class,
                        e -> assertThat(e.code()).isEqualTo(TerminalException.Code.PAYMENT_NOT_AWAITING_ITEMS));
    }

    @Test
    void theSameEnvelopeTwiceGetsTheFirstAnswerAndOneAuthorization() throws Exception {
        SealedEnvelope envelope = seal(800, null);
        TerminalReply first = flow.receiveEnvelope(envelope.toBytes(), Payment.Channel.HTTPS);
        TerminalReply again = flow.receiveEnvelope(envelope.toArmored().getBytes(), Payment.Channel.EMAIL);
        assertThat(again.duplicate()).isTrue();
        assertThat(again.paymentId()).isEqualTo(first.paymentId());
        assertThat(again.sealedResult()).isEqualTo(first.sealedResult());
        assertThat(gateway.authorizations).hasSize(1);
    }

    @Test
    void declineAndReenterComeFromTheDe39Table() throws Exception {
        gateway.answer = r -> CompletableFuture.completedFuture(new IssuerAnswer("51", Optional.empty()));
        TerminalReply declined = flow.receiveEnvelope(seal(999_999, null).toBytes(), Payment.Channel.HTTPS);
        assertThat(declined.outcome()).isEqualTo(Outcome.DECLINED);
        assertThat(declined.reason()).isEqualTo("insufficient_funds");
        assertThat(declined.messageEn()).isEqualTo("Over the credit limit");
        assertThat(declined.questions()).isEmpty();

        gateway.answer = r -> CompletableFuture.completedFuture(new IssuerAnswer("55", Optional.empty()));
        TerminalReply reenter = flow.receiveEnvelope(seal(100, "9999").toBytes(), Payment.Channel.HTTPS);
        assertThat(reenter.outcome()).isEqualTo(Outcome.REENTER);
        assertThat(journal.find(reenter.paymentId()).orElseThrow().state()).isEqualTo(PaymentState.REENTER);
    }

    @Test
    void aSilentIssuerMeansUnavailableAndAReversalUntilAcknowledged() throws Exception {
        gateway.answer = r -> ScriptedGateway.never();
        gateway.acknowledgeAdvices = false;
        TerminalReply reply = flow.receiveEnvelope(seal(700, null).toBytes(), Payment.Channel.HTTPS);
        assertThat(reply.outcome()).isEqualTo(Outcome.UNAVAILABLE);
        assertThat(reply.messageEn()).contains("not charged");
        assertThat(journal.find(reply.paymentId()).orElseThrow().state()).isEqualTo(PaymentState.ISSUER_UNAVAILABLE);

        // The issuer is still down: the reversal stays queued with a backoff.
        Instant firstAttempt = Instant.parse("2026-11-21T10:00:00Z");
        AtomicReference<Instant> now = new AtomicReference<>(firstAttempt);
        Clock attemptClock = new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now.get(); }
        };
        AdviceWorker worker = new AdviceWorker(journal, hsm, gateway, flowSettings(), attemptClock);
        worker.runOnce();
        assertThat(journal.adviceAcknowledged(reply.paymentId(), Advice.Kind.REVERSAL)).isFalse();
        gateway.acknowledgeAdvices = true;
        db.jdbi().useHandle(h -> h.execute("UPDATE center.issuer_advices SET next_attempt_at = now() WHERE payment_id = ?",
                reply.paymentId()));
        now.set(firstAttempt.plusSeconds(1));
        worker.runOnce();
        assertThat(journal.adviceAcknowledged(reply.paymentId(), Advice.Kind.REVERSAL)).isTrue();
        assertThat(journal.find(reply.paymentId()).orElseThrow().state()).isEqualTo(PaymentState.REVERSED);
        assertThat(gateway.advices).extracting(AdviceMessage::kind).containsOnly(Advice.Kind.REVERSAL);
        // A repeat keeps its STAN and original data (the issuer matches on them) but is a new
        // transmission (DE 7), so the link never refuses it as the key of the attempt that timed out.
        assertThat(gateway.advices).extracting(AdviceMessage::stan).containsOnly(gateway.advices.get(0).stan());
        assertThat(gateway.advices).extracting(AdviceMessage::transmittedAt)
                .containsExactly(firstAttempt, firstAttempt.plusSeconds(1));
    }

    @Test
    void noRouteIsTheCentersOwnDecline() throws Exception {
        directory.routes.clear();
        TerminalReply reply = flow.receiveEnvelope(seal(100, null).toBytes(), Payment.Channel.HTTPS);
        assertThat(reply.outcome()).isEqualTo(Outcome.DECLINED);
        assertThat(reply.reason()).isEqualTo("card_not_accepted");
        assertThat(gateway.authorizations).isEmpty();
    }

    @Test
    void refusalsChangeNothing() throws Exception {
        byte[] tampered = seal(100, null).toBytes();
        tampered[tampered.length - 5] ^= 1;
        assertThatThrownBy(() -> flow.receiveEnvelope(tampered, Payment.Channel.HTTPS))
                .isInstanceOfSatisfying(TerminalException.class,
                        e -> assertThat(e.code()).isEqualTo(TerminalException.Code.ENVELOPE_MAC_MISMATCH));
        assertThatThrownBy(() -> flow.receiveEnvelope("hello".getBytes(), Payment.Channel.HTTPS))
                .isInstanceOfSatisfying(TerminalException.class,
                        e -> assertThat(e.code()).isEqualTo(TerminalException.Code.ENVELOPE_MALFORMED));

        directory.readers.replaceAll((k, v) -> new FlowDirectory.ReaderEntry(v.serial(), v.merchantId(), v.terminalId(), false));
        SealedEnvelope fromDisabled = seal(100, null);
        assertThatThrownBy(() -> flow.receiveEnvelope(fromDisabled.toBytes(), Payment.Channel.HTTPS))
                .isInstanceOfSatisfying(TerminalException.class,
                        e -> assertThat(e.code()).isEqualTo(TerminalException.Code.READER_DISABLED));
        directory.readers.clear();
        assertThatThrownBy(() -> flow.receiveEnvelope(seal(100, null).toBytes(), Payment.Channel.HTTPS))
                .isInstanceOfSatisfying(TerminalException.class,
                        e -> assertThat(e.code()).isEqualTo(TerminalException.Code.UNKNOWN_READER));
        assertThat(journal.findByKsn(fromDisabled.scheme().code(), fromDisabled.ksnHex())).isEmpty();
        assertThat(gateway.authorizations).isEmpty();
    }

    @Test
    void badAdditionalItemsAreNamed() throws Exception {
        TerminalReply reply = flow.receiveEnvelope(seal(100, null).toBytes(), Payment.Channel.HTTPS);
        assertThat(itemsError(reply.paymentId(), Map.of("installments", "3"))).isEqualTo("payment_method is required");
        assertThat(itemsError(reply.paymentId(), Map.of("payment_method", "99"))).contains("payment_method must be one of [10, 21");
        assertThat(itemsError(reply.paymentId(), Map.of("payment_method", "61"))).contains("installment count 0 does not fit method 61");
        assertThatThrownBy(() -> completion.submit(reply.paymentId(), Map.of("payment_method", "10", "colour", "red")))
                .isInstanceOfSatisfying(TerminalException.class, e -> {
                    assertThat(e.code()).isEqualTo(TerminalException.Code.UNKNOWN_FIELD);
                    assertThat(e.field()).isEqualTo("colour");
                });
        assertThat(itemsError(reply.paymentId(), Map.of("payment_method", "10", "customer_email", "nope")))
                .contains("is not an e-mail address");
        assertThat(journal.find(reply.paymentId()).orElseThrow().state()).isEqualTo(PaymentState.ADDITIONAL_ITEMS_REQUESTED);
        assertThatThrownBy(() -> completion.submit("pay_nope", Map.of("payment_method", "10")))
                .isInstanceOfSatisfying(TerminalException.class, e -> assertThat(e.code()).isEqualTo(TerminalException.Code.PAYMENT_NOT_FOUND));
    }

    @Test
    void aCrashAfterSendingEndsInAReversal() throws Exception {
        gateway.answer = r -> ScriptedGateway.never();
        directory.routes.put("411111", new FlowDirectory.IssuerEntry("visa", "zpk-visa", 3_000));
        CompletableFuture<TerminalReply> stuck = CompletableFuture.supplyAsync(() -> {
            try {
                return flow.receiveEnvelope(seal(600, null).toBytes(), Payment.Channel.HTTPS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // Simulate the crash: while the request is out, a new node recovers the journal.
        List<Payment> unanswered;
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        do {
            unanswered = journal.unanswered().stream().filter(p -> p.readerSerial().equals(reader.serial())).toList();
        } while ((unanswered.isEmpty() || unanswered.get(0).state() != PaymentState.SENT_TO_ISSUER) && System.nanoTime() < deadline);
        assertThat(unanswered).singleElement().extracting(Payment::state).isEqualTo(PaymentState.SENT_TO_ISSUER);
        // With the default grace a live node's payment is left alone; the crashed node's is taken over.
        assertThat(new Recovery(journal, hsm, Clock.systemUTC(), Duration.ofMinutes(5)).run()).isZero();
        assertThat(journal.find(unanswered.get(0).id()).orElseThrow().state()).isEqualTo(PaymentState.SENT_TO_ISSUER);
        assertThat(new Recovery(journal, hsm, Clock.systemUTC(), Duration.ZERO).run()).isGreaterThanOrEqualTo(1);
        String id = unanswered.get(0).id();
        assertThat(journal.find(id).orElseThrow().state()).isEqualTo(PaymentState.ISSUER_UNAVAILABLE);
        adviceWorker.runOnce();
        assertThat(journal.find(id).orElseThrow().state()).isEqualTo(PaymentState.REVERSED);
        stuck.handle((r, e) -> null).join();
    }

    private String itemsError(String paymentId, Map<String, String> answers) {
        try {
            completion.submit(paymentId, answers);
            throw new AssertionError("accepted");
        } catch (TerminalException e) {
            assertThat(e.code()).isEqualTo(TerminalException.Code.INVALID_ITEMS);
            return e.getMessage();
        }
    }
}
