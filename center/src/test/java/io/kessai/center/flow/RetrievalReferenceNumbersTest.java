package io.kessai.center.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetrievalReferenceNumbersTest {
    @Test
    void isYearDigitDayOfYearHourAndStanZeroPadded() {
        assertThat(RetrievalReferenceNumbers.of(Instant.parse("2026-11-21T10:05:00Z"), 42)).isEqualTo("632510000042");
        assertThat(RetrievalReferenceNumbers.of(Instant.parse("2030-01-01T00:59:59Z"), 999_999)).isEqualTo("000100999999");
        assertThat(RetrievalReferenceNumbers.of(Instant.parse("2029-12-31T23:00:00Z"), 1)).hasSize(12).isEqualTo("936523000001");
    }

    @Test
    void aStanBeyondSixDigitsIsABug() {
        assertThatThrownBy(() -> RetrievalReferenceNumbers.of(Instant.parse("2026-11-21T10:05:00Z"), 1_000_000))
                .hasMessageContaining("does not fit 6 digits");
    }
}
