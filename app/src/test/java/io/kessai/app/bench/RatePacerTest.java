package io.kessai.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RatePacerTest {
    @Test
    void requestsAreDueAtEvenIntervalsFromTheStartWithoutDrift() {
        RatePacer pacer = new RatePacer(1_000, 3_000);
        assertThat(pacer.intendedNanos(0)).isEqualTo(1_000);
        assertThat(pacer.intendedNanos(1)).isEqualTo(1_000 + 333_333);
        assertThat(pacer.intendedNanos(3)).isEqualTo(1_000 + 1_000_000);
        // After an hour at 3,000/s the schedule is still exact: computed from the start, not summed.
        assertThat(pacer.intendedNanos(3_000L * 3_600)).isEqualTo(1_000 + 3_600_000_000_000L);
    }

    @Test
    void countsWhatIsDue() {
        RatePacer pacer = new RatePacer(10_000, 1_000);
        assertThat(pacer.dueAt(9_999)).isZero();
        assertThat(pacer.dueAt(10_000)).isEqualTo(1);
        assertThat(pacer.dueAt(10_000 + 999_999)).isEqualTo(1);
        assertThat(pacer.dueAt(10_000 + 1_000_000)).isEqualTo(2);
        assertThat(pacer.dueAt(10_000 + RatePacer.NANOS_PER_SECOND)).isEqualTo(1_001);
    }

    @Test
    void aLateRequestIsNotDelayedAndAnEarlyOneWaitsForItsTurn() {
        long[] now = {5_000_000};
        RatePacer pacer = new RatePacer(0, 1_000);
        // Late (due at 1 ms, it is 5 ms): returns the intended time at once, the clock untouched.
        assertThat(pacer.awaitTurn(1, () -> now[0])).isEqualTo(1_000_000);
        // Early (due at 9 ms): the clock must reach 9 ms before it returns.
        RatePacer.NanoClock advancing = () -> now[0] += 100_000;
        assertThat(pacer.awaitTurn(9, advancing)).isEqualTo(9_000_000);
        assertThat(now[0]).isGreaterThanOrEqualTo(9_000_000);
    }

    @Test
    void refusesRatesAndIndexesOutsideARun() {
        assertThatThrownBy(() -> new RatePacer(0, 0)).hasMessageContaining("rate must be 1..");
        assertThatThrownBy(() -> new RatePacer(0, RatePacer.MAX_RATE_PER_SECOND + 1)).hasMessageContaining("rate must be 1..");
        assertThatThrownBy(() -> new RatePacer(0, 10).intendedNanos(-1)).hasMessageContaining("negative");
        assertThatThrownBy(() -> new RatePacer(0, 10).intendedNanos(RatePacer.MAX_INDEX + 1)).hasMessageContaining("beyond");
    }
}
