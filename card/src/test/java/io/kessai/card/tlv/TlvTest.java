package io.kessai.card.tlv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.card.Hex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlvTest {
    private static final TlvTag E0 = TlvTag.of(0xE0);
    private static final TlvTag TYPE_9C = TlvTag.of(0x9C);

    @Test
    void primitiveValuesAreCopiedInAndOut() {
        byte[] value = {1, 2};
        Tlv tlv = Tlv.primitive(TYPE_9C, value);
        value[0] = 9;
        assertThat(tlv.value()).containsExactly(1, 2);
        tlv.value()[1] = 9;
        assertThat(tlv.value()).containsExactly(1, 2);
        assertThat(tlv.length()).isEqualTo(2);
        assertThat(tlv.children()).isEmpty();
        assertThat(tlv.constructed()).isFalse();
    }

    @Test
    void constructedValueIsItsChildrenEncoded() {
        List<Tlv> children = new ArrayList<>(List.of(Tlv.primitive(TlvTag.of(0x9F00), Hex.decode("FF"))));
        Tlv tlv = Tlv.constructed(E0, children);
        children.clear();
        assertThat(tlv.children()).hasSize(1);
        assertThat(Hex.encode(tlv.value())).isEqualTo("9F0001FF");
        assertThat(tlv.length()).isEqualTo(4);
        assertThat(tlv.constructed()).isTrue();
        assertThatThrownBy(() -> tlv.children().add(tlv)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void findSearchesDepthFirstIncludingItself() {
        Tlv inner9C = Tlv.primitive(TYPE_9C, new byte[] {1});
        Tlv tree = Tlv.constructed(E0, List.of(
                Tlv.constructed(TlvTag.of(0x70), List.of(inner9C)),
                Tlv.primitive(TYPE_9C, new byte[] {2})));
        assertThat(tree.find(TYPE_9C)).contains(inner9C);
        assertThat(tree.find(E0)).contains(tree);
        assertThat(tree.find(TlvTag.of(0x9F02))).isEmpty();
        assertThat(BerTlv.find(List.of(Tlv.primitive(TlvTag.of(0x82), new byte[2]), tree), TYPE_9C))
                .contains(inner9C);
    }

    @Test
    void equalityIsOnTagAndContent() {
        assertThat(Tlv.primitive(TYPE_9C, new byte[] {1})).isEqualTo(Tlv.primitive(TYPE_9C, new byte[] {1}))
                .hasSameHashCodeAs(Tlv.primitive(TYPE_9C, new byte[] {1}))
                .isNotEqualTo(Tlv.primitive(TYPE_9C, new byte[] {2}))
                .isNotEqualTo(Tlv.primitive(TlvTag.of(0x9A), new byte[] {1}));
        assertThat(Tlv.constructed(E0, List.of())).isEqualTo(Tlv.constructed(E0, List.of()))
                .isNotEqualTo(Tlv.primitive(TYPE_9C, new byte[0]));
    }

    @Test
    void toStringMasksSensitiveTagsAtAnyDepth() {
        Tlv tree = Tlv.constructed(TlvTag.of(0x70), List.of(
                Tlv.primitive(TlvTag.of(0x5A), Hex.decode("5350290149345177")),
                Tlv.primitive(TlvTag.of(0x57), Hex.decode("5350290149345177D1604201")),
                Tlv.primitive(TlvTag.of(0x5F20), "FATEHI/SUALEH".getBytes(StandardCharsets.US_ASCII)),
                Tlv.primitive(TlvTag.of(0x9F02), Hex.decode("000000001000"))));
        assertThat(tree.toString()).isEqualTo(
                "70=[5A=<masked>, 57=<masked>, 5F20=<masked>, 9F02=000000001000]");
        for (String tag : List.of("56", "9F6B", "9F1F", "9F20")) {
            assertThat(Tlv.primitive(TlvTag.of(tag), new byte[] {0x31}).toString()).isEqualTo(tag + "=<masked>");
        }
    }

    @Test
    void refusesTheWrongKindOfTag() {
        assertThatThrownBy(() -> Tlv.primitive(E0, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tlv.constructed(TYPE_9C, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNestingTheDecoderWouldRefuse() {
        Tlv tlv = Tlv.constructed(E0, List.of());
        for (int depth = 2; depth <= BerTlv.MAX_NESTING_DEPTH; depth++) {
            tlv = Tlv.constructed(E0, List.of(tlv));
        }
        Tlv deepest = tlv;
        assertThatThrownBy(() -> Tlv.constructed(E0, List.of(deepest))).isInstanceOf(IllegalArgumentException.class);
    }
}
