package io.kessai.iso8583;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A value that does not fit its definition is an IsoFormatException naming the field. */
class EncoderErrorTest {
    private static final Dialect KESSAI = Dialects.kessai();

    private static void assertEncodeError(IsoMessage message, String text) {
        assertThatThrownBy(message::encode).isInstanceOf(IsoFormatException.class).hasMessage(text);
    }

    @Test
    void mti_that_is_not_four_digits() {
        assertEncodeError(KESSAI.newMessage("01X0"), "MTI: '01X0' is not 4 digits");
        assertEncodeError(KESSAI.newMessage("100"), "MTI: '100' is not 4 digits");
    }

    @Test
    void values_too_long() {
        assertEncodeError(KESSAI.newMessage("0100").set(4, "1234567890123"), "DE 4: length 13 does not fit n 12");
        assertEncodeError(KESSAI.newMessage("0100").set(2, "41111111111111111111"),
                "DE 2: length 20 does not fit LLVAR n..19");
        assertEncodeError(KESSAI.newMessage("0100").set(55, new byte[256]), "DE 55: 256 bytes do not fit LLLVAR b..255");
        assertEncodeError(KESSAI.newMessage("0100").set(52, new byte[7]), "DE 52: 7 bytes do not fit b 8");
        assertEncodeError(KESSAI.newMessage("0100").set(28, "C0001"), "DE 28: length 5 does not fit x+n 8");
        assertEncodeError(KESSAI.newMessage("0100").set(35, "4111111111111111=2812201123450000000000"),
                "DE 35: length 39 does not fit LLVAR z..37");
    }

    @Test
    void characters_the_type_refuses() {
        assertEncodeError(KESSAI.newMessage("0100").set(4, "000X00012800"), "DE 4: non-digit 'X' at index 3");
        assertEncodeError(KESSAI.newMessage("0100").set(37, "53-506000123"), "DE 37: non-alphanumeric '-' at index 2");
        assertEncodeError(KESSAI.newMessage("0100").set(43, "\u3042"), "DE 43: non-printable 0xE3 at index 0");
        assertEncodeError(KESSAI.newMessage("0100").set(28, "X00001000"), "DE 28: sign 'X' is not C or D");
        assertEncodeError(KESSAI.newMessage("0100").set(28, "C0000100A"), "DE 28: non-digit 'A' at index 8");
    }

    @Test
    void a_sensitive_value_is_not_quoted() {
        assertEncodeError(KESSAI.newMessage("0100").set(35, "4111111111111111^2812"),
                "DE 35: non-track character at index 16");
    }

    @Test
    void short_fixed_values_are_padded_as_iso_8583_says() throws Exception {
        IsoMessage message = KESSAI.newMessage("0100").set(4, "12800").set(41, "T1");

        IsoMessage decoded = KESSAI.decode(message.encode());

        assertThat(decoded.get(4)).isEqualTo("000000012800");
        assertThat(decoded.get(41)).isEqualTo("T1      ");
    }

    @Test
    void setting_a_field_wrongly_is_a_programming_error() {
        Dialect small = Dialect.builder("small").field(FieldDefinition.fixed(4, FieldType.N, 12, "Amount")).build();

        assertThatThrownBy(() -> small.newMessage("0100").set(5, "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("DE 5 is not defined by dialect small");
        assertThatThrownBy(() -> KESSAI.newMessage("0100").set(52, "1B9C1845EB993A7A"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("DE 52 is binary: use byte[]");
        assertThatThrownBy(() -> KESSAI.newMessage("0100").set(4, new byte[12]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("DE 4 is text: set it with a String");
        assertThatThrownBy(() -> KESSAI.newMessage("0100").set(1, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("DE 1 is not defined by dialect kessai");
    }
}
