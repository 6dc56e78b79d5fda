package io.kessai.center.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CardDataRedactorTest {
    @Test
    void masksLuhnValidCardNumbers() {
        assertThat(CardDataRedactor.redact("/v1/cards/4111111111111111/x")).isEqualTo("/v1/cards/411111******1111/x");
        assertThat(CardDataRedactor.redact("pan=5350290149345177;")).isEqualTo("pan=535029******5177;");
    }

    @Test
    void hidesLongDigitRunsSuchAsTrackData() {
        assertThat(CardDataRedactor.redact("t2 4111111111111111=25121010000000000000"))
                .isEqualTo("t2 411111******1111=[digits hidden]");
    }

    @Test
    void leavesOrdinaryTextAndMostIdsAlone() {
        assertThat(CardDataRedactor.redact("merchant M-000000000001 at 12:30")).isEqualTo("merchant M-000000000001 at 12:30");
        assertThat(CardDataRedactor.redact("123456789012")).isEqualTo("123456789012"); // 12 digits, not Luhn-valid
        assertThat(CardDataRedactor.redact("")).isEmpty();
        assertThat(CardDataRedactor.redact(null)).isNull();
    }
}
