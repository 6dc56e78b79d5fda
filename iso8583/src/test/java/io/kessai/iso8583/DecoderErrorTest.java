package io.kessai.iso8583;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.card.Hex;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every decoder error says which field, what is wrong and at which byte offset. */
class DecoderErrorTest {
    private static final Dialect KESSAI = Dialects.kessai();
    private static final Dialect PACKED = RandomMessages.packedKessai();
    /** Only DE 4 present. */
    private static final String BITMAP_DE4 = "1000000000000000";

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static IsoFormatException decodeError(Dialect dialect, byte[] wire) {
        try {
            dialect.decode(wire);
        } catch (IsoFormatException expected) {
            return expected;
        }
        throw new AssertionError("decoded without error: " + Hex.encode(wire));
    }

    private static void assertError(Dialect dialect, byte[] wire, String message, int offset) {
        IsoFormatException error = decodeError(dialect, wire);
        assertThat(error).hasMessage(message);
        assertThat(error.offset()).isEqualTo(offset);
    }

    @Test
    void mti_that_is_not_four_digits() {
        assertError(KESSAI, ascii("01X0" + BITMAP_DE4 + "000000012800"), "MTI: '01X0' is not 4 digits", 0);
        assertError(KESSAI, new byte[] {'0', '1', 0, '0'}, "MTI: '01\\x000' is not 4 digits", 0);
    }

    @Test
    void message_shorter_than_an_mti() {
        assertError(KESSAI, ascii("01"), "MTI: needs 4 bytes, 2 left at offset 0", 0);
        assertError(KESSAI, new byte[0], "MTI: needs 4 bytes, 0 left at offset 0", 0);
    }

    @Test
    void bitmap_that_is_not_hex() {
        assertError(KESSAI, ascii("0100" + "100G000000000000" + "000000012800"), "bitmap: non-hex 'G' at offset 7", 7);
    }

    @Test
    void bitmaps_cut_short() {
        assertError(KESSAI, ascii("0100" + "10000"), "bitmap: needs 16 bytes, 5 left at offset 4", 4);
        assertError(KESSAI, ascii("0100" + "8000000000000000" + "0400"),
                "secondary bitmap: needs 16 bytes, 4 left at offset 20", 20);
        assertError(Dialects.kessai(BitmapEncoding.BINARY), ascii("0100" + "123"),
                "bitmap: needs 8 bytes, 3 left at offset 4", 4);
    }

    @Test
    void bitmap_naming_a_field_the_dialect_does_not_define() {
        Dialect small = Dialect.builder("small")
                .field(FieldDefinition.fixed(4, FieldType.N, 12, "Amount, transaction"))
                .field(FieldDefinition.fixed(70, FieldType.N, 3, "Network management information code"))
                .build();

        assertError(small, ascii("0800" + "8000000000000000" + "2400000000000000" + "001"),
                "bitmap: field 67 present but the dialect does not define it", 4);
        assertError(small, ascii("0100" + "3000000000000000" + "000000012800"),
                "bitmap: field 3 present but the dialect does not define it", 4);
    }

    @Test
    void length_prefix_that_is_not_digits() {
        assertError(KESSAI, ascii("0100" + "4000000000000000" + "1X4111111111111111"),
                "DE 2: length prefix '1X' is not 2 digits at offset 20", 20);
        assertError(KESSAI, ascii("0100" + "4000000000000000" + "1"),
                "DE 2: length prefix needs 2 bytes, 1 left at offset 20", 20);
    }

    @Test
    void declared_length_above_the_maximum() {
        assertError(KESSAI, ascii("0100" + "4000000000000000" + "20" + "4".repeat(20)),
                "DE 2: declared length 20 exceeds the maximum 19 at offset 20", 20);
        assertError(KESSAI, ascii("0100" + "0000000000000200" + "600" + "0".repeat(600)),
                "DE 55: declared length 600 exceeds the maximum 510 hex digits at offset 20", 20);
    }

    @Test
    void declared_length_beyond_the_end_of_the_message() {
        byte[] golden = GoldenMessageTest.GOLDENS.get("0100 authorization request").wire(BitmapEncoding.HEX);
        int de35At = 106; // MTI 4, bitmap 16, DE 2 18, DE 3-25 54, DE 32 8: hand-counted
        assertThat(new String(golden, de35At, 2, StandardCharsets.US_ASCII)).isEqualTo("34");
        ByteArrayOutputStream cut = new ByteArrayOutputStream();
        cut.write(golden, 0, de35At);
        cut.writeBytes(ascii("37" + "4111111111111111=28122011"));

        assertError(KESSAI, cut.toByteArray(), "DE 35: declared length 37, 25 bytes left at offset 108", 108);
    }

    @Test
    void fixed_field_beyond_the_end_of_the_message() {
        assertError(KESSAI, ascii("0100" + BITMAP_DE4 + "00000"),
                "DE 4: needs 12 bytes, 5 bytes left at offset 20", 20);
    }

    @Test
    void non_digit_in_a_numeric_field() {
        assertError(KESSAI, ascii("0100" + BITMAP_DE4 + "000X00012800"), "DE 4: non-digit 'X' at offset 23", 23);
        assertError(KESSAI, ascii("0100" + BITMAP_DE4 + "000 00012800"), "DE 4: non-digit ' ' at offset 23", 23);
        assertError(KESSAI, ascii("0100" + BITMAP_DE4 + "000\u00e900012800"), "DE 4: non-digit 0xE9 at offset 23", 23);
    }

    @Test
    void bad_character_in_a_sensitive_field_is_not_shown() {
        assertError(KESSAI, ascii("0100" + "0000000020000000" + "05" + "41?11"),
                "DE 35: non-track character at offset 24", 24);
        assertError(KESSAI, ascii("0100" + "0000000000000200" + "004" + "9FG0"),
                "DE 55: non-hex character at offset 25", 25);
    }

    @Test
    void other_character_classes() {
        assertError(KESSAI, ascii("0100" + "0000000000000001" + "00112233445566ZZ"),
                "DE 64: non-hex 'Z' at offset 34", 34);
        assertError(KESSAI, ascii("0100" + "0000000008000000" + "53250-000123"),
                "DE 37: non-alphanumeric '-' at offset 25", 25);
        assertError(KESSAI, ascii("0100" + "0000000000800000" + "TERM\t001"),
                "DE 41: non-printable 0x09 at offset 24", 24);
        assertError(KESSAI, ascii("0100" + "0000001000000000" + "X00001000"),
                "DE 28: sign 'X' is not C or D at offset 20", 20);
        assertError(KESSAI, ascii("0100" + "0000001000000000" + "C0000100A"),
                "DE 28: non-digit 'A' at offset 28", 28);
    }

    @Test
    void odd_hex_length() {
        assertError(KESSAI, ascii("0100" + "0000000000000200" + "007" + "9F27018"),
                "DE 55: declared length 7 is odd, hex needs 2 digits a byte at offset 20", 20);
    }

    @Test
    void bytes_after_the_last_field() {
        assertError(KESSAI, ascii("0100" + BITMAP_DE4 + "000000012800" + "XYZ"),
                "message: 3 bytes after the last field at offset 32", 32);
    }

    @Test
    void message_longer_than_a_two_byte_header_can_frame() {
        assertError(KESSAI, new byte[IsoDecoder.MAX_MESSAGE_BYTES + 1],
                "message: 65536 bytes exceed the maximum 65535", 0);
    }

    @Test
    void offsets_count_from_the_message_not_from_the_buffer() throws Exception {
        byte[] framed = ascii("HDR" + "0100" + BITMAP_DE4 + "000X00012800");
        IsoFormatException error = null;
        try {
            KESSAI.decode(framed, 3, framed.length - 3);
        } catch (IsoFormatException expected) {
            error = expected;
        }
        assertThat(error).hasMessage("DE 4: non-digit 'X' at offset 23");
    }

    @Test
    void packed_dialect_errors() {
        assertError(PACKED, Hex.decode("0A00"), "MTI: 0x0A00 is not 4 BCD digits", 0);
        // DE 3 alone: n 6 packed in 3 bytes.
        assertError(PACKED, Hex.decode("0100" + "2000000000000000" + "00A000"), "DE 3: non-BCD nibble at offset 11", 11);
        // DE 22: n 3 packed in 2 bytes, leading pad nibble must be 0.
        assertError(PACKED, Hex.decode("0100" + "0000040000000000" + "5051"), "DE 22: BCD pad nibble is not 0 at offset 10", 10);
        // DE 2: LL prefix is one BCD byte.
        assertError(PACKED, Hex.decode("0100" + "4000000000000000" + "1A"),
                "DE 2: length prefix 0x1A is not 2 BCD digits at offset 10", 10);
        // DE 55: LLL prefix is two BCD bytes, the first nibble a pad.
        assertError(PACKED, Hex.decode("0100" + "0000000000000200" + "1001"),
                "DE 55: length prefix 0x1001 is not 3 BCD digits at offset 10", 10);
        // DE 35: 3 characters packed in 2 bytes, filler nibble F; sensitive, so no value shown.
        assertError(PACKED, Hex.decode("0100" + "0000000020000000" + "03" + "4D10"),
                "DE 35: BCD filler nibble is not F at offset 12", 12);
        assertError(PACKED, Hex.decode("0100" + "0000000020000000" + "03" + "4E1F"),
                "DE 35: non-track nibble at offset 11", 11);
        assertError(PACKED, Hex.decode("0100" + "0000000020000000" + "05" + "4D1F"),
                "DE 35: declared length 5 (3 bytes), 2 bytes left at offset 11", 11);
    }

    @Test
    void the_decoder_throws_only_iso_format_exception_for_truncations_of_every_golden() {
        for (BitmapEncoding encoding : BitmapEncoding.values()) {
            for (GoldenMessageTest.Golden golden : GoldenMessageTest.GOLDENS.values()) {
                byte[] wire = golden.wire(encoding);
                for (int length = 0; length < wire.length; length++) {
                    byte[] cut = java.util.Arrays.copyOf(wire, length);
                    assertThatThrownBy(() -> Dialects.kessai(encoding).decode(cut))
                            .isInstanceOf(IsoFormatException.class);
                }
            }
        }
    }
}
