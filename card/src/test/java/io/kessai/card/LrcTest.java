package io.kessai.card;

import static io.kessai.card.CardDataErrors.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** REFERENCE §3 LRC examples (computed [C]), tested on the LRC alone: the first PAN fails Luhn. */
class LrcTest {

    @Test
    void track2Examples() throws CardDataException {
        assertThat(Lrc.track2(";4000340000000506=2512111123400001230?")).isEqualTo('8');
        assertThat(Lrc.track2(";5350290149345177=16042010000056700100?")).isEqualTo(';');
    }

    @Test
    void track1OfTheSualehSwipe() throws CardDataException {
        // Computed here: 6-bit XOR of ASCII - 0x20 over '%' .. '?'.
        assertThat(Lrc.track1("%B5350290149345177^FATEHI/SUALEH^16042010000000000000000000000000000567001000?"))
                .isEqualTo('D');
    }

    @Test
    void sentinelsAloneGiveTheirOwnXor() throws CardDataException {
        // ';' = 0xB, '?' = 0xF: 0xB ^ 0xF = 0x4, the character '4'.
        assertThat(Lrc.track2(";?")).isEqualTo('4');
        // '%' = 0x05, '?' = 0x1F: 0x1A, the character ':'.
        assertThat(Lrc.track1("%?")).isEqualTo(':');
    }

    @Test
    void refusesCharactersOutsideTheTrackSet() {
        assertRefused(() -> Lrc.track2(";4111=A?"),
                "LRC: character 'A' at offset 6 is outside the track 2 character set", 6);
        assertRefused(() -> Lrc.track1("%Ba?"), "LRC: character 'a' at offset 2 is outside the track 1 character set",
                2);
    }
}
