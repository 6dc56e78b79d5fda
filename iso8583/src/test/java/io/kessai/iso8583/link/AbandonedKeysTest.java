package io.kessai.iso8583.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AbandonedKeysTest {
    @Test
    void forgetsTheOldestBeyondItsCapacity() {
        AbandonedKeys keys = new AbandonedKeys(3);
        for (String key : new String[] {"a", "b", "c", "d"}) {
            keys.remember(new MatchKey(key));
        }

        assertThat(keys.contains(new MatchKey("a"))).isFalse();
        assertThat(keys.contains(new MatchKey("b"))).isTrue();
        assertThat(keys.contains(new MatchKey("d"))).isTrue();
        assertThat(keys.size()).isEqualTo(3);
    }

    @Test
    void aLateResponseIsRecognisedOnce() {
        AbandonedKeys keys = new AbandonedKeys(10);
        keys.remember(new MatchKey("k"));

        assertThat(keys.forget(new MatchKey("k"))).isTrue();
        assertThat(keys.forget(new MatchKey("k"))).isFalse();
        assertThat(keys.contains(new MatchKey("k"))).isFalse();
    }

    @Test
    void staysBoundedWhateverTheMixOfRememberingAndForgetting() {
        AbandonedKeys keys = new AbandonedKeys(100);
        for (int i = 0; i < 100_000; i++) {
            MatchKey key = new MatchKey("k" + i);
            keys.remember(key);
            if (i % 2 == 0) {
                keys.forget(key);
            }
        }
        assertThat(keys.size()).isLessThanOrEqualTo(100);
        assertThat(keys.contains(new MatchKey("k99999"))).isTrue();
    }

    @Test
    void aCapacityOfZeroRemembersNothing() {
        AbandonedKeys keys = new AbandonedKeys(0);
        keys.remember(new MatchKey("k"));
        assertThat(keys.contains(new MatchKey("k"))).isFalse();
    }
}
