package io.kessai.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * SwipeData.parseSwipe on any text: only CardDataException may come out, and the tracks found
 * re-assemble into a swipe that splits the same way. Fuzz for real with
 * {@code JAZZER_FUZZ=1 ./mvnw -pl card test -Dtest=SwipeFuzzTest}.
 */
class SwipeFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void parseSwipe(byte[] input) throws CardDataException {
        String text = new String(input, StandardCharsets.ISO_8859_1);
        SwipeData swipe;
        try {
            swipe = SwipeData.parseSwipe(text);
        } catch (CardDataException expected) {
            return;
        }
        assertThat(swipe.track1().isPresent() || swipe.track2().isPresent()).isTrue();
        String track1 = swipe.track1().map(track -> track.format(true)).orElse("");
        String track2 = swipe.track2().map(track -> track.format(true)).orElse("");
        SwipeData again = SwipeData.parseSwipe(track1 + track2);
        assertThat(again.track1().map(track -> track.format(true)).orElse("")).isEqualTo(track1);
        assertThat(again.track2().map(track -> track.format(true)).orElse("")).isEqualTo(track2);
        if (swipe.track1().isPresent() && swipe.track2().isPresent()) {
            assertThat(swipe.track1().get().pan()).isEqualTo(swipe.track2().get().pan());
        }
        swipe.destroy();
        assertThat(swipe.isDestroyed()).isTrue();
    }
}
