package io.kessai.iso8583.link.iso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.iso8583.DataElement;
import io.kessai.iso8583.Dialect;
import io.kessai.iso8583.Dialects;
import io.kessai.iso8583.IsoMessage;
import io.kessai.iso8583.ResponseCode;
import io.kessai.iso8583.link.LinkException;
import io.kessai.iso8583.link.MatchKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IsoLinkCodecTest {
    private static final Dialect KESSAI = Dialects.kessai();
    private static final IsoLinkCodec CODEC = new IsoLinkCodec(KESSAI);

    @Test
    void keysARequestByMtiStanTerminalAndTransmissionTime() throws Exception {
        assertThat(CODEC.requestKey(request("0100", 123, "TERM0001")))
                .isEqualTo(new MatchKey("0100/123/TERM0001/1121063000"));
    }

    @ParameterizedTest
    @CsvSource({
        "0100, 0110",
        "0200, 0210",
        "0220, 0230",
        "0221, 0230",
        "0400, 0410",
        "0420, 0430",
        "0421, 0430",
        "0800, 0810",
    })
    void aResponseHasTheKeyOfTheRequestItAnswers(String requestMti, String responseMti) throws Exception {
        IsoMessage request = request(requestMti, 42, "TERM0001");
        IsoMessage response = request.createResponse().responseCode(ResponseCode.APPROVED);

        assertThat(response.mti()).isEqualTo(responseMti);
        assertThat(CODEC.isResponse(response)).isTrue();
        assertThat(CODEC.isResponse(request)).isFalse();
        assertThat(CODEC.responseKey(response)).isEqualTo(CODEC.requestKey(request));
    }

    @Test
    void aResponseOfAnotherClassOrFunctionDoesNotMatch() throws Exception {
        MatchKey authorization = CODEC.requestKey(request("0100", 7, "TERM0001"));
        IsoMessage adviceResponse = request("0120", 7, "TERM0001").createResponse();
        IsoMessage reversalResponse = request("0400", 7, "TERM0001").createResponse();

        assertThat(CODEC.responseKey(adviceResponse)).isNotEqualTo(authorization);
        assertThat(CODEC.responseKey(reversalResponse)).isNotEqualTo(authorization);
    }

    @Test
    void theKeySurvivesTheWire() throws Exception {
        // Short values are padded by the encoder; the decoded response must still match the request.
        IsoMessage request = request("0100", 5, "T1").set(DataElement.TRANSMISSION_DATE_TIME, "121063000");
        IsoMessage response = CODEC.decode(CODEC.encode(request.createResponse().responseCode(ResponseCode.APPROVED)));

        assertThat(response.get(DataElement.TERMINAL_ID)).isEqualTo("T1      ");
        assertThat(CODEC.responseKey(response)).isEqualTo(CODEC.requestKey(request));
    }

    @Test
    void aMessageWithoutAStanCannotBeMatched() {
        IsoMessage noStan = KESSAI.newMessage("0100").set(DataElement.TERMINAL_ID, "TERM0001");

        assertThatThrownBy(() -> CODEC.requestKey(noStan))
                .isInstanceOf(LinkException.class)
                .hasMessage("0100 has no DE 11 (STAN): it cannot be matched");
    }

    @Test
    void aResponseIsNotARequest() {
        assertThatThrownBy(() -> CODEC.requestKey(request("0100", 1, "T").createResponse()))
                .isInstanceOf(LinkException.class)
                .hasMessage("MTI 0110 is not a request or an advice: nothing answers it");
    }

    @Test
    void aFrameThatDoesNotDecodeIsALinkExceptionNamingItsSize() {
        assertThatThrownBy(() -> CODEC.decode("01".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .isInstanceOf(LinkException.class)
                .hasMessageStartingWith("cannot decode a 2-byte message: ");
    }

    @Test
    void anInvalidMessageDoesNotEncode() {
        IsoMessage badMti = request("01X0", 1, "T");

        assertThatThrownBy(() -> CODEC.encode(badMti))
                .isInstanceOf(LinkException.class)
                .hasMessageStartingWith("cannot encode 01X0: ");
    }

    static IsoMessage request(String mti, int stan, String terminal) {
        return KESSAI.newMessage(mti)
                .set(DataElement.TRANSMISSION_DATE_TIME, "1121063000")
                .stan(stan)
                .set(DataElement.TERMINAL_ID, terminal);
    }
}
