package io.kessai.center.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PaymentIdsTest {
    private static final byte[] ZEROS = new byte[10];

    @Test
    void anIdIsThePrefixThenTenCharactersOfTimeThenSixteenOfRandomness() {
        String id = PaymentIds.next();
        assertThat(id).matches("pay_[0-9a-hjkmnp-tv-z]{26}");
        assertThat(PaymentIds.next("wpr_")).matches("wpr_[0-9a-hjkmnp-tv-z]{26}");
    }

    @Test
    void theTimeIsTheFirstTenCharactersInCrockfordBase32() {
        // The ULID specification's example: ulid(1469918176385) starts 01ARYZ6S41 (lower case here).
        assertThat(PaymentIds.of("pay_", 1_469_918_176_385L, ZEROS)).isEqualTo("pay_01aryz6s41" + "0".repeat(16));
        assertThat(PaymentIds.of("x_", 0, ZEROS)).isEqualTo("x_" + "0".repeat(26));
        byte[] ones = new byte[10];
        java.util.Arrays.fill(ones, (byte) 0xFF);
        assertThat(PaymentIds.of("x_", (1L << 48) - 1, ones)).isEqualTo("x_7" + "z".repeat(25));
    }

    @Test
    void idsMadeLaterSortLater() {
        // What ADR 0025 relies on: a later millisecond is a greater string, whatever the random part.
        byte[] ones = new byte[10];
        java.util.Arrays.fill(ones, (byte) 0xFF);
        String earlier = PaymentIds.of("pay_", 1_700_000_000_000L, ones);
        String later = PaymentIds.of("pay_", 1_700_000_000_001L, ZEROS);
        assertThat(earlier).isLessThan(later);

        List<String> made = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            made.add(PaymentIds.next());
        }
        for (int i = 1; i < made.size(); i++) {
            assertThat(made.get(i).substring(0, 14)).isGreaterThanOrEqualTo(made.get(i - 1).substring(0, 14));
        }
    }

    @Test
    void theRandomPartDiffersWithinOneMillisecond() {
        Set<String> randomParts = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            randomParts.add(PaymentIds.next().substring(14));
        }
        assertThat(randomParts).hasSize(10_000);
    }

    @Test
    void aTimeOrRandomnessAnIdCannotHoldIsRefused() {
        assertThatThrownBy(() -> PaymentIds.of("pay_", -1, ZEROS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got -1");
        assertThatThrownBy(() -> PaymentIds.of("pay_", 1L << 48, ZEROS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PaymentIds.of("pay_", 0, new byte[9])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10 random bytes, got 9");
    }
}
