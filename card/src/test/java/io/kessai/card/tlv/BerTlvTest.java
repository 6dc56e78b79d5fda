package io.kessai.card.tlv;

import static io.kessai.card.CardDataErrors.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.card.CardDataException;
import io.kessai.card.Hex;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** REFERENCE §5.1 vectors (knovichikhin/pyemv tests/test_tlv.py) and the decoder's documented rules. */
class BerTlvTest {
    private static final TlvTag TYPE_9C = TlvTag.of(0x9C);
    private static final TlvTag E0 = TlvTag.of(0xE0);

    @Test
    void oneByteTag() throws CardDataException {
        assertThat(decode("9C01FF")).containsExactly(primitive("9C", "FF"));
        assertThat(encode(primitive("9C", "FF"))).isEqualTo("9C01FF");
    }

    @Test
    void threeByteTag() throws CardDataException {
        assertThat(decode("9F820101FF")).containsExactly(primitive("9F8201", "FF"));
        assertThat(encode(primitive("9F8201", "FF"))).isEqualTo("9F820101FF");
    }

    @Test
    void lengthsFrom128UseTheLongForm() throws CardDataException {
        Tlv ff128 = Tlv.primitive(TYPE_9C, filled(128));
        String encoded128 = "9C8180" + "FF".repeat(128);
        assertThat(encode(ff128)).isEqualTo(encoded128);
        assertThat(decode(encoded128)).containsExactly(ff128);

        Tlv ff511 = Tlv.primitive(TYPE_9C, filled(511));
        String encoded511 = "9C8201FF" + "FF".repeat(511);
        assertThat(encode(ff511)).isEqualTo(encoded511);
        assertThat(decode(encoded511)).containsExactly(ff511);

        assertThat(encode(Tlv.primitive(TYPE_9C, new byte[0x10000]))).startsWith("9C83010000");
        assertThat(encode(Tlv.primitive(TYPE_9C, new byte[0x7F]))).startsWith("9C7F");
        assertThat(encode(Tlv.primitive(TYPE_9C, new byte[0xFF]))).startsWith("9C81FF");
        assertThat(encode(Tlv.primitive(TYPE_9C, new byte[0x100]))).startsWith("9C820100");
    }

    @Test
    void constructedObjects() throws CardDataException {
        List<Tlv> tlvs = List.of(
                Tlv.constructed(E0, List.of(primitive("9F00", "FF"))),
                primitive("9C", "FF"));
        assertThat(Hex.encode(BerTlv.encode(tlvs))).isEqualTo("E0049F0001FF9C01FF");
        assertThat(decode("E0049F0001FF9C01FF")).isEqualTo(tlvs);
    }

    @Test
    void nestedWithEmptyValues() throws CardDataException {
        assertThat(decode("9F0201FF" + "E003" + "9F0300" + "9F0400")).containsExactly(
                primitive("9F02", "FF"),
                Tlv.constructed(E0, List.of(primitive("9F03", ""))),
                primitive("9F04", ""));
    }

    @Test
    void nonMinimalLongFormsAreAccepted() throws CardDataException {
        Tlv empty = primitive("9C", "");
        assertThat(decode("9C8100")).containsExactly(empty);
        assertThat(decode("9C820000")).containsExactly(empty);
        assertThat(decode("9C83000001FF")).containsExactly(primitive("9C", "FF"));
        assertThat(decode("9C8400000001FF")).containsExactly(primitive("9C", "FF"));
        assertThat(encode(empty)).isEqualTo("9C00");
    }

    @Test
    void theIndefiniteFormIsRefused() {
        // pyemv reads 9C80 as an empty 9C (REFERENCE §5.1); in BER 80 is the indefinite form, which
        // is not allowed for primitive objects and not used by EMV at all.
        assertRefused(() -> decode("9C80"),
                "TLV: tag 9C at offset 1 uses the indefinite length form (80), which EMV does not allow", 1);
    }

    @Test
    void zeroPaddingIsSkippedAtEveryLevel() throws CardDataException {
        assertThat(decode("00" + "9C01FF" + "0000")).containsExactly(primitive("9C", "FF"));
        assertThat(decode("E005" + "00" + "9C01FF" + "00")).containsExactly(
                Tlv.constructed(E0, List.of(primitive("9C", "FF"))));
        assertThat(decode("000000")).isEmpty();
        assertThat(decode("")).isEmpty();
    }

    @Test
    void ffIsATagByteNotPadding() throws CardDataException {
        assertThat(decode("FF8101" + "03" + "9C01FF")).containsExactly(
                Tlv.constructed(TlvTag.of("FF8101"), List.of(primitive("9C", "FF"))));
    }

    @Test
    void decodesARangeWithOffsetsInTheWholeArray() throws CardDataException {
        byte[] data = Hex.decode("AAAA" + "9C01FF" + "BBBB");
        assertThat(BerTlv.decode(data, 2, 3)).containsExactly(primitive("9C", "FF"));
        assertRefused(() -> BerTlv.decode(data, 2, 2), "TLV: tag 9C declares length 1, only 0 bytes left at offset 4",
                4);
        assertThatThrownBy(() -> BerTlv.decode(data, 5, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void refusesValuesLongerThanTheData() {
        assertRefused(() -> decode("9F0206000000"),
                "TLV: tag 9F02 declares length 6, only 3 bytes left at offset 3", 3);
        assertRefused(() -> decode("E0059F0201FF"), "TLV: tag E0 declares length 5, only 4 bytes left at offset 2", 2);
        assertRefused(() -> decode("E0049F0203FF9C01FF"),
                "TLV: tag 9F02 declares length 3, only 1 byte left at offset 5", 5);
        assertRefused(() -> decode("9C84FFFFFFFF00"),
                "TLV: tag 9C declares length 4294967295, only 1 byte left at offset 6", 6);
    }

    @Test
    void refusesCutOffTagsAndLengths() {
        assertRefused(() -> decode("9F"), "TLV: tag at offset 0 is cut off: the data ends inside it", 0);
        assertRefused(() -> decode("9C01FF9F82"), "TLV: tag at offset 3 is cut off: the data ends inside it", 3);
        assertRefused(() -> decode("9C"), "TLV: tag 9C has no length: the data ends at offset 1", 1);
        assertRefused(() -> decode("9C8201"), "TLV: tag 9C declares 2 length bytes at offset 1, only 1 byte left", 1);
    }

    @Test
    void refusesTagsAndLengthFieldsTooLong() {
        assertRefused(() -> decode("9F81810100"), "TLV: tag at offset 0 is 4 bytes long, at most 3 allowed", 0);
        assertRefused(() -> decode("9C850000000001FF"),
                "TLV: tag 9C length form 85 at offset 1 needs 5 length bytes, at most 4 supported", 1);
    }

    @Test
    void nestingIsBounded() throws CardDataException {
        assertThat(decode(nested(BerTlv.MAX_NESTING_DEPTH))).hasSize(1);
        assertRefused(() -> decode(nested(BerTlv.MAX_NESTING_DEPTH + 1)),
                "TLV: constructed tag E0 at offset 32 is nested deeper than 16 levels", 32);
    }

    @Test
    void decodeEncodeDecodeGivesEqualObjects() throws CardDataException {
        String messy = "00" + "E08108" + "9C8101FF" + "00" + "9F0000" + "00" + "9F0282000101";
        List<Tlv> once = decode(messy);
        byte[] reencoded = BerTlv.encode(once);
        assertThat(Hex.encode(reencoded)).isEqualTo("E0069C01FF9F0000" + "9F020101");
        assertThat(BerTlv.decode(reencoded)).isEqualTo(once);
    }

    /** {@code levels} E0 objects, each inside the previous one, the innermost empty. */
    private static String nested(int levels) {
        String inner = "";
        for (int i = 0; i < levels; i++) {
            inner = "E0" + String.format("%02X", inner.length() / 2) + inner;
        }
        return inner;
    }

    private static List<Tlv> decode(String hex) throws CardDataException {
        return BerTlv.decode(Hex.decode(hex));
    }

    private static String encode(Tlv tlv) {
        return Hex.encode(BerTlv.encode(tlv));
    }

    private static Tlv primitive(String tag, String valueHex) {
        return Tlv.primitive(TlvTag.of(tag), Hex.decode(valueHex));
    }

    private static byte[] filled(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 0xFF);
        return bytes;
    }
}
