package io.kessai.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Track2.parse on any text: only CardDataException may come out, and what parses re-formats to
 * a track that parses to the same fields. Fuzz for real with
 * {@code JAZZER_FUZZ=1 ./mvnw -pl card test -Dtest=Track2FuzzTest}.
 */
class Track2FuzzTest {

    @FuzzTest(maxDuration = "10s")
    void parse(byte[] input) throws CardDataException {
        // ISO-8859-1 maps each byte to one char, so every byte value reaches the parser.
        String text = new String(input, StandardCharsets.ISO_8859_1);
        Track2 track;
        try {
            track = Track2.parse(text);
        } catch (CardDataException expected) {
            return;
        }
        String stripe = track.format(true);
        Track2 again = Track2.parse(stripe);
        assertThat(again.format(true)).isEqualTo(stripe);
        assertThat(Track2.parse(track.format(false)).format(true)).isEqualTo(stripe);
        assertThat(again.pan()).isEqualTo(track.pan());
        assertThat(again.expiry()).isEqualTo(track.expiry());
        assertThat(again.serviceCode()).isEqualTo(track.serviceCode());
        assertThat(again.discretionaryData()).isEqualTo(track.discretionaryData());
        assertThat(track.toString()).doesNotContain(track.pan().digits());
    }
}
