package io.kessai.card;

import static io.kessai.card.CardDataErrors.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.kessai.card.ServiceCode.Authorization;
import io.kessai.card.ServiceCode.Interchange;
import io.kessai.card.ServiceCode.Services;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** REFERENCE §3, service code digits. */
class ServiceCodeTest {

    @Test
    void plainInternationalCard() throws CardDataException {
        ServiceCode code = ServiceCode.parse("101");
        assertThat(code.international()).isTrue();
        assertThat(code.interchange()).isEqualTo(Interchange.INTERNATIONAL);
        assertThat(code.hasChip()).isFalse();
        assertThat(code.authorization()).isEqualTo(Authorization.NORMAL);
        assertThat(code.allowedServices()).isEqualTo(Services.NO_RESTRICTIONS);
        assertThat(code.pinRequired()).isFalse();
        assertThat(code.pinWhenFeasible()).isFalse();
        assertThat(code.describe()).isEqualTo("international interchange; normal authorization; no restrictions");
        assertThat(code).hasToString("101").isEqualTo(ServiceCode.parse("101"));
    }

    @Test
    void internationalChipCard() throws CardDataException {
        ServiceCode code = ServiceCode.parse("201");
        assertThat(code.hasChip()).isTrue();
        assertThat(code.international()).isTrue();
        assertThat(code.describe()).isEqualTo("international interchange, chip card (use the chip where feasible); "
                + "normal authorization; no restrictions");
    }

    @ParameterizedTest
    @CsvSource({
        "1, INTERNATIONAL, true, false",
        "2, INTERNATIONAL, true, true",
        "5, NATIONAL, false, false",
        "6, NATIONAL, false, true",
        "7, PRIVATE, false, false",
        "9, TEST, false, false"})
    void firstDigit(char digit, Interchange interchange, boolean international, boolean chip) throws CardDataException {
        ServiceCode code = ServiceCode.parse(digit + "01");
        assertThat(code.interchange()).isEqualTo(interchange);
        assertThat(code.international()).isEqualTo(international);
        assertThat(code.hasChip()).isEqualTo(chip);
    }

    @ParameterizedTest
    @CsvSource({"0, NORMAL", "2, ONLINE_BY_ISSUER", "4, ONLINE_BY_ISSUER_EXCEPT_BILATERAL"})
    void secondDigit(char digit, Authorization authorization) throws CardDataException {
        assertThat(ServiceCode.parse("1" + digit + "1").authorization()).isEqualTo(authorization);
    }

    @ParameterizedTest
    @CsvSource({
        "0, NO_RESTRICTIONS, true, false",
        "1, NO_RESTRICTIONS, false, false",
        "2, GOODS_AND_SERVICES_ONLY, false, false",
        "3, ATM_ONLY, true, false",
        "4, CASH_ONLY, false, false",
        "5, GOODS_AND_SERVICES_ONLY, true, false",
        "6, NO_RESTRICTIONS, false, true",
        "7, GOODS_AND_SERVICES_ONLY, false, true"})
    void thirdDigit(char digit, Services services, boolean pinRequired, boolean pinWhenFeasible)
            throws CardDataException {
        ServiceCode code = ServiceCode.parse("10" + digit);
        assertThat(code.allowedServices()).isEqualTo(services);
        assertThat(code.pinRequired()).isEqualTo(pinRequired);
        assertThat(code.pinWhenFeasible()).isEqualTo(pinWhenFeasible);
    }

    @Test
    void describesEveryDigit() throws CardDataException {
        assertThat(ServiceCode.parse("624").describe()).isEqualTo("national interchange only, chip card (use the chip "
                + "where feasible); authorize online by the issuer; cash only");
        assertThat(ServiceCode.parse("745").describe()).isEqualTo("no general interchange (private, bilateral "
                + "agreement only); authorize online by the issuer except under bilateral agreement; goods and "
                + "services only, PIN required");
    }

    @Test
    void refusesBadCodes() {
        assertRefused(() -> ServiceCode.parse("12"), "service code must be 3 digits, got 2 characters", -1);
        assertRefused(() -> ServiceCode.parse("1a1"), "service code has a non-digit 'a' at offset 1", 1);
        assertRefused(() -> ServiceCode.parse("301"),
                "service code digit 1 '3' at offset 0 is reserved (defined: 1, 2, 5, 6, 7, 9)", 0);
        assertRefused(() -> ServiceCode.parse("111"),
                "service code digit 2 '1' at offset 1 is reserved (defined: 0, 2, 4)", 1);
        assertRefused(() -> ServiceCode.parse("108"),
                "service code digit 3 '8' at offset 2 is reserved (defined: 0-7)", 2);
    }
}
