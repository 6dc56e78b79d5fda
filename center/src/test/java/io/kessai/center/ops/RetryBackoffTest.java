package io.kessai.center.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {
    @Test
    void doublesFromTheFirstWaitUpToTheMaximum() {
        RetryBackoff advices = new RetryBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5)); // AdviceWorker's
        assertThat(advices.after(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(advices.after(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(advices.after(8)).isEqualTo(Duration.ofSeconds(256));
        assertThat(advices.after(9)).isEqualTo(Duration.ofMinutes(5));
        assertThat(advices.after(1_000)).isEqualTo(Duration.ofMinutes(5));
        RetryBackoff webhooks = new RetryBackoff(Duration.ofSeconds(10), Duration.ofHours(1)); // Webhooks'
        assertThat(webhooks.after(3)).isEqualTo(Duration.ofSeconds(80));
        assertThat(webhooks.after(9)).isEqualTo(Duration.ofHours(1));
        RetryBackoff mails = new RetryBackoff(Duration.ofMillis(250), Duration.ofSeconds(60)); // an outbox setting
        assertThat(mails.after(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(mails.after(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aNegativeCountIsTheFirstWaitAndAMaximumBelowTheFirstCaps() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(10), Duration.ofSeconds(3));
        assertThat(backoff.after(-1)).isEqualTo(Duration.ofSeconds(3));
        assertThat(new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(9)).after(-5)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void waitsMustBePositive() {
        assertThatThrownBy(() -> new RetryBackoff(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
