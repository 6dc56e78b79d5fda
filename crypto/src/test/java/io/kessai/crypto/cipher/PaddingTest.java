package io.kessai.crypto.cipher;

import static io.kessai.card.Hex.decode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.card.Hex;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PaddingTest {
    @Test
    void methodOnePadsWithZerosOnlyWhenNeeded() {
        assertThat(Hex.encode(Padding.padMethod1(decode("0102030405"), 8))).isEqualTo("0102030405000000");
        assertThat(Hex.encode(Padding.padMethod1(decode("0102030405060708"), 8))).isEqualTo("0102030405060708");
    }

    @Test
    void methodOneGivesEmptyDataOneBlock() {
        assertThat(Padding.padMethod1(new byte[0], 16)).isEqualTo(new byte[16]);
    }

    @Test
    void methodTwoAlwaysAddsTheMarker() {
        assertThat(Hex.encode(Padding.padMethod2(decode("01020304050607"), 8))).isEqualTo("0102030405060780");
        assertThat(Hex.encode(Padding.padMethod2(decode("0102030405060708"), 8)))
                .isEqualTo("01020304050607088000000000000000");
        assertThat(Hex.encode(Padding.padMethod2(new byte[0], 8))).isEqualTo("8000000000000000");
    }

    @Test
    void methodTwoRoundTrips() throws PaddingException {
        for (int length = 0; length <= 33; length++) {
            byte[] data = new byte[length];
            Arrays.fill(data, (byte) 0x80);
            assertThat(Padding.unpadMethod2(Padding.padMethod2(data, 16), 16)).isEqualTo(data);
        }
    }

    @Test
    void methodTwoRefusesBadPadding() {
        assertThatThrownBy(() -> Padding.unpadMethod2(decode("0102030405060700"), 8))
                .isInstanceOf(PaddingException.class)
                .hasMessageContaining("no 0x80 padding marker");
        assertThatThrownBy(() -> Padding.unpadMethod2(decode("8000000000000000" + "0000000000000000"), 8))
                .isInstanceOf(PaddingException.class);
        assertThatThrownBy(() -> Padding.unpadMethod2(decode("01020380"), 8))
                .isInstanceOf(PaddingException.class)
                .hasMessage("padded data must be a positive multiple of 8 bytes, got 4");
        assertThatThrownBy(() -> Padding.unpadMethod2(new byte[0], 8)).isInstanceOf(PaddingException.class);
    }
}
