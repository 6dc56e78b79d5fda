package io.kessai.iso8583.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class LengthHeaderTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    /** The examples of docs/protocol/link.md. */
    @ParameterizedTest
    @CsvSource({
        "BINARY_2, 300, 012C",
        "BINARY_2, 65535, FFFF",
        "BINARY_2, 0, 0000",
        "BCD_2, 300, 0300",
        "BCD_2, 9999, 9999",
        "BCD_2, 47, 0047",
        "ASCII_4, 300, 30333030",
        "ASCII_4, 9999, 39393939",
        "ASCII_4, 50, 30303530",
    })
    void writesAndReadsTheDocumentedExamples(LengthHeader header, int length, String hex) throws Exception {
        assertThat(HEX.formatHex(header.encode(length))).isEqualTo(hex);
        assertThat(header.read(HEX.parseHex(hex), 0)).isEqualTo(length);
    }

    @ParameterizedTest
    @EnumSource(LengthHeader.class)
    void everyLengthRoundTrips(LengthHeader header) throws Exception {
        for (int length = 0; length <= header.maxLength(); length++) {
            assertThat(header.read(header.encode(length), 0)).isEqualTo(length);
        }
    }

    @ParameterizedTest
    @EnumSource(LengthHeader.class)
    void refusesALengthItCannotExpress(LengthHeader header) {
        assertThatThrownBy(() -> header.encode(header.maxLength() + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(header.name());
    }

    @Test
    void aBcdHeaderMustHoldDecimalDigits() {
        assertThatThrownBy(() -> LengthHeader.BCD_2.read(new byte[] {0x01, 0x2C}, 0))
                .isInstanceOf(LinkProtocolException.class)
                .hasMessage("BCD_2 length header: byte 2 is 0x2C, not two decimal digits");
    }

    @Test
    void anAsciiHeaderMustHoldDigits() {
        assertThatThrownBy(() -> LengthHeader.ASCII_4.read(new byte[] {'0', '1', 'A', '0'}, 0))
                .isInstanceOf(LinkProtocolException.class)
                .hasMessage("ASCII_4 length header: byte 3 is 0x41, not an ASCII digit");
    }
}
