package io.kessai.card.tlv;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kessai.card.CardDataException;
import java.util.List;

/**
 * BerTlv.decode on any bytes: only CardDataException may come out; decode → encode → decode
 * gives equal objects, and a second encode the same bytes. Fuzz for real with
 * {@code JAZZER_FUZZ=1 ./mvnw -pl card test -Dtest=BerTlvFuzzTest}.
 */
class BerTlvFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void decode(byte[] input) throws CardDataException {
        List<Tlv> decoded;
        try {
            decoded = BerTlv.decode(input);
        } catch (CardDataException expected) {
            return;
        }
        byte[] encoded = BerTlv.encode(decoded);
        assertThat(encoded.length).isLessThanOrEqualTo(input.length);
        List<Tlv> again = BerTlv.decode(encoded);
        assertThat(again).isEqualTo(decoded);
        assertThat(BerTlv.encode(again)).isEqualTo(encoded);
        for (Tlv tlv : decoded) {
            tlv.toString();
            try {
                EmvTags.validateDe55(List.of(tlv));
            } catch (CardDataException refused) {
                assertThat(refused.getMessage()).startsWith("DE 55: ");
            }
        }
    }
}
