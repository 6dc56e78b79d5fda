package io.kessai.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OutcomeCountsTest {
    @Test
    void countsEachOutcomeAndErrorsByCode() {
        OutcomeCounts counts = new OutcomeCounts();
        IntStream.range(0, 1_000).parallel().forEach(i -> counts.count(Outcome.APPROVED));
        counts.count(Outcome.DECLINED);
        counts.count(Outcome.UNAVAILABLE);
        counts.countError("timeout");
        counts.countError("timeout");
        counts.countError("http_409:ksn_replayed");
        assertThat(counts.get(Outcome.APPROVED)).isEqualTo(1_000);
        assertThat(counts.get(Outcome.DECLINED)).isEqualTo(1);
        assertThat(counts.get(Outcome.REENTER)).isZero();
        assertThat(counts.get(Outcome.ERROR)).isEqualTo(3);
        assertThat(counts.total()).isEqualTo(1_005);
        assertThat(counts.errors()).containsExactly(
                java.util.Map.entry("http_409:ksn_replayed", 1L), java.util.Map.entry("timeout", 2L));
    }

    @Test
    void errorCodesAreBounded() {
        OutcomeCounts counts = new OutcomeCounts();
        for (int i = 0; i < OutcomeCounts.MAX_ERROR_CODES + 10; i++) {
            counts.countError("code-" + i);
        }
        counts.countError("code-0");
        assertThat(counts.errors()).hasSize(OutcomeCounts.MAX_ERROR_CODES + 1)
                .containsEntry(OutcomeCounts.OTHER_ERRORS, 10L).containsEntry("code-0", 2L);
        assertThat(counts.get(Outcome.ERROR)).isEqualTo(OutcomeCounts.MAX_ERROR_CODES + 11);
    }

    @Test
    void anErrorNeedsItsCode() {
        assertThatThrownBy(() -> new OutcomeCounts().count(Outcome.ERROR)).hasMessageContaining("countError");
    }

    @Test
    void readsTheTerminalApiOutcomes() {
        assertThat(Outcome.ofApi("approved")).isEqualTo(Outcome.APPROVED);
        assertThat(Outcome.ofApi("reenter")).isEqualTo(Outcome.REENTER);
        assertThatThrownBy(() -> Outcome.ofApi("APPROVED")).hasMessageContaining("not an outcome");
    }
}
