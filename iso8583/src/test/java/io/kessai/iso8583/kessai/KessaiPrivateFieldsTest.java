package io.kessai.iso8583.kessai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.card.Hex;
import io.kessai.iso8583.DataElement;
import io.kessai.iso8583.Dialects;
import io.kessai.iso8583.IsoFormatException;
import io.kessai.iso8583.IsoMessage;
import org.junit.jupiter.api.Test;

/** DE 48 sub-elements, DE 53 and the PIN block carriage of the Kessai dialect. */
class KessaiPrivateFieldsTest {
    @Test
    void payment_options_become_de_48_sub_elements_and_back() throws Exception {
        JapanPaymentOptions bonusCombined = new JapanPaymentOptions(JapanPaymentMethod.BONUS_COMBINED, 10, 2,
                7, 50_000, 12, 60_000, 1);
        AdditionalData data = new AdditionalData().put(42, "peer data");
        bonusCombined.writeTo(data);

        String de48 = data.format();

        assertThat(de48).isEqualTo("010231" + "020210" + "030202" + "040207" + "0512000000050000" + "060212"
                + "0712000000060000" + "080201" + "4209peer data");
        AdditionalData parsed = AdditionalData.parse(de48);
        assertThat(JapanPaymentOptions.readFrom(parsed)).contains(bonusCombined);
        assertThat(parsed.get(42)).isEqualTo("peer data");
    }

    @Test
    void the_common_choices() throws Exception {
        assertThat(format(JapanPaymentOptions.lumpSum())).isEqualTo("010210");
        assertThat(format(JapanPaymentOptions.installments(2))).isEqualTo("010261" + "020202");
        assertThat(format(JapanPaymentOptions.revolving())).isEqualTo("010280");
        assertThat(format(JapanPaymentOptions.bonusLumpSum(12))).isEqualTo("010221" + "030201" + "040212");
        assertThat(JapanPaymentOptions.readFrom(new AdditionalData())).isEmpty();
    }

    private static String format(JapanPaymentOptions options) throws IsoFormatException {
        AdditionalData data = new AdditionalData();
        options.writeTo(data);
        assertThat(JapanPaymentOptions.readFrom(AdditionalData.parse(data.format()))).contains(options);
        return data.format();
    }

    @Test
    void inconsistent_options_are_refused() {
        assertThatThrownBy(() -> JapanPaymentOptions.installments(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JapanPaymentOptions.installments(100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JapanPaymentOptions(JapanPaymentMethod.LUMP_SUM, 3, 0, 0, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JapanPaymentOptions(JapanPaymentMethod.REVOLVING, 0, 1, 7, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("method 80 takes no bonus details");
        assertThatThrownBy(() -> new JapanPaymentOptions(JapanPaymentMethod.BONUS_LUMP_SUM, 0, 1, 13, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JapanPaymentOptions(JapanPaymentMethod.BONUS_LUMP_SUM, 0, 1, 0, 0, 12, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a second bonus month needs a first one");
    }

    @Test
    void malformed_de_48_names_the_sub_element() {
        assertDe48Error("01", "DE 48: sub-element header needs 4 digits, 2 left at position 0");
        assertDe48Error("0X0210", "DE 48: sub-element tag is not 2 digits at position 0");
        assertDe48Error("01051", "DE 48: sub-element 01 declared length 5, 1 characters left at position 4");
        assertDe48Error("010210010210", "DE 48: sub-element 01 appears twice, again at position 6");
        assertDe48Error("0102\t0", "DE 48: sub-element 01 has a non-printable character at position 4");
        assertOptionsError("010299", "DE 48 sub-element 01: unknown payment method '99'");
        assertOptionsError("010261", "DE 48 payment options: installment count 0 does not fit method 61 "
                + "(61 needs 2..99, 31-34 allow it, others take none)");
        assertOptionsError("01026102012", "DE 48 sub-element 02: 1 characters, needs 2 digits");
        assertOptionsError("01026102020X", "DE 48 sub-element 02: non-digit at index 1");
    }

    private static void assertDe48Error(String de48, String message) {
        assertThatThrownBy(() -> AdditionalData.parse(de48)).isInstanceOf(IsoFormatException.class).hasMessage(message);
    }

    private static void assertOptionsError(String de48, String message) {
        assertThatThrownBy(() -> JapanPaymentOptions.readFrom(AdditionalData.parse(de48)))
                .isInstanceOf(IsoFormatException.class).hasMessage(message);
    }

    @Test
    void security_control_layout() throws Exception {
        assertThat(new SecurityControl(PinBlockFormat.ISO_0, 1).format()).isEqualTo("00" + "01" + "0001" + "00000000");
        assertThat(new SecurityControl(PinBlockFormat.ISO_3, 42).format()).isEqualTo("03" + "01" + "0042" + "00000000");
        assertThat(new SecurityControl(PinBlockFormat.ISO_4, 9999).format()).isEqualTo("04" + "02" + "9999" + "00000000");
        assertThat(SecurityControl.parse("0402999900000000")).isEqualTo(new SecurityControl(PinBlockFormat.ISO_4, 9999));
    }

    @Test
    void malformed_security_control_is_refused_without_quoting_it() {
        assertDe53Error("000100010000000", "DE 53: 15 characters, needs 16");
        assertDe53Error("0901000100000000", "DE 53: positions 1-2 are not a PIN block format Kessai knows (00, 03, 04)");
        assertDe53Error("0401000100000000", "DE 53: positions 3-4 must be 02 (AES) for PIN block format 04");
        assertDe53Error("00010X0100000000", "DE 53: zone PIN key index (positions 5-8) is not 4 digits");
        assertDe53Error("0001000100000001", "DE 53: reserved positions 9-16 must be zeros");
    }

    private static void assertDe53Error(String de53, String message) {
        assertThatThrownBy(() -> SecurityControl.parse(de53)).isInstanceOf(IsoFormatException.class).hasMessage(message);
    }

    @Test
    void an_iso_4_block_travels_in_de_110_and_an_iso_0_block_in_de_52() throws Exception {
        byte[] aesBlock = Hex.decode("A912150391AB65A67E52883D81CE2D15");
        IsoMessage message = Dialects.kessai().newMessage("0100");
        new SecurityControl(PinBlockFormat.ISO_0, 1).attach(message, Hex.decode("1B9C1845EB993A7A"));

        new SecurityControl(PinBlockFormat.ISO_4, 2).attach(message, aesBlock.clone());
        IsoMessage decoded = Dialects.kessai().decode(message.encode());

        assertThat(decoded.fieldNumbers()).containsExactly(DataElement.SECURITY_CONTROL, DataElement.PIN_DATA_AES);
        SecurityControl control = SecurityControl.from(decoded);
        assertThat(control).isEqualTo(new SecurityControl(PinBlockFormat.ISO_4, 2));
        assertThat(control.pinBlockFrom(decoded)).isEqualTo(aesBlock);
        assertThatThrownBy(() -> new SecurityControl(PinBlockFormat.ISO_0, 1).pinBlockFrom(decoded))
                .isInstanceOf(IsoFormatException.class).hasMessage("DE 52 is absent but DE 53 says PIN block format 00");
        assertThatThrownBy(() -> new SecurityControl(PinBlockFormat.ISO_0, 1).attach(message, aesBlock))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
