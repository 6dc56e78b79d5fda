package io.kessai.card;

import static io.kessai.card.CardDataErrors.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Track2Test {
    /** sualeh/magnetictrackparser full swipe, track 2 (REFERENCE §3); LRC ';' per the REFERENCE example. */
    private static final String SUALEH = ";5350290149345177=16042010000056700100?;";
    private static final String SUALEH_PAN = "5350290149345177";

    @Test
    void parsesTheSualehTrackWithSentinelsAndLrc() throws CardDataException {
        Track2 track = Track2.parse(SUALEH);
        assertThat(track.pan().digits()).isEqualTo(SUALEH_PAN);
        assertThat(track.expiry().yymm()).isEqualTo("1604");
        assertThat(track.serviceCode().digits()).isEqualTo("201");
        assertThat(track.discretionaryData()).isEqualTo("0000056700100");
        assertThat(track.discretionaryDataLength()).isEqualTo(13);
        assertThat(track.format(true)).isEqualTo(SUALEH);
        assertThat(track.format(false)).isEqualTo("5350290149345177=16042010000056700100");
    }

    @Test
    void sentinelsAndLrcAreOptional() throws CardDataException {
        String de35 = "5350290149345177=16042010000056700100";
        assertThat(Track2.parse(de35).format(true)).isEqualTo(SUALEH);
        assertThat(Track2.parse(";" + de35 + "?").format(false)).isEqualTo(de35);
    }

    @Test
    void moovVectorWithAPanThatFailsLuhnIsRefused() {
        // moov-io/iso8583 track_test.go: PAN 4000340000000506 fails Luhn (REFERENCE §3); its LRC is tested in LrcTest.
        assertRefused(() -> Track2.parse("4000340000000506=2512111123400001230"),
                "track 2: PAN 400034******0506 at offset 0 fails the Luhn check", 0, "4000340000000506");
        assertRefused(() -> Track2.parse(";4000340000000506=2512111123400001230?8"),
                "track 2: PAN 400034******0506 at offset 1 fails the Luhn check", 1, "4000340000000506");
    }

    @Test
    void moovVectorWithMaskedDiscretionaryData() throws CardDataException {
        // moov-io/iso8583 track_test.go: 'X' (masked data) cannot be written on track 2, whose 4-bit
        // set is '0'..'?', so a strict parser refuses it ...
        assertRefused(() -> Track2.parse("1234567890123445=99011200XXXX00000000"),
                "track 2: discretionary data has a non-digit at offset 25", 25, "1234567890123445");
        // ... and reads the same fields once the mask is replaced by digits.
        Track2 track = Track2.parse("1234567890123445=99011200000000000000");
        assertThat(track.pan().digits()).isEqualTo("1234567890123445");
        assertThat(track.expiry().yymm()).isEqualTo("9901");
        assertThat(track.serviceCode().digits()).isEqualTo("120");
        assertThat(track.discretionaryData()).isEqualTo("0000000000000");
    }

    @Test
    void buildsAndValidatesFromFields() throws CardDataException {
        Track2 built = Track2.of(Pan.of(SUALEH_PAN), ExpiryDate.parseYymm("1604"), ServiceCode.parse("201"),
                "0000056700100");
        assertThat(built.format(true)).isEqualTo(SUALEH);
        assertThat(Track2.of(Pan.of(SUALEH_PAN), ExpiryDate.parseYymm("1604"), ServiceCode.parse("201"), "")
                .format(false)).isEqualTo("5350290149345177=1604201");
        assertRefused(() -> Track2.of(Pan.of(SUALEH_PAN), ExpiryDate.parseYymm("1604"), ServiceCode.parse("201"),
                "12A4"), "track 2: discretionary data has a non-digit at offset 26", 26);
        assertRefused(() -> Track2.of(Pan.of(SUALEH_PAN), ExpiryDate.parseYymm("1604"), ServiceCode.parse("201"),
                "1".repeat(14)), "track 2: 38 data characters, at most 37 allowed", 37);
    }

    @Test
    void acceptsTheLongestTrack() throws CardDataException {
        String nineteenDigitPan = PanTest.withCheckDigit("621234567890123456");
        String track = nineteenDigitPan + "=2512101" + "1".repeat(10);
        assertThat(track).hasSize(Track2.MAX_DATA_CHARACTERS);
        assertThat(Track2.parse(track).pan().length()).isEqualTo(19);
    }

    @Test
    void refusesBadFraming() {
        assertRefused(() -> Track2.parse(""), "track 2: empty", 0);
        assertRefused(() -> Track2.parse(";?4"), "track 2: no data between the sentinels at offset 1", 1);
        assertRefused(() -> Track2.parse(";5350290149345177=16042010000056700100"),
                "track 2: start sentinel ';' at offset 0 has no end sentinel '?'", 0, SUALEH_PAN);
        assertRefused(() -> Track2.parse("5350290149345177=16042010000056700100?"),
                "track 2: end sentinel '?' at offset 37 without start sentinel ';'", 37, SUALEH_PAN);
        assertRefused(() -> Track2.parse(SUALEH + "1"),
                "track 2: 2 characters after the end sentinel at offset 38; at most one (the LRC) may follow", 39,
                SUALEH_PAN);
        assertRefused(() -> Track2.parse("5350290149345177=16042010000056700100" + "1"),
                "track 2: 38 data characters, at most 37 allowed", 37, SUALEH_PAN);
    }

    @Test
    void refusesAWrongLrc() {
        assertRefused(() -> Track2.parse(";5350290149345177=16042010000056700100?8"),
                "track 2: LRC check failed (LRC character at offset 39)", 39, SUALEH_PAN);
        assertRefused(() -> Track2.parse(";5350290149345177=16042010000056700100?A"),
                "track 2: LRC character at offset 39 is outside the track 2 character set", 39, SUALEH_PAN);
    }

    @Test
    void refusesAMissingOrWrongSeparator() {
        assertRefused(() -> Track2.parse("5350290149345177D16042010000056700100"),
                "track 2: expected '=' separator after PAN at offset 16, found 'D'", 16, SUALEH_PAN);
        assertRefused(() -> Track2.parse("5350290149345177"),
                "track 2: expected '=' separator after PAN at offset 16, found end of track", 16, SUALEH_PAN);
        assertRefused(() -> Track2.parse(";5350290149345177?"),
                "track 2: expected '=' separator after PAN at offset 17, found end of track", 17, SUALEH_PAN);
        assertRefused(() -> Track2.parse("53502901493451770000=1604201"),
                "track 2: PAN longer than 19 digits: expected '=' separator at offset 19", 19, SUALEH_PAN);
    }

    @Test
    void refusesBadPans() {
        assertRefused(() -> Track2.parse("53502901493=1604201"),
                "track 2: PAN has 11 digits at offset 0, expected 12 to 19", 0);
        assertRefused(() -> Track2.parse("=1604201"), "track 2: PAN has 0 digits at offset 0, expected 12 to 19", 0);
        assertRefused(() -> Track2.parse("5350290149345178=1604201"),
                "track 2: PAN 535029******5178 at offset 0 fails the Luhn check", 0, "5350290149345178");
    }

    @Test
    void refusesBadExpiryAndServiceCode() {
        assertRefused(() -> Track2.parse("5350290149345177=16"),
                "track 2: expiry date YYMM needs 4 digits at offset 17, only 2 characters left", 17, SUALEH_PAN);
        assertRefused(() -> Track2.parse("5350290149345177=1613201"),
                "track 2: expiry date YYMM: month at offset 19 is not 01-12", 19, SUALEH_PAN);
        assertRefused(() -> Track2.parse("5350290149345177=16=4201"),
                "track 2: expiry date YYMM has a non-digit '=' at offset 19", 19, SUALEH_PAN);
        assertRefused(() -> Track2.parse("5350290149345177=16042"),
                "track 2: service code needs 3 digits at offset 21, only 1 character left", 21, SUALEH_PAN);
        assertRefused(() -> Track2.parse("5350290149345177=1604301"),
                "track 2: service code digit 1 '3' at offset 21 is reserved (defined: 1, 2, 5, 6, 7, 9)", 21,
                SUALEH_PAN);
        assertRefused(() -> Track2.parse("5350290149345177=1604201=1"),
                "track 2: discretionary data has a non-digit at offset 24", 24, SUALEH_PAN);
    }

    @Test
    void toStringShowsOnlyTheMaskedPanAndServiceCode() throws CardDataException {
        Track2 track = Track2.parse(SUALEH);
        assertThat(track.toString()).isEqualTo("Track2[pan=535029******5177, serviceCode=201]")
                .doesNotContain(SUALEH_PAN).doesNotContain("0000056700100");
    }

    @Test
    void destroyWipesTheTrack() throws CardDataException {
        Track2 track = Track2.parse(SUALEH);
        track.destroy();
        assertThat(track.isDestroyed()).isTrue();
        assertThat(track).hasToString("Track2[destroyed]");
        assertThatThrownBy(track::pan).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(track::expiry).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(track::serviceCode).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(track::discretionaryData).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(track::discretionaryDataLength).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> track.format(false)).isInstanceOf(IllegalStateException.class);
    }
}
