package io.kessai.card;

import static io.kessai.card.CardDataErrors.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SwipeDataTest {
    private static final String PAN = "5350290149345177";
    private static final String TRACK1 =
            "%B5350290149345177^FATEHI/SUALEH^16042010000000000000000000000000000567001000?";
    private static final String TRACK2 = ";5350290149345177=16042010000056700100?";
    /** sualeh/magnetictrackparser README (REFERENCE §3): both tracks, no LRC characters. */
    private static final String SUALEH_SWIPE = TRACK1 + TRACK2;

    @Test
    void splitsTheSualehSwipe() throws CardDataException {
        SwipeData swipe = SwipeData.parseSwipe(SUALEH_SWIPE);
        Track1 track1 = swipe.track1().orElseThrow();
        Track2 track2 = swipe.track2().orElseThrow();
        assertThat(track1.pan().digits()).isEqualTo(PAN);
        assertThat(track1.name()).isEqualTo("FATEHI/SUALEH");
        assertThat(track2.pan()).isEqualTo(track1.pan());
        assertThat(track2.expiry().yymm()).isEqualTo("1604");
        assertThat(track2.serviceCode().digits()).isEqualTo("201");
        assertThat(swipe.toString()).doesNotContain(PAN).contains("535029******5177");
    }

    @Test
    void acceptsLrcsAndTheReadersTrailingNewline() throws CardDataException {
        // Track 1 LRC 'D' (LrcTest); track 2 LRC ';' (REFERENCE §3).
        SwipeData swipe = SwipeData.parseSwipe(TRACK1 + "D" + TRACK2 + ";\r\n");
        assertThat(swipe.track1().orElseThrow().format(true)).isEqualTo(TRACK1 + "D");
        assertThat(swipe.track2().orElseThrow().format(true)).isEqualTo(TRACK2 + ";");
    }

    @Test
    void tellsATrack1LrcOfSemicolonFromTheStartOfTrack2() throws CardDataException {
        String track1 = "%B5350290149345177^FATEHI/SUALEHJ^1604201?";
        assertThat(Lrc.track1(track1)).isEqualTo(';');
        SwipeData both = SwipeData.parseSwipe(track1 + ";" + TRACK2);
        assertThat(both.track1().orElseThrow().format(true)).isEqualTo(track1 + ";");
        assertThat(both.track2()).isPresent();
        SwipeData alone = SwipeData.parseSwipe(track1 + ";");
        assertThat(alone.track1().orElseThrow().format(true)).isEqualTo(track1 + ";");
        assertThat(alone.track2()).isEmpty();
        // Without its LRC, the ';' right after track 1 starts track 2.
        assertThat(SwipeData.parseSwipe(track1 + TRACK2).track2()).isPresent();
    }

    @Test
    void eitherTrackAlone() throws CardDataException {
        assertThat(SwipeData.parseSwipe(TRACK2).track1()).isEmpty();
        assertThat(SwipeData.parseSwipe(TRACK1).track2()).isEmpty();
    }

    @Test
    void aTrackTheReaderCouldNotReadIsAbsent() throws CardDataException {
        SwipeData swipe = SwipeData.parseSwipe("%E?" + TRACK2);
        assertThat(swipe.track1()).isEmpty();
        assertThat(swipe.track2()).isPresent();
        assertThat(SwipeData.parseSwipe(TRACK1 + ";E?").track2()).isEmpty();
        assertRefused(() -> SwipeData.parseSwipe("%E?;E?\r"), "swipe: the reader could read neither track", -1);
    }

    @Test
    void refusesBadSwipes() {
        assertRefused(() -> SwipeData.parseSwipe(""), "swipe: empty", 0);
        assertRefused(() -> SwipeData.parseSwipe("\r\n"), "swipe: empty", 0);
        assertRefused(() -> SwipeData.parseSwipe("B5350290149345177^X"),
                "swipe: expected '%' (track 1) or ';' (track 2) at offset 0", 0, PAN);
        assertRefused(() -> SwipeData.parseSwipe("%B5350290149345177^FATEHI/SUALEH^1604201"),
                "swipe: track 1 at offset 0 has no end sentinel '?'", 0, PAN);
        assertRefused(() -> SwipeData.parseSwipe(TRACK1 + "D" + "x" + TRACK2),
                "swipe: expected ';' (start of track 2) at offset 79", 79, PAN);
        assertRefused(() -> SwipeData.parseSwipe(TRACK1 + "E" + TRACK2),
                "track 1: LRC check failed (LRC character at offset 78)", 78, PAN);
        assertRefused(() -> SwipeData.parseSwipe(TRACK1 + TRACK2 + ";1234=5678?"),
                "track 2: 11 characters after the end sentinel at offset 116; at most one (the LRC) may follow", 117,
                PAN);
    }

    @Test
    void errorsInsideATrackGiveOffsetsInTheWholeSwipe() {
        assertRefused(() -> SwipeData.parseSwipe(TRACK1 + ";5350290149345177=16132010000056700100?"),
                "track 2: expiry date YYMM: month at offset 98 is not 01-12", 98, PAN);
    }

    @Test
    void refusesTracksOfDifferentCards() throws CardDataException {
        String otherTrack2 = ";4111111111111111=16042010000056700100?";
        assertRefused(() -> SwipeData.parseSwipe(TRACK1 + otherTrack2),
                "swipe: track 1 and track 2 carry different PANs", -1, PAN, "4111111111111111");
        assertRefused(() -> SwipeData.parseSwipe(TRACK1 + ";5350290149345177=16052010000056700100?"),
                "swipe: track 1 and track 2 carry different expiry dates", -1, PAN);
        assertRefused(() -> SwipeData.parseSwipe(TRACK1 + ";5350290149345177=16041010000056700100?"),
                "swipe: track 1 and track 2 carry different service codes (201 and 101)", -1, PAN);
    }

    @Test
    void destroyWipesBothTracks() throws CardDataException {
        SwipeData swipe = SwipeData.parseSwipe(SUALEH_SWIPE);
        swipe.destroy();
        assertThat(swipe.isDestroyed()).isTrue();
        assertThatThrownBy(() -> swipe.track2().orElseThrow().pan()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> swipe.track1().orElseThrow().name()).isInstanceOf(IllegalStateException.class);
    }
}
