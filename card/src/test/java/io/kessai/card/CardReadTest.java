package io.kessai.card;

import static io.kessai.card.CardDataErrors.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.card.tlv.BerTlv;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CardReadTest {
    private static final String PAN = "5350290149345177";
    private static final String TRACK1 =
            "%B5350290149345177^FATEHI/SUALEH^16042010000000000000000000000000000567001000?";
    private static final String TRACK2 = ";5350290149345177=16042010000056700100?";
    private static final String TRACK2_EQUIVALENT = "5713" + "5350290149345177D16042010000056700100F";
    private static final String PAN_5A = "5A08" + PAN;
    private static final String EXPIRY_5F24 = "5F2403" + "160430";
    private static final String PSN_5F34 = "5F340101";
    private static final String AMOUNT_9F02 = "9F0206000000001000";

    @Test
    void swipeOfAChipCardIsAFallback() throws CardDataException {
        TrackRead read = TrackRead.fromSwipe(SwipeData.parseSwipe(TRACK1 + TRACK2));
        assertThat(read.pan().digits()).isEqualTo(PAN);
        assertThat(read.expiry().yymm()).isEqualTo("1604");
        assertThat(read.serviceCode().hasChip()).isTrue();
        assertThat(read.fallback()).isTrue();
        assertThat(read.entryMode(true).de22()).isEqualTo("801");
        assertThat(read.entryMode(false).de22()).isEqualTo("802");
        assertThat(read.track1()).isPresent();
        assertThat(read.toString()).isEqualTo("TrackRead[pan=535029******5177, serviceCode=201, track1=present]");
    }

    @Test
    void swipeOfAMagstripeOnlyCardIsAFullMagstripeRead() throws CardDataException {
        TrackRead read = TrackRead.of(Track2.parse("4242424242424242=2512101123"), Optional.empty());
        assertThat(read.fallback()).isFalse();
        assertThat(read.entryMode(true).de22()).isEqualTo("901");
        assertThat(read.entryMode(false)).hasToString("902");
        assertThat(read.track1()).isEmpty();
    }

    @Test
    void trackReadRefusesTracksOfDifferentCardsOrNoTrack2() throws CardDataException {
        Track1 track1 = Track1.parse(TRACK1);
        Track2 other = Track2.parse("4242424242424242=1604201123");
        assertRefused(() -> TrackRead.of(other, Optional.of(track1)), "swipe: track 1 and track 2 carry different PANs",
                -1, PAN, "4242424242424242");
        assertRefused(() -> TrackRead.fromSwipe(SwipeData.parseSwipe(TRACK1)),
                "swipe has no readable track 2; a card payment needs it", -1, PAN);
    }

    @Test
    void destroyingATrackReadWipesItsTracks() throws CardDataException {
        TrackRead read = TrackRead.fromSwipe(SwipeData.parseSwipe(TRACK1 + TRACK2));
        Track1 track1 = read.track1().orElseThrow();
        read.destroy();
        assertThat(read.isDestroyed()).isTrue();
        assertThat(track1.isDestroyed()).isTrue();
        assertThat(read).hasToString("TrackRead[destroyed]");
        assertThatThrownBy(read::pan).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(read::track2).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void chipReadTakesCardDataFromTheIccData() throws CardDataException {
        ChipRead read = ChipRead.decode(hex(PAN_5A + EXPIRY_5F24 + PSN_5F34 + TRACK2_EQUIVALENT + AMOUNT_9F02));
        assertThat(read.pan().digits()).isEqualTo(PAN);
        assertThat(read.expiry().yymm()).isEqualTo("1604");
        assertThat(read.expiry().lastValidDay()).isEqualTo(LocalDate.of(2016, 4, 30));
        assertThat(read.panSequenceNumber()).hasValue(1);
        assertThat(read.track2Equivalent().orElseThrow().format(false))
                .isEqualTo("5350290149345177=16042010000056700100");
        assertThat(read.fallback()).isFalse();
        assertThat(read.entryMode(true).de22()).isEqualTo("051");
        assertThat(read.entryMode(false).de22()).isEqualTo("052");
        assertThat(read.iccData()).hasSize(5);
        assertThat(BerTlv.encode(read.iccData())).isEqualTo(read.iccDataEncoded());
        assertThat(read.toString()).isEqualTo("ChipRead[pan=535029******5177, panSequenceNumber=01]");
    }

    @Test
    void chipReadWithTrack2EquivalentDataOnly() throws CardDataException {
        ChipRead read = ChipRead.decode(hex(TRACK2_EQUIVALENT));
        assertThat(read.pan().digits()).isEqualTo(PAN);
        assertThat(read.expiry().lastValidDay()).isEqualTo(LocalDate.of(2016, 4, 30));
        assertThat(read.panSequenceNumber()).isEmpty();
        assertThat(read.toString()).isEqualTo("ChipRead[pan=535029******5177, panSequenceNumber=absent]");
    }

    @Test
    void chipReadFindsTagsInsideTemplatesAndOddLengthPans() throws CardDataException {
        // 70 (READ RECORD template) holding a 13-digit PAN padded with F, and 5F24.
        ChipRead read = ChipRead.decode(hex("700F" + "5A074012345678909F" + EXPIRY_5F24));
        assertThat(read.pan().digits()).isEqualTo("4012345678909");
    }

    @Test
    void chipReadRefusesMissingOrInconsistentCardData() {
        assertRefused(() -> ChipRead.decode(hex(EXPIRY_5F24 + AMOUNT_9F02)),
                "chip: ICC data has neither 5A (PAN) nor 57 (track 2 equivalent data)", -1);
        assertRefused(() -> ChipRead.decode(hex(PAN_5A)),
                "chip: ICC data has neither 5F24 (expiration date) nor 57 (track 2 equivalent data)", -1, PAN);
        assertRefused(() -> ChipRead.decode(hex("5A084242424242424242" + TRACK2_EQUIVALENT)),
                "chip: the PANs in 5A and in 57 (track 2 equivalent data) differ", -1, PAN, "4242424242424242");
        assertRefused(() -> ChipRead.decode(hex("5F2403170430" + TRACK2_EQUIVALENT)),
                "chip: the expiry dates in 5F24 and in 57 (track 2 equivalent data) differ", -1, PAN);
    }

    @Test
    void chipReadRefusesMalformedCardData() {
        assertRefused(() -> ChipRead.decode(hex("570D" + "5350290149345177A16042011F")),
                "chip: tag 57 (track 2 equivalent data; offsets count nibbles, separator 'D' shown as '='): "
                        + "track 2: expected '=' separator after PAN at offset 16, found 'A'", 16, PAN);
        assertRefused(() -> ChipRead.decode(hex("5A095350290149345177F1" + EXPIRY_5F24)),
                "chip: tag 5A (PAN) is not BCD digits followed by F padding, at byte 8", 8, PAN);
        assertRefused(() -> ChipRead.decode(hex("5A085350290149345178" + EXPIRY_5F24)),
                "chip: tag 5A: PAN 535029******5178 at offset 0 fails the Luhn check", 0, "5350290149345178");
        assertRefused(() -> ChipRead.decode(hex(PAN_5A + "5F24021604")),
                "chip: tag 5F24 (expiration date) has 2 bytes, expected 3", -1, PAN);
        assertRefused(() -> ChipRead.decode(hex(PAN_5A + "5F2403161301")),
                "chip: tag 5F24 (offsets count nibbles): expiry date: YYMMDD: month at offset 2 is not 01-12", 2, PAN);
        assertRefused(() -> ChipRead.decode(hex(PAN_5A + EXPIRY_5F24 + "5F34021234")),
                "chip: tag 5F34 (PAN sequence number) has 2 bytes, expected 1", -1, PAN);
        assertRefused(() -> ChipRead.decode(hex(PAN_5A + EXPIRY_5F24 + "5F34011A")),
                "chip: tag 5F34 (PAN sequence number) is not two BCD digits", -1, PAN);
        assertRefused(() -> ChipRead.decode(hex("5A08" + PAN.substring(0, 10))),
                "TLV: tag 5A declares length 8, only 5 bytes left at offset 2", 2, PAN);
    }

    @Test
    void destroyingAChipReadWipesIt() throws CardDataException {
        ChipRead read = ChipRead.decode(hex(PAN_5A + EXPIRY_5F24 + TRACK2_EQUIVALENT));
        Track2 track2 = read.track2Equivalent().orElseThrow();
        read.destroy();
        assertThat(read.isDestroyed()).isTrue();
        assertThat(track2.isDestroyed()).isTrue();
        assertThat(read).hasToString("ChipRead[destroyed]");
        assertThatThrownBy(read::pan).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(read::iccData).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void manualEntry() throws CardDataException {
        char[] typed = "123".toCharArray();
        ManualEntry entry = ManualEntry.of(Pan.of(PAN), ExpiryDate.parseYymm("2512"), typed);
        Bytes.wipe(typed);
        assertThat(entry.cardVerificationCode())
                .hasValueSatisfying(code -> assertThat(code).containsExactly('1', '2', '3'));
        assertThat(entry.entryMode(true).de22()).isEqualTo("011");
        assertThat(entry.entryMode(false).de22()).isEqualTo("012");
        assertThat(entry.fallback()).isFalse();
        assertThat(entry.toString()).isEqualTo("ManualEntry[pan=535029******5177, cardVerificationCode=present]")
                .doesNotContain("123");
        char[] copy = entry.cardVerificationCode().orElseThrow();
        copy[0] = '9';
        assertThat(entry.cardVerificationCode().orElseThrow()).containsExactly('1', '2', '3');
        entry.destroy();
        assertThat(entry).hasToString("ManualEntry[destroyed]");
        assertThatThrownBy(entry::cardVerificationCode).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(entry::pan).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void manualEntryWithoutVerificationCode() throws CardDataException {
        ManualEntry entry = ManualEntry.of(Pan.of(PAN), ExpiryDate.parseYymm("2512"));
        assertThat(entry.cardVerificationCode()).isEmpty();
        assertThat(entry.toString()).contains("cardVerificationCode=absent");
    }

    @Test
    void manualEntryRefusesABadVerificationCode() throws CardDataException {
        Pan pan = Pan.of(PAN);
        ExpiryDate expiry = ExpiryDate.parseYymm("2512");
        assertRefused(() -> ManualEntry.of(pan, expiry, "12".toCharArray()),
                "manual entry: card verification code has 2 characters, expected 3 or 4 digits", -1);
        assertRefused(() -> ManualEntry.of(pan, expiry, "12345".toCharArray()),
                "manual entry: card verification code has 5 characters, expected 3 or 4 digits", -1, "12345");
        assertRefused(() -> ManualEntry.of(pan, expiry, "12a".toCharArray()),
                "manual entry: card verification code has a non-digit at offset 2", 2);
    }

    @Test
    void everyKindOfReadIsACardRead() throws CardDataException {
        CardRead read = ManualEntry.of(Pan.of(PAN), ExpiryDate.parseYymm("2512"));
        String kind = switch (read) {
            case TrackRead track -> "track";
            case ChipRead chip -> "chip";
            case ManualEntry manual -> "manual";
        };
        assertThat(kind).isEqualTo("manual");
    }

    private static byte[] hex(String hex) {
        return Hex.decode(hex);
    }
}
