package io.kessai.crypto.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.card.ChipRead;
import io.kessai.card.ExpiryDate;
import io.kessai.card.Hex;
import io.kessai.card.ManualEntry;
import io.kessai.card.Pan;
import io.kessai.card.Track1;
import io.kessai.card.Track2;
import io.kessai.card.TrackRead;
import io.kessai.card.tlv.BerTlv;
import io.kessai.card.tlv.Tlv;
import io.kessai.card.tlv.TlvTag;
import io.kessai.crypto.pin.PinBlockFormat;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettlementCodecTest {
    private static final LocalDateTime AT = LocalDateTime.of(2026, 1, 2, 3, 4, 5);

    private static CardSettlementInformation with(io.kessai.card.CardRead card, Optional<EncryptedPinBlock> pin) {
        return new CardSettlementInformation(card, 98765, Currency.getInstance("JPY"), pin, "M1", "T1", "R-1", AT, 4_000_000_000L);
    }

    @Test
    void everyKindOfCardReadRoundTrips() throws Exception {
        Track2 track2 = Track2.parse("4242424242424242=11052011000000000000");
        Track1 track1 = Track1.parse("B4242424242424242^SMITH JOHN Q^11052011000000000000");
        CardSettlementInformation swiped = SettlementCodec.decode(SettlementCodec.encode(with(TrackRead.of(track2, Optional.of(track1)),
                Optional.of(new EncryptedPinBlock(PinBlockFormat.ISO_0, Hex.decode("1B9C1845EB993A7A"))))));
        assertThat(((TrackRead) swiped.cardRead()).track1()).get().extracting(Track1::name).isEqualTo("SMITH JOHN Q");
        assertThat(swiped.pinBlock()).contains(new EncryptedPinBlock(PinBlockFormat.ISO_0, Hex.decode("1B9C1845EB993A7A")));
        assertThat(swiped.sequenceNumber()).isEqualTo(4_000_000_000L);
        assertThat(swiped.localDateTime()).isEqualTo(AT);

        ChipRead chip = ChipRead.decode(Hex.decode("5A084111111111111111" + "5F2403301231" + "9F0206000000001000"));
        CardSettlementInformation dipped = SettlementCodec.decode(SettlementCodec.encode(with(chip, Optional.empty())));
        assertThat(((ChipRead) dipped.cardRead()).iccDataEncoded()).isEqualTo(chip.iccDataEncoded());

        ManualEntry keyed = ManualEntry.of(Pan.of("4111111111111111"), ExpiryDate.parseYymm("3012"), "123".toCharArray());
        CardSettlementInformation manual = SettlementCodec.decode(SettlementCodec.encode(with(keyed, Optional.empty())));
        assertThat(((ManualEntry) manual.cardRead()).cardVerificationCode()).get().isEqualTo("123".toCharArray());
        assertThat(manual.amountMinor()).isEqualTo(98765);
    }

    @Test
    void unknownTagsFromNewerReadersAreSkipped() throws Exception {
        List<Tlv> tlvs = new ArrayList<>(BerTlv.decode(SettlementCodec.encode(with(
                TrackRead.of(Track2.parse("4242424242424242=11052011000000000000"), Optional.empty()), Optional.empty()))));
        tlvs.add(Tlv.primitive(TlvTag.of("DF7F"), new byte[] {1, 2, 3}));
        assertThat(SettlementCodec.decode(BerTlv.encode(tlvs)).amountMinor()).isEqualTo(98765);
    }

    @Test
    void invalidContentIsNamedByTag() throws Exception {
        byte[] valid = SettlementCodec.encode(with(TrackRead.of(Track2.parse("4242424242424242=11052011000000000000"), Optional.empty()),
                Optional.empty()));
        List<Tlv> tlvs = BerTlv.decode(valid);

        assertThat(error(replace(tlvs, "DF33", "20261332000000"))).contains("local date-time '20261332000000' is not a valid date and time");
        assertThat(error(replace(tlvs, "DF33", "2026-01-02"))).contains("is not yyyyMMddHHmmss");
        assertThat(error(replace(tlvs, "DF21", "ZZZ"))).contains("currency 'ZZZ' is not an ISO 4217 code");
        assertThat(error(replace(tlvs, "DF30", "M\u0001"))).contains("merchant ID (tag DF30) has a non-printable byte at position 1");
        assertThat(error(without(tlvs, "DF20"))).contains("missing amount (tag DF20)");
        assertThat(error(without(tlvs, "DF11"))).contains("needs exactly one card read");
        List<Tlv> twice = new ArrayList<>(tlvs);
        twice.add(tlvs.get(0));
        assertThat(error(BerTlv.encode(twice))).contains("tag DF11 appears twice");
        List<Tlv> badPin = new ArrayList<>(tlvs);
        badPin.add(Tlv.primitive(TlvTag.of("DF22"), new byte[5]));
        badPin.add(Tlv.primitive(TlvTag.of("DF23"), new byte[] {4}));
        assertThat(error(BerTlv.encode(badPin))).contains("PIN block: ISO_4 PIN block must be 16 bytes, got 5");
        assertThat(error(Hex.decode("DF1199"))).startsWith("envelope content: ");
    }

    private static String error(byte[] content) {
        try {
            SettlementCodec.decode(content);
            throw new AssertionError("decoded");
        } catch (EnvelopeException e) {
            assertThat(e.reason()).isEqualTo(EnvelopeException.Reason.BAD_CONTENT);
            assertThat(e.getMessage()).doesNotContain("4242424242424242");
            return e.getMessage();
        }
    }

    private static byte[] replace(List<Tlv> tlvs, String tag, String ascii) {
        List<Tlv> out = new ArrayList<>();
        for (Tlv tlv : tlvs) {
            out.add(tlv.tag().hex().equals(tag) ? Tlv.primitive(tlv.tag(), ascii.getBytes()) : tlv);
        }
        return BerTlv.encode(out);
    }

    private static byte[] without(List<Tlv> tlvs, String tag) {
        return BerTlv.encode(tlvs.stream().filter(t -> !t.tag().hex().equals(tag)).toList());
    }
}
