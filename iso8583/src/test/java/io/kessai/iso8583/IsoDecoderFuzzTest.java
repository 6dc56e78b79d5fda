package io.kessai.iso8583;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * The decoder on any bytes, in the hex, binary-bitmap and packed dialects: only IsoFormatException may
 * come out, with an offset inside the input; what decodes re-encodes (a decoded message always fits
 * its dialect) to bytes that decode to the same message, and dumps without failing. Seeds are golden
 * messages. Fuzz for real with {@code JAZZER_FUZZ=1 ./mvnw -pl iso8583 test -Dtest=IsoDecoderFuzzTest}.
 */
class IsoDecoderFuzzTest {
    private static final List<Dialect> DIALECTS =
            List.of(Dialects.kessai(), Dialects.kessai(BitmapEncoding.BINARY), RandomMessages.packedKessai());

    @FuzzTest(maxDuration = "10s")
    void decode(byte[] input) throws IsoFormatException {
        for (Dialect dialect : DIALECTS) {
            IsoMessage message;
            try {
                message = dialect.decode(input);
            } catch (IsoFormatException expected) {
                assertThat(expected.getMessage()).isNotBlank();
                assertThat(expected.offset()).isBetween(IsoFormatException.NO_OFFSET, input.length);
                continue;
            }
            byte[] again = message.encode();
            IsoMessage decodedAgain = dialect.decode(again);
            assertThat(decodedAgain).isEqualTo(message);
            assertThat(decodedAgain.encode()).isEqualTo(again);
            assertThat(dialect.decodeInPlace(again.clone())).isEqualTo(message);
            assertThat(IsoDump.of(message)).startsWith("<" + message.mti() + ">");
        }
    }
}
