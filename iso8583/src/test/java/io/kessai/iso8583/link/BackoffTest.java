package io.kessai.iso8583.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void doublesFromTheInitialDelayUpToTheMaximumLessUpToTheJitter() {
        Backoff backoff = new Backoff(100, 1_000, 20);
        long[] ceilings = {100, 200, 400, 800, 1_000, 1_000, 1_000};
        for (int attempt = 0; attempt < ceilings.length; attempt++) {
            for (int sample = 0; sample < 1_000; sample++) {
                assertThat(backoff.delayMillis(attempt)).isBetween(ceilings[attempt] * 80 / 100, ceilings[attempt]);
            }
        }
        assertThat(backoff.delayMillis(Integer.MAX_VALUE)).isBetween(800L, 1_000L);
    }

    @Test
    void withoutJitterTheDelayIsExact() {
        Backoff backoff = new Backoff(50, 30_000, 0);
        assertThat(backoff.delayMillis(0)).isEqualTo(50);
        assertThat(backoff.delayMillis(3)).isEqualTo(400);
        assertThat(backoff.delayMillis(20)).isEqualTo(30_000);
    }

    @Test
    void jitterSpreadsTheDelays() {
        Backoff backoff = new Backoff(1_000, 1_000, 50);
        long smallest = Long.MAX_VALUE;
        long largest = 0;
        for (int sample = 0; sample < 1_000; sample++) {
            long delay = backoff.delayMillis(0);
            smallest = Math.min(smallest, delay);
            largest = Math.max(largest, delay);
        }
        assertThat(largest - smallest).isGreaterThan(250);
    }
}
