package io.kessai.crypto.pin;

import static io.kessai.card.Hex.decode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.card.Bytes;
import io.kessai.card.Hex;
import io.kessai.crypto.cipher.Ciphers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ISO 9564-1 vectors of REFERENCE §2. */
class PinBlocksTest {
    private static final String VISA_PAN = "4111111111111111";
    private static final byte[] ISO_4_RANDOM = decode("2F69ADDE2E9E7ACE");

    @ParameterizedTest(name = "PIN {0}, PAN {1}")
    @CsvSource({
        "1234, 4012345678909, 041274EDCBA9876F",
        "1234, 5555555551234567, 041261AAAAEDCBA9",
        "123456789, 5555555551234567, 091261032D8DCBA9",
        "1234567890, 5555555551234567, 0A1261032D82CBA9",
        "123456789012, 5555555551234567, 0C1261032D8226A9",
        "1234, 4987654321098765, 041242ABCDEF6789"
    })
    void iso0EncodesAndDecodes(String pin, String pan, String block) throws PinBlockException {
        assertThat(Hex.encode(PinBlocks.encodeIso0(pin.toCharArray(), pan))).isEqualTo(block);
        assertThat(PinBlocks.decodeIso0(decode(block), pan)).containsExactly(pin.toCharArray());
    }

    @Test
    void iso3UsesControl3AndRandomFillAToF() throws PinBlockException {
        byte[] randomFill = decode("00FF0102030405060708");
        byte[] block = PinBlocks.encodeIso3("1234".toCharArray(), "5555555551234567", randomFill);
        assertThat(Hex.encode(block)).startsWith("341261");
        byte[] pinField = Bytes.xor(block, PanField.iso03("5555555551234567"));
        // Fill nibble i = A + randomFill[i] mod 6: 00→A, FF→D (255 mod 6 = 3), 01→B, 02→C, 03→D, 04→E, 05→F, …
        assertThat(Hex.encode(pinField)).isEqualTo("341234ADBCDEFABC");
        assertThat(PinBlocks.decodeIso3(block, "5555555551234567")).containsExactly('1', '2', '3', '4');
    }

    @Test
    void iso3IsNotIso0() {
        byte[] iso0 = PinBlocks.encodeIso0("1234".toCharArray(), "5555555551234567");
        assertThatThrownBy(() -> PinBlocks.decodeIso3(iso0, "5555555551234567"))
                .isInstanceOf(PinBlockException.class)
                .hasMessage("nibble 0: control field is not 3 (not an ISO format 3 PIN block, or wrong key or PAN)");
    }

    @ParameterizedTest(name = "key {0}")
    @CsvSource({
        "AF8CB133A78F8DC2D1359F18527593FB, A912150391AB65A67E52883D81CE2D15",
        "D30BDC73EC9714B000BEC66BDB7B6D09, 52A00503BD34BA1383F6A7EE9FE2547F",
        "7D69F01F3B45449F62C7816ECE723268, A5A27E82B43A9A866A93D7ABE89CEF93"
    })
    void iso4EnciphersAndDeciphers(String key, String block) throws PinBlockException {
        byte[] aesKey = decode(key);
        assertThat(Hex.encode(PinBlocks.encipherIso4(aesKey, "1234".toCharArray(), VISA_PAN, ISO_4_RANDOM))).isEqualTo(block);
        assertThat(PinBlocks.decipherIso4(aesKey, decode(block), VISA_PAN)).containsExactly('1', '2', '3', '4');
    }

    @Test
    void iso4IntermediateValuesOfTheFirstExample() {
        byte[] key = decode("AF8CB133A78F8DC2D1359F18527593FB");
        byte[] pinField = decode("441234AAAAAAAAAA" + "2F69ADDE2E9E7ACE");
        byte[] first = Ciphers.aesEcbEncrypt(key, pinField);
        assertThat(Hex.encode(first)).isEqualTo("DE84127CF6DCA7DFE47BDE89057CB820");
        byte[] masked = Bytes.xor(first, PanField.iso4(VISA_PAN));
        assertThat(Hex.encode(masked)).isEqualTo("9A95036DE7CDB6CEF47BDE89057CB820");
        assertThat(Hex.encode(Ciphers.aesEcbEncrypt(key, masked))).isEqualTo("A912150391AB65A67E52883D81CE2D15");
    }

    @ParameterizedTest(name = "PAN {0}")
    @CsvSource({
        "112233445566778899, 61122334455667788990000000000000",
        "4111111111111111, 44111111111111111000000000000000",
        "123456789012, 01234567890120000000000000000000",
        "12345, 00000000123450000000000000000000"
    })
    void iso4PanField(String pan, String field) {
        assertThat(Hex.encode(PanField.iso4(pan))).isEqualTo(field);
    }

    @Test
    void iso0PanFieldIsTheTwelveDigitsBeforeTheCheckDigit() {
        assertThat(Hex.encode(PanField.iso03("4012345678909"))).isEqualTo("0000401234567890");
        assertThat(Hex.encode(PanField.iso03("5555555551234567"))).isEqualTo("0000555555123456");
    }

    @Test
    void tdesEncipheringIsEcbUnderThePinKey() throws PinBlockException {
        // X9.24-1 A.4 TC1: the DUKPT PIN key enciphers the ISO-0 block to 1B9C1845EB993A7A.
        byte[] pinKey = decode("042666B49184CF5C68DE9628D0397B36");
        byte[] clear = PinBlocks.encodeIso0("1234".toCharArray(), "4012345678909");
        byte[] enciphered = PinBlocks.encipherTdes(pinKey, clear);
        assertThat(Hex.encode(enciphered)).isEqualTo("1B9C1845EB993A7A");
        assertThat(PinBlocks.decodeIso0(PinBlocks.decipherTdes(pinKey, enciphered), "4012345678909"))
                .containsExactly('1', '2', '3', '4');
    }

    @Test
    void decodeChecksEveryNibbleAndNeverQuotesTheBlock() {
        String pan = "4012345678909";
        byte[] panField = PanField.iso03(pan);
        assertDecodeFails("141234FFFFFFFFFF", panField, pan, "nibble 0: control field is not 0");
        assertDecodeFails("031234FFFFFFFFFF", panField, pan, "nibble 1: PIN length is outside 4–12");
        assertDecodeFails("0D1234FFFFFFFFFF", panField, pan, "nibble 1: PIN length is outside 4–12");
        assertDecodeFails("0412A4FFFFFFFFFF", panField, pan, "nibble 4: PIN digit is not 0–9");
        assertDecodeFails("041234FFFFFFEFFF", panField, pan, "nibble 12: fill is not F");
        assertThatThrownBy(() -> PinBlocks.decodeIso0(new byte[7], pan))
                .isInstanceOf(PinBlockException.class)
                .hasMessage("ISO format 0 PIN block must be 8 bytes, got 7");
        assertThatThrownBy(() -> PinBlocks.decodeIso0(new byte[8], "40123456789"))
                .isInstanceOf(PinBlockException.class)
                .hasMessage("PAN must be 13–19 digits for this PIN block format, got 11");
        assertThatThrownBy(() -> PinBlocks.decodeIso0(new byte[8], "401234567890X"))
                .isInstanceOf(PinBlockException.class)
                .hasMessage("PAN character 12 is not a digit 0–9");
    }

    @Test
    void iso3FillMustBeAToF() {
        String pan = "4012345678909";
        byte[] block = Bytes.xor(decode("341234ABCDEF9AAA"), PanField.iso03(pan));
        assertThatThrownBy(() -> PinBlocks.decodeIso3(block, pan))
                .isInstanceOf(PinBlockException.class)
                .hasMessage("nibble 12: fill is not A–F");
    }

    @Test
    void iso4WithTheWrongPanOrKeyFailsCleanly() {
        byte[] key = decode("AF8CB133A78F8DC2D1359F18527593FB");
        byte[] block = decode("A912150391AB65A67E52883D81CE2D15");
        assertThatThrownBy(() -> PinBlocks.decipherIso4(key, block, "4111111111111112"))
                .isInstanceOf(PinBlockException.class)
                .message().doesNotContain("1234");
        assertThatThrownBy(() -> PinBlocks.decipherIso4(key, new byte[8], VISA_PAN))
                .isInstanceOf(PinBlockException.class)
                .hasMessage("ISO format 4 PIN block must be 16 bytes, got 8");
        assertThatThrownBy(() -> PinBlocks.decipherIso4(new byte[8], block, VISA_PAN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encodeRefusesBadInputWithoutQuotingIt() {
        assertThatThrownBy(() -> PinBlocks.encodeIso0("123".toCharArray(), "4012345678909"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PIN must be 4–12 digits, got 3");
        assertThatThrownBy(() -> PinBlocks.encodeIso0("12a4".toCharArray(), "4012345678909"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PIN character 2 is not a digit 0–9");
        assertThatThrownBy(() -> PinBlocks.encodeIso0("1234".toCharArray(), "401234567890"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PAN must be 13–19 digits for this PIN block format, got 12");
        assertThatThrownBy(() -> PinBlocks.encodeIso3("1234".toCharArray(), "4012345678909", new byte[9]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ISO format 3 needs at least 10 random fill bytes, got 9");
        assertThatThrownBy(() -> PinBlocks.encipherIso4(new byte[16], "1234".toCharArray(), VISA_PAN, new byte[7]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ISO format 4 needs 8 random bytes, got 7");
        assertThatThrownBy(() -> PinBlocks.encipherIso4(new byte[16], "1234".toCharArray(), "", new byte[8]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PinBlocks.encipherTdes(new byte[16], new byte[16]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsByNumber() {
        assertThat(PinBlockFormat.fromNumber(0)).isEqualTo(PinBlockFormat.ISO_0);
        assertThat(PinBlockFormat.fromNumber(3)).isEqualTo(PinBlockFormat.ISO_3);
        assertThat(PinBlockFormat.fromNumber(4)).isEqualTo(PinBlockFormat.ISO_4);
        assertThat(PinBlockFormat.ISO_4.number()).isEqualTo(4);
        assertThatThrownBy(() -> PinBlockFormat.fromNumber(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PIN block format 1 is not supported; Kessai handles ISO formats 0, 3 and 4");
    }

    private static void assertDecodeFails(String pinField, byte[] panField, String pan, String message) {
        byte[] block = Bytes.xor(decode(pinField), panField);
        assertThatThrownBy(() -> PinBlocks.decodeIso0(block, pan))
                .isInstanceOf(PinBlockException.class)
                .hasMessageStartingWith(message)
                .message().doesNotContain(Hex.encode(block)).doesNotContain("1234");
    }
}
