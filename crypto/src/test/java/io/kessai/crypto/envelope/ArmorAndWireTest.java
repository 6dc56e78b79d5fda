package io.kessai.crypto.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.card.Hex;
import org.junit.jupiter.api.Test;

class ArmorAndWireTest {
    /** A structurally valid AES envelope: header, 12-byte KSN, 16 bytes of "ciphertext", 16-byte "MAC". */
    static final byte[] WIRE = Hex.decode("4B4501010C" + "123456789012345600000001" + "0010"
            + "00112233445566778899AABBCCDDEEFF" + "FFEEDDCCBBAA99887766554433221100");

    @Test
    void armorRoundTripsAndSurvivesWhatMailDoesToText() throws Exception {
        String armored = Armor.ENVELOPE.encode(WIRE);
        assertThat(armored).startsWith("-----BEGIN KESSAI ENVELOPE-----\n").endsWith("-----END KESSAI ENVELOPE-----\n");
        assertThat(Armor.ENVELOPE.decode(armored)).isEqualTo(WIRE);

        String quotedWithCrlfAndText = "Thanks!\r\n\r\nOn Monday you wrote:\r\n"
                + armored.lines().map(line -> "> " + line + "  ").reduce((a, b) -> a + "\r\n" + b).orElseThrow()
                + "\r\n-- \r\nSent from my phone\r\n";
        assertThat(Armor.ENVELOPE.decode(quotedWithCrlfAndText)).isEqualTo(WIRE);
        assertThat(SealedEnvelope.parseAny(quotedWithCrlfAndText.getBytes()).ksnHex()).isEqualTo("123456789012345600000001");
    }

    @Test
    void damagedArmorSaysSo() {
        String armored = Armor.ENVELOPE.encode(WIRE);
        String damaged = armored.replaceFirst("S0UB", "S0UC");
        assertThat(damaged).isNotEqualTo(armored);
        assertThatThrownBy(() -> Armor.ENVELOPE.decode(damaged))
                .isInstanceOf(EnvelopeException.class).hasMessageContaining("damaged in transit");
        assertThatThrownBy(() -> Armor.ENVELOPE.decode(armored.replace("-----END KESSAI ENVELOPE-----", "")))
                .isInstanceOf(EnvelopeException.class).hasMessageContaining("no '-----END KESSAI ENVELOPE-----' line");
        assertThatThrownBy(() -> Armor.ENVELOPE.decode("hello"))
                .isInstanceOf(EnvelopeException.class).hasMessage("no '-----BEGIN KESSAI ENVELOPE-----' line");
        String noChecksum = armored.lines().filter(l -> !l.startsWith("=")).reduce((a, b) -> a + "\n" + b).orElseThrow();
        assertThatThrownBy(() -> Armor.ENVELOPE.decode(noChecksum))
                .isInstanceOf(EnvelopeException.class).hasMessageContaining("no checksum line");
    }

    @Test
    void binaryErrorsNameWhatAndWhere() {
        assertThat(message(new byte[] {0x4B})).isEqualTo("envelope: header needs 5 bytes, only 1 left at offset 0");
        assertThat(message(Hex.decode("4B52010101"))).isEqualTo("envelope: magic is 4B52, expected 4B45 ('KE') at offset 0");
        assertThat(message(Hex.decode("4B45020101"))).contains("format version 2 at offset 2 is not supported");
        assertThat(message(Hex.decode("4B450177"))).contains("header needs 5 bytes, only 4 left");
        assertThat(message(Hex.decode("4B45017701"))).contains("key scheme 0x77 at offset 3 is unknown");
        assertThat(message(Hex.decode("4B4501010A"))).contains("KSN length 10 does not fit AES128_DUKPT (12 bytes) at offset 4");
        byte[] badLength = WIRE.clone();
        badLength[18] = 0x11;
        assertThat(message(badLength)).contains("ciphertext length 17 is not a positive multiple of the 16-byte cipher block at offset 17");
        byte[] extra = java.util.Arrays.copyOf(WIRE, WIRE.length + 2);
        assertThat(message(extra)).contains("2 bytes after the MAC at offset " + WIRE.length);
        byte[] truncated = java.util.Arrays.copyOf(WIRE, WIRE.length - 1);
        assertThat(message(truncated)).contains("MAC needs 16 bytes, only 15 left at offset 35");
        assertThatThrownBy(() -> SealedEnvelope.parseAny("not an envelope".getBytes()))
                .isInstanceOf(EnvelopeException.class)
                .hasMessage("not a Kessai envelope: neither the binary magic 'KE' nor a '-----BEGIN KESSAI ENVELOPE-----' line");
    }

    private static String message(byte[] input) {
        try {
            SealedEnvelope.parse(input);
            throw new AssertionError("parsed");
        } catch (EnvelopeException e) {
            return e.getMessage();
        }
    }
}
