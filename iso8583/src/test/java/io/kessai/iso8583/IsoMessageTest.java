package io.kessai.iso8583;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.card.Hex;
import io.kessai.card.tlv.Tlv;
import io.kessai.card.tlv.TlvTag;
import java.util.List;
import org.junit.jupiter.api.Test;

class IsoMessageTest {
    private static final Dialect KESSAI = Dialects.kessai();

    @Test
    void typed_helpers_write_and_read_fixed_digits() throws Exception {
        IsoMessage message = KESSAI.newMessage("0100").amountMinor(999_999_999_999L).stan(7)
                .responseCode(ResponseCode.INSUFFICIENT_FUNDS);

        IsoMessage decoded = KESSAI.decode(message.encode());

        assertThat(decoded.get(DataElement.AMOUNT_TRANSACTION)).isEqualTo("999999999999");
        assertThat(decoded.amountMinor()).isEqualTo(999_999_999_999L);
        assertThat(decoded.get(DataElement.STAN)).isEqualTo("000007");
        assertThat(decoded.stan()).isEqualTo(7);
        assertThat(decoded.responseCode()).isEqualTo("51");
    }

    @Test
    void typed_helpers_refuse_values_out_of_range() {
        IsoMessage message = KESSAI.newMessage("0100");

        assertThatThrownBy(() -> message.amountMinor(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> message.amountMinor(1_000_000_000_000L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> message.stan(1_000_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(message::amountMinor).isInstanceOf(IllegalStateException.class).hasMessage("DE 4 is absent");
        assertThatThrownBy(() -> message.set(4, "12X").amountMinor()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void fields_are_set_read_and_removed_by_number() {
        IsoMessage message = KESSAI.newMessage("0100").set(2, "4111111111111111").set(52, new byte[8]).set(70, "301");

        assertThat(message.fieldNumbers()).containsExactly(2, 52, 70);
        assertThat(message.hasField(52)).isTrue();
        assertThat(message.getBytes(52)).hasSize(8);
        assertThat(message.get(3)).isNull();
        assertThat(message.hasField(0)).isFalse();
        assertThat(message.hasField(129)).isFalse();

        message.remove(52).remove(70);

        assertThat(message.fieldNumbers()).containsExactly(2);
        assertThatThrownBy(() -> message.get(52)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> message.getBytes(2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void response_copies_the_echo_fields_and_nothing_secret() {
        IsoMessage request = ExampleMessages.authorizationRequest(KESSAI);

        IsoMessage response = request.createResponse();

        assertThat(response.mti()).isEqualTo("0110");
        assertThat(response.fieldNumbers()).containsExactly(2, 3, 4, 7, 11, 12, 13, 32, 37, 41, 42, 49);
        assertThat(response.get(11)).isEqualTo("000123");
        assertThat(response.hasField(35)).isFalse();
        assertThat(response.hasField(52)).isFalse();
        assertThat(response.hasField(55)).isFalse();
    }

    @Test
    void response_mtis() {
        assertThat(Mti.responseTo("0100")).isEqualTo("0110");
        assertThat(Mti.responseTo("0200")).isEqualTo("0210");
        assertThat(Mti.responseTo("0220")).isEqualTo("0230");
        assertThat(Mti.responseTo("0221")).isEqualTo("0230");
        assertThat(Mti.responseTo("0400")).isEqualTo("0410");
        assertThat(Mti.responseTo("0420")).isEqualTo("0430");
        assertThat(Mti.responseTo("0421")).isEqualTo("0430");
        assertThat(Mti.responseTo("0800")).isEqualTo("0810");
        assertThatThrownBy(() -> Mti.responseTo("0110")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MTI '0110' is not a request or an advice");
        assertThatThrownBy(() -> KESSAI.newMessage("01X0").createResponse())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decoded_response_fields_are_independent_of_the_request() throws Exception {
        IsoMessage request = KESSAI.decode(ExampleMessages.authorizationRequest(KESSAI).encode());
        IsoMessage response = request.createResponse();

        request.wipe();

        assertThat(request.fieldNumbers()).isEmpty();
        assertThat(response.get(2)).isEqualTo("4111111111111111");
    }

    @Test
    void decode_copies_its_input_and_decode_in_place_slices_it() throws Exception {
        byte[] wire = ExampleMessages.authorizationRequest(KESSAI).encode();
        IsoMessage copied = KESSAI.decode(wire);
        byte[] frame = wire.clone();
        IsoMessage inPlace = KESSAI.decodeInPlace(frame);

        java.util.Arrays.fill(wire, (byte) 0);

        assertThat(copied).isEqualTo(ExampleMessages.authorizationRequest(KESSAI));
        assertThat(inPlace).isEqualTo(copied);
        inPlace.wipe();
        assertThat(frame).containsOnly(0);
    }

    @Test
    void wipe_zeroes_the_arrays_the_message_holds() throws Exception {
        byte[] pinBlock = Hex.decode("1B9C1845EB993A7A");
        IsoMessage message = KESSAI.newMessage("0100").set(52, pinBlock);

        message.wipe();

        assertThat(pinBlock).containsOnly(0);
        assertThat(message.hasField(52)).isFalse();
    }

    @Test
    void replacing_a_value_zeroes_the_old_one() throws Exception {
        byte[] first = Hex.decode("1B9C1845EB993A7A");
        byte[] second = Hex.decode("10A01C8D02C69107");
        IsoMessage message = KESSAI.newMessage("0100").set(52, first).set(52, second).set(52, second);
        IsoMessage decoded = KESSAI.decode(message.encode());
        decoded.set(2, "4111111111111111").set(2, "5350290149345177");

        assertThat(first).containsOnly(0);
        assertThat(Hex.encode(message.getBytes(52))).isEqualTo("10A01C8D02C69107");
        assertThat(decoded.get(2)).isEqualTo("5350290149345177");
        assertThat(decoded.fieldNumbers()).containsExactly(2, 52);
    }

    @Test
    void icc_data_is_read_and_written_as_ber_tlv() throws Exception {
        List<Tlv> objects = List.of(
                Tlv.primitive(TlvTag.of("9F27"), Hex.decode("80")),
                Tlv.primitive(TlvTag.of("9F36"), Hex.decode("001C")));
        IsoMessage message = KESSAI.newMessage("0100").iccData(objects);

        IsoMessage decoded = KESSAI.decode(message.encode());

        assertThat(Hex.encode(decoded.getBytes(55))).isEqualTo("9F2701809F3602001C");
        assertThat(decoded.iccData()).isEqualTo(objects);
        assertThat(ExampleMessages.authorizationRequest(KESSAI).iccData()).hasSize(16);
    }

    @Test
    void malformed_icc_data_is_an_iso_format_error_naming_de_55() {
        IsoMessage message = KESSAI.newMessage("0100").set(55, Hex.decode("9F2608C2C1"));

        assertThatThrownBy(message::iccData).isInstanceOf(IsoFormatException.class)
                .hasMessageStartingWith("DE 55 value: TLV: tag 9F26 declares length 8");
        assertThatThrownBy(() -> KESSAI.newMessage("0100").iccData()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_decoded_message_equals_the_message_built_with_strings() throws Exception {
        IsoMessage built = ExampleMessages.authorizationRequest(KESSAI);
        IsoMessage decoded = KESSAI.decode(built.encode());

        assertThat(decoded).isEqualTo(built).hasSameHashCodeAs(built);
        assertThat(decoded).isNotEqualTo(Dialects.kessai(BitmapEncoding.BINARY).decode(
                Dialects.kessai(BitmapEncoding.BINARY).newMessage("0100").encode()));
    }

    @Test
    void original_data_elements_name_the_reversed_message() throws Exception {
        IsoMessage authorization = ExampleMessages.authorizationRequest(KESSAI);

        OriginalDataElements original = OriginalDataElements.of(authorization);

        assertThat(original.format()).isEqualTo("0100" + "000123" + "1121063000" + "00000123456" + "00000000000");
        assertThat(OriginalDataElements.parse(original.format())).isEqualTo(original);
        assertThatThrownBy(() -> OriginalDataElements.parse("0100")).isInstanceOf(IsoFormatException.class)
                .hasMessage("DE 90: 4 characters, needs 42");
        assertThatThrownBy(() -> OriginalDataElements.parse("01X0" + "0".repeat(38)))
                .isInstanceOf(IsoFormatException.class).hasMessage("DE 90: non-digit 'X' at index 2");
    }

    @Test
    void codes_map_both_ways() {
        for (ResponseCode code : ResponseCode.values()) {
            assertThat(ResponseCode.fromCode(code.code())).contains(code);
        }
        for (NetworkManagementCode code : NetworkManagementCode.values()) {
            assertThat(NetworkManagementCode.fromCode(code.code())).contains(code);
        }
        assertThat(ResponseCode.fromCode("Q1")).isEmpty();
        assertThat(ResponseCode.APPROVED.isApproval()).isTrue();
        assertThat(NetworkManagementCode.ECHO_TEST.code()).isEqualTo("301");
    }
}
