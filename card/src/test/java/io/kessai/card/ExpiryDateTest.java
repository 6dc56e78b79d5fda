package io.kessai.card;

import static io.kessai.card.CardDataErrors.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class ExpiryDateTest {

    @Test
    void yymmIsValidThroughTheLastDayOfItsMonth() throws CardDataException {
        ExpiryDate expiry = ExpiryDate.parseYymm("2512");
        assertThat(expiry.yymm()).isEqualTo("2512");
        assertThat(expiry.yearMonth()).isEqualTo(YearMonth.of(2025, 12));
        assertThat(expiry.lastValidDay()).isEqualTo(LocalDate.of(2025, 12, 31));
        assertThat(expiry.isExpiredOn(LocalDate.of(2025, 12, 31))).isFalse();
        assertThat(expiry.isExpiredOn(LocalDate.of(2026, 1, 1))).isTrue();
        assertThat(ExpiryDate.parseYymm("2402").lastValidDay()).isEqualTo(LocalDate.of(2024, 2, 29));
    }

    @Test
    void yymmddIsValidThroughItsDay() throws CardDataException {
        ExpiryDate expiry = ExpiryDate.parseYymmdd("251215");
        assertThat(expiry.yymm()).isEqualTo("2512");
        assertThat(expiry.isExpiredOn(LocalDate.of(2025, 12, 15))).isFalse();
        assertThat(expiry.isExpiredOn(LocalDate.of(2025, 12, 16))).isTrue();
        assertThat(expiry).isNotEqualTo(ExpiryDate.parseYymm("2512"));
        assertThat(ExpiryDate.parseYymmdd("251231")).isEqualTo(ExpiryDate.parseYymmdd("251231"));
    }

    @Test
    void yearsAreInThe2000s() throws CardDataException {
        assertThat(ExpiryDate.parseYymm("0001").yearMonth()).isEqualTo(YearMonth.of(2000, 1));
        assertThat(ExpiryDate.parseYymm("9912").yearMonth()).isEqualTo(YearMonth.of(2099, 12));
        assertThat(ExpiryDate.of(YearMonth.of(2031, 7)).yymm()).isEqualTo("3107");
        assertThatThrownBy(() -> ExpiryDate.of(YearMonth.of(1999, 12))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringHidesTheDate() throws CardDataException {
        assertThat(ExpiryDate.parseYymm("2512").toString()).isEqualTo("ExpiryDate[**/**]");
    }

    @Test
    void refusesBadYymm() {
        assertRefused(() -> ExpiryDate.parseYymm("251"), "expiry date: YYMM must be 4 digits, got 3 characters", -1);
        assertRefused(() -> ExpiryDate.parseYymm("25a2"), "expiry date: YYMM has a non-digit 'a' at offset 2", 2);
        assertRefused(() -> ExpiryDate.parseYymm("2513"), "expiry date: YYMM: month at offset 2 is not 01-12", 2);
        assertRefused(() -> ExpiryDate.parseYymm("2500"), "expiry date: YYMM: month at offset 2 is not 01-12", 2);
    }

    @Test
    void refusesBadYymmdd() {
        assertRefused(() -> ExpiryDate.parseYymmdd("2512"), "expiry date: YYMMDD must be 6 digits, got 4 characters",
                -1);
        assertRefused(() -> ExpiryDate.parseYymmdd("2502x1"), "expiry date: YYMMDD has a non-digit 'x' at offset 4",
                4);
        assertRefused(() -> ExpiryDate.parseYymmdd("250230"), "expiry date: day at offset 4 is not a day of its month",
                4);
        assertRefused(() -> ExpiryDate.parseYymmdd("251200"), "expiry date: day at offset 4 is not a day of its month",
                4);
        assertRefused(() -> ExpiryDate.parseYymmdd("251301"), "expiry date: YYMMDD: month at offset 2 is not 01-12", 2);
    }
}
