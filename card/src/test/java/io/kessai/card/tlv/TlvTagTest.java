package io.kessai.card.tlv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TlvTagTest {

    @Test
    void oneTwoAndThreeByteTags() {
        TlvTag oneByte = TlvTag.of("9C");
        assertThat(oneByte.value()).isEqualTo(0x9C);
        assertThat(oneByte.byteLength()).isEqualTo(1);
        assertThat(oneByte.constructed()).isFalse();

        TlvTag twoBytes = TlvTag.of(0x9F02);
        assertThat(twoBytes.hex()).isEqualTo("9F02");
        assertThat(twoBytes.byteLength()).isEqualTo(2);
        assertThat(twoBytes).isEqualTo(TlvTag.of("9f02")).hasSameHashCodeAs(TlvTag.of("9F02")).hasToString("9F02");

        TlvTag threeBytes = TlvTag.of("9F8201");
        assertThat(threeBytes.value()).isEqualTo(0x9F8201);
        assertThat(threeBytes.byteLength()).isEqualTo(3);
    }

    @Test
    void constructedBitIsB6OfTheFirstByte() {
        assertThat(TlvTag.of(0xE0).constructed()).isTrue();
        assertThat(TlvTag.of(0x70).constructed()).isTrue();
        assertThat(TlvTag.of("BF0C").constructed()).isTrue();
        assertThat(TlvTag.of("FF8101").constructed()).isTrue();
        assertThat(TlvTag.of(0x5F24).constructed()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"9F", "9F82", "9F0201", "5F", "9F818101", "", "00", "009C", "0G", "9C9C"})
    void refusesBytesThatAreNotOneTag(String hex) {
        assertThatThrownBy(() -> TlvTag.of(hex)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 0x9F, 0x9F82, 0x9C9C, 0x9F818101})
    void refusesValuesThatAreNotOneTag(int value) {
        assertThatThrownBy(() -> TlvTag.of(value)).isInstanceOf(IllegalArgumentException.class);
    }
}
