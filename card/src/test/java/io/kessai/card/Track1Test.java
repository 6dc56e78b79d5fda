package io.kessai.card;

import static io.kessai.card.CardDataErrors.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Track1Test {
    /** sualeh/magnetictrackparser full swipe, track 1 (REFERENCE §3): exactly 76 data characters. */
    private static final String SUALEH_DATA =
            "B5350290149345177^FATEHI/SUALEH^16042010000000000000000000000000000567001000";
    private static final String SUALEH_PAN = "5350290149345177";

    @Test
    void parsesMoovVector() throws CardDataException {
        Track1 track = Track1.parse("B4242424242424242^SMITH JOHN Q^11052011000000000000");
        assertThat(track.pan().digits()).isEqualTo("4242424242424242");
        assertThat(track.name()).isEqualTo("SMITH JOHN Q");
        assertThat(track.expiry().yymm()).isEqualTo("1105");
        assertThat(track.serviceCode().digits()).isEqualTo("201");
        assertThat(track.discretionaryData()).isEqualTo("1000000000000");
    }

    @Test
    void parsesMoovVectorWithFixedWidthName() throws CardDataException {
        String data = "B1234567890123445^PADILLA/L.                ^99011200000000000000**XXX******";
        Track1 track = Track1.parse(data);
        assertThat(track.pan().digits()).isEqualTo("1234567890123445");
        assertThat(track.name()).isEqualTo("PADILLA/L.");
        assertThat(track.expiry().yymm()).isEqualTo("9901");
        assertThat(track.serviceCode().digits()).isEqualTo("120");
        assertThat(track.discretionaryData()).isEqualTo("0000000000000**XXX******");
        assertThat(track.format(false)).isEqualTo(data);
    }

    @Test
    void parsesTheSualehTrackWithSentinelsAndLrc() throws CardDataException {
        assertThat(SUALEH_DATA).hasSize(Track1.MAX_DATA_CHARACTERS);
        String stripe = "%" + SUALEH_DATA + "?D";
        Track1 track = Track1.parse(stripe);
        assertThat(track.pan().digits()).isEqualTo(SUALEH_PAN);
        assertThat(track.name()).isEqualTo("FATEHI/SUALEH");
        assertThat(track.expiry().yymm()).isEqualTo("1604");
        assertThat(track.serviceCode().digits()).isEqualTo("201");
        assertThat(track.discretionaryDataLength()).isEqualTo(37);
        assertThat(track.format(true)).isEqualTo(stripe);
        assertThat(track.format(false)).isEqualTo(SUALEH_DATA);
        assertThat(Track1.parse("%" + SUALEH_DATA + "?").format(true)).isEqualTo(stripe);
    }

    @Test
    void buildsFromFields() throws CardDataException {
        Track1 built = Track1.of(Pan.of(SUALEH_PAN), "FATEHI/SUALEH", ExpiryDate.parseYymm("1604"),
                ServiceCode.parse("201"), "0000000000000000000000000000567001000");
        assertThat(built.format(false)).isEqualTo(SUALEH_DATA);
        assertThat(built.name()).isEqualTo("FATEHI/SUALEH");
        assertRefused(() -> Track1.of(Pan.of(SUALEH_PAN), "X", ExpiryDate.parseYymm("1604"),
                ServiceCode.parse("201"), ""), "track 1: name at offset 18 has 1 character, expected 2 to 26", 18);
    }

    @Test
    void refusesBadFraming() {
        assertRefused(() -> Track1.parse(""), "track 1: empty", 0);
        assertRefused(() -> Track1.parse("%?"), "track 1: no data between the sentinels at offset 1", 1);
        assertRefused(() -> Track1.parse("%" + SUALEH_DATA), "track 1: start sentinel '%' at offset 0 has no end "
                + "sentinel '?'", 0, SUALEH_PAN);
        assertRefused(() -> Track1.parse("%" + SUALEH_DATA + "?E"), "track 1: LRC check failed (LRC character at "
                + "offset 78)", 78, SUALEH_PAN);
        assertRefused(() -> Track1.parse("%" + SUALEH_DATA + "?a"), "track 1: LRC character at offset 78 is outside "
                + "the track 1 character set", 78, SUALEH_PAN);
        assertRefused(() -> Track1.parse(SUALEH_DATA + "0"), "track 1: 77 data characters, at most 76 allowed", 76,
                SUALEH_PAN);
    }

    @Test
    void refusesOtherFormatCodes() {
        assertRefused(() -> Track1.parse("A" + SUALEH_DATA.substring(1)),
                "track 1: format code at offset 0 is 'A', only 'B' (financial) is supported", 0, SUALEH_PAN);
    }

    @Test
    void refusesBadPans() {
        assertRefused(() -> Track1.parse("B5350290149345177=FATEHI/SUALEH^1604201"),
                "track 1: expected '^' separator after PAN at offset 17, found '='", 17, SUALEH_PAN);
        assertRefused(() -> Track1.parse("B5350290149345178^FATEHI/SUALEH^1604201"),
                "track 1: PAN 535029******5178 at offset 1 fails the Luhn check", 1, "5350290149345178");
    }

    @Test
    void refusesBadNames() {
        assertRefused(() -> Track1.parse("B5350290149345177^Fatehi/SUALEH^1604201"),
                "track 1: name has a character outside the track 1 set, or a sentinel, at offset 19", 19, SUALEH_PAN,
                "atehi");
        assertRefused(() -> Track1.parse("B5350290149345177^FATEHI/SUALEH"),
                "track 1: expected '^' separator after the name (which starts at offset 18), found end of track", 31,
                SUALEH_PAN);
        assertRefused(() -> Track1.parse("B5350290149345177^" + "N".repeat(27) + "^1604201"),
                "track 1: name at offset 18 has 27 characters, expected 2 to 26", 18, SUALEH_PAN);
        assertRefused(() -> Track1.parse("B5350290149345177^^1604201"),
                "track 1: name at offset 18 has 0 characters, expected 2 to 26", 18, SUALEH_PAN);
    }

    @Test
    void refusesBadFieldsAfterTheName() {
        assertRefused(() -> Track1.parse("B5350290149345177^FATEHI/SUALEH^1600201"),
                "track 1: expiry date YYMM: month at offset 34 is not 01-12", 34, SUALEH_PAN);
        assertRefused(() -> Track1.parse("B5350290149345177^FATEHI/SUALEH^1604281"),
                "track 1: service code digit 2 '8' at offset 37 is reserved (defined: 0, 2, 4)", 37, SUALEH_PAN);
        assertRefused(() -> Track1.parse("B5350290149345177^FATEHI/SUALEH^1604201000%0"),
                "track 1: discretionary data has a character outside the track 1 set, or a sentinel, at offset 42",
                42, SUALEH_PAN);
        assertRefused(() -> Track1.parse("B5350290149345177^FATEHI/SUALEH^1604201000a"),
                "track 1: discretionary data has a character outside the track 1 set, or a sentinel, at offset 42",
                42, SUALEH_PAN);
    }

    @Test
    void toStringAndDestroy() throws CardDataException {
        Track1 track = Track1.parse("%" + SUALEH_DATA + "?D");
        assertThat(track.toString()).isEqualTo("Track1[pan=535029******5177, serviceCode=201]")
                .doesNotContain(SUALEH_PAN).doesNotContain("FATEHI");
        track.destroy();
        assertThat(track.isDestroyed()).isTrue();
        assertThat(track).hasToString("Track1[destroyed]");
        assertThatThrownBy(track::name).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(track::pan).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> track.format(true)).isInstanceOf(IllegalStateException.class);
    }
}
