package io.kessai.app;

import static io.kessai.app.EndToEndWorld.APPROVES;
import static io.kessai.app.EndToEndWorld.DEBIT;
import static io.kessai.app.EndToEndWorld.EXPIRED;
import static io.kessai.app.EndToEndWorld.JCB_APPROVES;
import static io.kessai.app.EndToEndWorld.JCB_PIN;
import static io.kessai.app.EndToEndWorld.LOST;
import static io.kessai.app.EndToEndWorld.LOW_LIMIT;
import static io.kessai.app.EndToEndWorld.NOT_ISSUED;
import static io.kessai.app.EndToEndWorld.NO_ROUTE;
import static io.kessai.app.EndToEndWorld.SILENT;
import static io.kessai.app.EndToEndWorld.STOLEN;
import static io.kessai.app.EndToEndWorld.VISA_PIN;
import static io.kessai.app.EndToEndWorld.jpy;
import static org.assertj.core.api.Assertions.assertThat;

import io.kessai.center.journal.Payment;
import io.kessai.center.journal.PaymentState;
import io.kessai.crypto.envelope.SealedEnvelope;
import io.kessai.issuer.IssuerHost;
import io.kessai.issuer.store.Totals;
import io.kessai.phone.CenterAnswer;
import io.kessai.phone.CenterClient;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Seed 000 end to end with every part real: reader key files, the phone over HTTPS (the center's
 * self-signed certificate pinned), the center on an embedded PostgreSQL, two card companies over ISO
 * 8583 on TCP. Each outcome of issue 4 §7, checked at the terminal, in the center's journal and in the
 * issuer's own totals.
 */
@ExtendWith(EndToEndWorld.Use.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {
    static EndToEndWorld world;

    @BeforeAll
    static void world() {
        world = EndToEndWorld.get();
    }

    static Payment payment(CliRun run) {
        Matcher id = Pattern.compile("payment=(pay_[0-9a-z]{26})").matcher(run.out());
        assertThat(id.find()).as(run.out()).isTrue();
        return world.center.journal().find(id.group(1)).orElseThrow();
    }

    @Test
    @Order(1)
    void approvedWithPinThenCompletedWithTheIssuerAndTheMerchantsItemStored() throws Exception {
        // Earlier test classes share this world: let their completions land before counting.
        EndToEndWorld.awaitTrue("earlier completions to this issuer acknowledged", Duration.ofSeconds(60),
                () -> world.center.database().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM center.issuer_advices"
                        + " WHERE acknowledged_at IS NULL AND kind = 'COMPLETION' AND issuer_id = :issuer")
                        .bind("issuer", "visa-e2e").mapTo(Long.class).one()) == 0);
        Totals.CurrencyTotals before = jpy(world.visa);
        CliRun run = world.pay(APPROVES, "1200", "--pin", VISA_PIN, "--payment-method", "61", "--installments", "3",
                "--email", "customer@example.jp");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("APPROVED code=[A-Z0-9]{6} payment=pay_[0-9a-z]{26}");
        assertThat(run.out()).contains("COMPLETED");
        Payment payment = payment(run);
        assertThat(payment.state()).isEqualTo(PaymentState.COMPLETED);
        assertThat(payment.additionalItemsJson().orElseThrow()).contains("\"table_number\": \"7\"").contains("\"installments\": \"3\"");
        awaitCompletion(world.visa, before);
        Totals.CurrencyTotals after = jpy(world.visa);
        assertThat(after.completions().count()).isEqualTo(before.completions().count() + 1);
        assertThat(after.completions().amountMinor()).isEqualTo(before.completions().amountMinor() + 1200);
        assertThat(after.openHolds().count()).isEqualTo(before.openHolds().count());
    }

    @Test
    @Order(2)
    void theSecondCardCompanyWithItsAesZonePinKeyApprovesToo() {
        Totals.CurrencyTotals before = jpy(world.jcb);
        CliRun run = world.pay(JCB_APPROVES, "2500", "--pin", JCB_PIN);
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("APPROVED").contains("COMPLETED");
        assertThat(payment(run).issuerId()).contains("jcb-e2e");
        awaitCompletion(world.jcb, before);
        assertThat(jpy(world.jcb).completions().amountMinor()).isEqualTo(before.completions().amountMinor() + 2500);
    }

    /**
     * The completion advice reaches the issuer: at once (the phone hears issuer_acknowledged=true) or,
     * when the center's advice queue is busy repeating a reversal to a silent issuer, a little later.
     */
    static void awaitCompletion(IssuerHost issuer, Totals.CurrencyTotals before) {
        try {
            EndToEndWorld.awaitTrue("the completion reaches the issuer", Duration.ofSeconds(60),
                    () -> jpy(issuer).completions().count() > before.completions().count());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    record Decline(String pan, String amount, String reason, String responseCode, IssuerHost issuer) {}

    @Test
    @Order(3)
    void declinedForEachReasonWithNoHoldLeft() {
        List<Decline> declines = List.of(
                new Decline(NOT_ISSUED, "500", "invalid_card_number", "14", world.visa),
                new Decline(EXPIRED, "500", "expired_card", "54", world.jcb),
                new Decline(LOST, "500", "lost_card", "41", world.jcb),
                new Decline(STOLEN, "500", "stolen_card", "43", world.visa),
                new Decline(LOW_LIMIT, "5000", "insufficient_funds", "51", world.visa));
        for (Decline decline : declines) {
            Totals.CurrencyTotals before = jpy(decline.issuer());
            CliRun run = world.pay(decline.pan(), decline.amount());
            assertThat(run.exitCode()).as(decline.toString()).isEqualTo(1);
            assertThat(run.out()).as(decline.toString()).contains("DECLINED reason=" + decline.reason());
            Payment payment = payment(run);
            assertThat(payment.state()).isEqualTo(PaymentState.DECLINED);
            assertThat(payment.responseCode()).contains(decline.responseCode());
            Totals.CurrencyTotals after = jpy(decline.issuer());
            assertThat(after.declined().count()).as(decline.toString()).isEqualTo(before.declined().count() + 1);
            assertThat(after.openHolds()).isEqualTo(before.openHolds());
        }
    }

    @Test
    @Order(4)
    void anUnknownBinIsTheCentersOwnDeclineAndNoIssuerHearsOfIt() {
        long visaEntries = world.visa.totals().journalEntries();
        long jcbEntries = world.jcb.totals().journalEntries();
        CliRun run = world.pay(NO_ROUTE, "800");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("DECLINED reason=card_not_accepted");
        Payment payment = payment(run);
        assertThat(payment.state()).isEqualTo(PaymentState.DECLINED);
        assertThat(payment.issuerId()).isEmpty();
        assertThat(world.visa.totals().journalEntries()).isEqualTo(visaEntries);
        assertThat(world.jcb.totals().journalEntries()).isEqualTo(jcbEntries);
    }

    @Test
    @Order(5)
    void aDebitCardWithoutPinIsAskedForOneAndApprovedWithIt() {
        Totals.CurrencyTotals before = jpy(world.visa);
        CliRun withoutPin = world.pay(DEBIT, "900");
        assertThat(withoutPin.exitCode()).isEqualTo(1);
        assertThat(withoutPin.out()).contains("REENTER reason=wrong_pin");
        assertThat(jpy(world.visa).openHolds()).isEqualTo(before.openHolds());
        CliRun withPin = world.pay(DEBIT, "900", "--pin", VISA_PIN);
        assertThat(withPin.exitCode()).as(withPin.out()).isZero();
        assertThat(withPin.out()).contains("APPROVED").contains("COMPLETED");
    }

    @Test
    @Order(6)
    void aWrongPinAsksToEnterItAgainAndTheReentryIsApproved() throws Exception {
        CenterClient phone = world.phone();
        CenterAnswer wrong = phone.send(EndToEndWorld.seal(world.reader, APPROVES, 300, "9999"));
        assertThat(wrong.outcome()).isEqualTo("reenter");
        assertThat(wrong.reason()).isEqualTo("wrong_pin");
        assertThat(wrong.questions()).isEmpty();
        // The reader seals the re-entered PIN into a new envelope (a new KSN): a new payment, approved.
        CenterAnswer again = phone.send(EndToEndWorld.seal(world.reader, APPROVES, 300, VISA_PIN));
        assertThat(again.outcome()).isEqualTo("approved");
        assertThat(again.paymentId()).isNotEqualTo(wrong.paymentId());
        assertThat(again.questions()).extracting(CenterAnswer.Question::key).contains("payment_method", "table_number");
        phone.answer(again.paymentId(), java.util.Map.of("payment_method", "10", "table_number", "3"));
        assertThat(world.center.journal().find(again.paymentId()).orElseThrow().state()).isEqualTo(PaymentState.COMPLETED);
        assertThat(world.center.journal().find(wrong.paymentId()).orElseThrow().state()).isEqualTo(PaymentState.REENTER);
    }

    @Test
    @Order(7)
    void aSilentIssuerIsUnavailableAndTheAuthorizationIsReversedWithNoHoldLeft() throws Exception {
        Totals before = world.visa.totals();
        CliRun run = world.pay(SILENT, "700");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("UNAVAILABLE");
        // The issuer took the hold and its answer was lost: the center reverses until acknowledged. This
        // card's fault drops every answer, 0410s included, so the reversal is repeated: store-and-forward.
        EndToEndWorld.awaitTrue("the reversal reaches the issuer", Duration.ofSeconds(30), () ->
                reversals(world.visa.totals()) > reversals(before));
        EndToEndWorld.awaitTrue("the issuer's totals show the approval it held", Duration.ofSeconds(30), () ->
                approved(world.visa.totals()) == approved(before) + 1);
        Totals after = world.visa.totals();
        assertThat(jpy(world.visa).authorizationsApproved().count()).isEqualTo(approved(before) + 1);
        assertThat(jpy(world.visa).openHolds().count()).isEqualTo(before.perCurrency().get(0).openHolds().count());
        assertThat(after.perCurrency().get(0).postedAmountMinor()).isEqualTo(before.perCurrency().get(0).postedAmountMinor());
        assertThat(payment(run).state()).isIn(PaymentState.ISSUER_UNAVAILABLE, PaymentState.REVERSED);
    }

    private static long reversals(Totals totals) {
        return totals.perCurrency().get(0).reversals().count() + totals.unmatchedReversals();
    }

    private static long approved(Totals totals) {
        return totals.perCurrency().get(0).authorizationsApproved().count();
    }

    @Test
    @Order(8)
    void theSameEnvelopeTwiceIsOneAuthorization() throws Exception {
        SealedEnvelope envelope = EndToEndWorld.seal(world.reader, APPROVES, 100, null);
        CenterClient phone = world.phone();
        long approvedBefore = jpy(world.visa).authorizationsApproved().count();
        CenterAnswer first = phone.send(envelope);
        CenterAnswer second = phone.send(envelope);
        assertThat(first.outcome()).isEqualTo("approved");
        assertThat(first.duplicate()).isFalse();
        assertThat(second.duplicate()).isTrue();
        assertThat(second.paymentId()).isEqualTo(first.paymentId());
        assertThat(second.sealedResult()).isEqualTo(first.sealedResult());
        assertThat(jpy(world.visa).authorizationsApproved().count()).isEqualTo(approvedBefore + 1);
    }
}
