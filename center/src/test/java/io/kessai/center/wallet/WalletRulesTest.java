package io.kessai.center.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The wallet's small rules, each on its own: lockout times, codes, signatures, PIN hashes, payment methods. */
class WalletRulesTest {

    @Test
    void locksLastFifteenMinutesThenDoubleUpToADay() {
        assertThat(PinLockout.lockFor(1)).isEqualTo(Duration.ofMinutes(15));
        assertThat(PinLockout.lockFor(2)).isEqualTo(Duration.ofMinutes(30));
        assertThat(PinLockout.lockFor(3)).isEqualTo(Duration.ofHours(1));
        assertThat(PinLockout.lockFor(8)).isEqualTo(Duration.ofDays(1));
        assertThat(PinLockout.lockFor(1_000)).isEqualTo(Duration.ofDays(1));
        assertThatThrownBy(() -> PinLockout.lockFor(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSignedQrGivesItsDigitsAndAnAlteredOneIsRefused() {
        CounterCodes codes = new CounterCodes(new byte[32]);
        Instant expires = Instant.parse("2030-01-01T00:00:00Z");
        String qr = codes.qrPayload("123456789012", expires);
        StringBuilder why = new StringBuilder();
        assertThat(codes.digitsOf(qr, Instant.now(), why)).contains("123456789012");
        assertThat(codes.digitsOf("1234 5678 9012", Instant.now(), why)).contains("123456789012");

        String altered = qr.replace("123456789012", "123456789013");
        StringBuilder reason = new StringBuilder();
        assertThat(codes.digitsOf(altered, Instant.now(), reason)).isEmpty();
        assertThat(reason.toString()).contains("signature");
        StringBuilder foreign = new StringBuilder();
        assertThat(new CounterCodes(new byte[] {1, 2, 3}).digitsOf(qr, Instant.now(), foreign)).isEmpty();
        StringBuilder garbage = new StringBuilder();
        assertThat(codes.digitsOf("+819012345678", Instant.now(), garbage)).isEmpty();
        assertThat(garbage.toString()).contains("12 digits");
    }

    @Test
    void aWebhookSignatureChecksBodyAndTime() {
        Instant at = Instant.parse("2026-11-21T10:00:00Z");
        String body = "{\"id\":\"evt_1\",\"type\":\"payment.completed\"}";
        String header = WebhookSignature.header("whsec_test", at, body);
        assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
        assertThat(WebhookSignature.check(header, body, "whsec_test", at.plusSeconds(60), WebhookSignature.DEFAULT_TOLERANCE)).isEmpty();
        assertThat(WebhookSignature.check(header, body, "whsec_test", at.plusSeconds(301), WebhookSignature.DEFAULT_TOLERANCE))
                .get().asString().contains("tolerance");
        assertThat(WebhookSignature.check(header, body + " ", "whsec_test", at, WebhookSignature.DEFAULT_TOLERANCE)).isPresent();
        assertThat(WebhookSignature.check(header, body, "whsec_other", at, WebhookSignature.DEFAULT_TOLERANCE)).isPresent();
        assertThat(WebhookSignature.check(null, body, "whsec_test", at, WebhookSignature.DEFAULT_TOLERANCE)).isPresent();
        assertThat(WebhookSignature.check("t=x,v1=00", body, "whsec_test", at, WebhookSignature.DEFAULT_TOLERANCE)).isPresent();
    }

    @Test
    void pinsAreFourToSixDigitsAndHashedWithTheirOwnSalt() {
        assertThat(PinHasher.wellFormed("1234")).isTrue();
        assertThat(PinHasher.wellFormed("123456")).isTrue();
        assertThat(PinHasher.wellFormed("123")).isFalse();
        assertThat(PinHasher.wellFormed("1234567")).isFalse();
        assertThat(PinHasher.wellFormed("12a4")).isFalse();
        assertThat(PinHasher.wellFormed(null)).isFalse();
        PinHasher hasher = new PinHasher(PinHasher.MIN_ITERATIONS);
        PinHasher.Hashed a = hasher.hash("2580");
        PinHasher.Hashed b = hasher.hash("2580");
        assertThat(a.salt()).isNotEqualTo(b.salt());
        assertThat(a.hash()).isNotEqualTo(b.hash());
        assertThat(PinHasher.matches("2580", a.salt(), a.iterations(), a.hash())).isTrue();
        assertThat(PinHasher.matches("2581", a.salt(), a.iterations(), a.hash())).isFalse();
        assertThatThrownBy(() -> new PinHasher(10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void paymentMethodsTakeInstallmentsOnlyWhereTheyBelong() {
        assertThat(PaymentMethods.options("10", Optional.empty()).method().code()).isEqualTo("10");
        assertThat(PaymentMethods.options("61", Optional.of(6)).installmentCount()).isEqualTo(6);
        assertThatThrownBy(() -> PaymentMethods.options("61", Optional.empty())).hasMessageContaining("needs the number");
        assertThatThrownBy(() -> PaymentMethods.options("10", Optional.of(3))).hasMessageContaining("takes no number");
        assertThatThrownBy(() -> PaymentMethods.options("61", Optional.of(7))).hasMessageContaining("installments must be one of");
        assertThatThrownBy(() -> PaymentMethods.options("99", Optional.empty())).hasMessageContaining("not one of");
        assertThat(PaymentMethods.describe("61", Optional.of(3))).isEqualTo("installments (61), 3 installments");
    }

    @Test
    void phoneNumbersBecomeE164() {
        assertThat(Fields.phone("090-1234-5678")).contains("+819012345678");
        assertThat(Fields.phone("+81 90 1234 5678")).contains("+819012345678");
        assertThat(Fields.phone("12345")).isEmpty();
        assertThat(Fields.phone("+0123456789")).isEmpty();
    }

    @Test
    void requestStatesMoveOnlyAlongTheFlow() {
        assertThat(RequestState.WAITING_FOR_OWNER.canMoveTo(RequestState.VERIFIED)).isTrue();
        assertThat(RequestState.WAITING_FOR_OWNER.canMoveTo(RequestState.AUTHORIZING)).isFalse();
        assertThat(RequestState.DECLINED.canMoveTo(RequestState.AUTHORIZING)).isTrue();
        assertThat(RequestState.COMPLETED.canMoveTo(RequestState.AUTHORIZING)).isFalse();
        assertThat(RequestState.COMPLETED.canMoveTo(RequestState.REFUNDED)).isTrue();
        assertThat(RequestState.REFUNDED.finished()).isTrue();
        assertThat(RequestState.AUTHORIZING.expires()).isFalse();
    }
}
