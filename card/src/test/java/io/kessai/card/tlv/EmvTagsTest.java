package io.kessai.card.tlv;

import static io.kessai.card.CardDataErrors.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.kessai.card.CardDataException;
import io.kessai.card.Hex;
import io.kessai.card.tlv.EmvTagInfo.Format;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmvTagsTest {
    /** A purchase of JPY 1000 as a contact terminal in Japan would send it. */
    private static final String DE55 = "9F2608" + "1122334455667788" + "9F270180" + "9F100706010A03A00000"
            + "9F370452BF4585" + "9F3602001C" + "95058000048000" + "9A03251105" + "9C0100"
            + "9F0206000000001000" + "9F0306000000000000" + "5F2A020392" + "82021800" + "9F1A020392"
            + "9F3303E0F8C8" + "9F3403420300" + "9F350122" + "9F1E083132333435363738" + "8407A0000000041010"
            + "9F0607A0000000041010" + "9F09020002" + "9F410400000001" + "5F340101" + "5F360100";

    @ParameterizedTest
    @CsvSource({
        "9F26, BINARY, 8, 8", "9F27, BINARY, 1, 1", "9F10, BINARY, 1, 32", "9F37, BINARY, 4, 4",
        "9F36, BINARY, 2, 2", "95, BINARY, 5, 5", "9A, NUMERIC, 3, 3", "9C, NUMERIC, 1, 1",
        "9F02, NUMERIC, 6, 6", "9F03, NUMERIC, 6, 6", "5F2A, NUMERIC, 2, 2", "82, BINARY, 2, 2",
        "9F1A, NUMERIC, 2, 2", "9F33, BINARY, 3, 3", "9F34, BINARY, 3, 3", "9F35, NUMERIC, 1, 1",
        "9F1E, ALPHANUMERIC, 8, 8", "84, BINARY, 5, 16", "9F06, BINARY, 5, 16", "9F09, BINARY, 2, 2",
        "9F41, NUMERIC, 2, 4", "5F34, NUMERIC, 1, 1", "5F36, NUMERIC, 1, 1", "57, BINARY, 1, 19",
        "5A, COMPRESSED_NUMERIC, 1, 10", "5F24, NUMERIC, 3, 3", "5F20, ALPHANUMERIC_SPECIAL, 2, 26"})
    void knowsEveryTagOfReference52AndTheCardDataTags(String tag, Format format, int min, int max) {
        EmvTagInfo info = EmvTags.lookup(TlvTag.of(tag)).orElseThrow();
        assertThat(info.tag()).isEqualTo(TlvTag.of(tag));
        assertThat(info.format()).isEqualTo(format);
        assertThat(info.minLengthBytes()).isEqualTo(min);
        assertThat(info.maxLengthBytes()).isEqualTo(max);
        assertThat(info.name()).isNotBlank();
    }

    @Test
    void namesTheTags() {
        assertThat(EmvTags.lookup(TlvTag.of(0x9F02)).orElseThrow().name()).isEqualTo("Amount, Authorised");
        assertThat(EmvTags.lookup(TlvTag.of(0x9F7C))).isEmpty();
    }

    @Test
    void sensitiveTags() {
        for (String tag : List.of("57", "5A", "5F20", "56", "9F6B", "9F1F", "9F20")) {
            assertThat(EmvTags.isSensitive(TlvTag.of(tag))).as(tag).isTrue();
        }
        for (String tag : List.of("9F02", "5F24", "5F34", "9F7C")) {
            assertThat(EmvTags.isSensitive(TlvTag.of(tag))).as(tag).isFalse();
        }
    }

    @Test
    void acceptsATypicalDe55() throws CardDataException {
        List<Tlv> tlvs = BerTlv.decode(Hex.decode(DE55));
        EmvTags.validateDe55(tlvs);
        assertThat(EmvTags.sensitiveTagsIn(tlvs)).isEmpty();
    }

    @Test
    void acceptsUnknownAndSensitiveTagsAndListsTheSensitiveOnes() throws CardDataException {
        List<Tlv> tlvs = BerTlv.decode(Hex.decode(DE55 + "9F7C03010203" + "5A085350290149345177"
                + "7012" + "57105350290149345177D160420100005670"));
        EmvTags.validateDe55(tlvs);
        assertThat(EmvTags.sensitiveTagsIn(tlvs)).containsExactly(TlvTag.of(0x5A), TlvTag.of(0x57));
    }

    @Test
    void refusesLengthsOutsideTheRange() {
        assertRefused(() -> validate("9F02050000000010"),
                "DE 55: tag 9F02 (Amount, Authorised) has 5 bytes, expected 6", -1);
        assertRefused(() -> validate("8404A0000000"),
                "DE 55: tag 84 (Dedicated File (DF) Name) has 4 bytes, expected 5 to 16", -1);
        assertRefused(() -> validate("9F2700"),
                "DE 55: tag 9F27 (Cryptogram Information Data) has 0 bytes, expected 1", -1);
        assertRefused(() -> validate("E0049F350100" + "9C020000"),
                "DE 55: tag 9C (Transaction Type) has 2 bytes, expected 1", -1);
    }

    @Test
    void refusesBadFormatsWithoutShowingValues() {
        assertRefused(() -> validate("9F02060000000010A0"),
                "DE 55: tag 9F02 (Amount, Authorised) is numeric (BCD) but value byte 5 is not", -1);
        assertRefused(() -> validate("5A0853502901493451F7"),
                "DE 55: tag 5A (Application Primary Account Number (PAN)) is compressed numeric (BCD, F-padded) "
                        + "but value byte 7 is not", -1, "53502901493451");
        assertRefused(() -> validate("9F1E08313233343536370A"),
                "DE 55: tag 9F1E (Interface Device (IFD) Serial Number) is printable ASCII but value byte 7 is not",
                -1);
    }

    @Test
    void refusesATagTwiceInOneList() throws CardDataException {
        assertRefused(() -> validate("9C0100" + "9F0206000000001000" + "9C0100"),
                "DE 55: tag 9C (Transaction Type) appears twice", -1);
        // The same tag in different templates is fine.
        validate("9C0100" + "E0039C0100");
    }

    private static void validate(String hex) throws CardDataException {
        EmvTags.validateDe55(BerTlv.decode(Hex.decode(hex)));
    }
}
