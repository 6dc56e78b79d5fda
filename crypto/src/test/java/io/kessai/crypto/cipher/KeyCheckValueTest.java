package io.kessai.crypto.cipher;

import static io.kessai.card.Hex.decode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.card.Hex;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KeyCheckValueTest {
    private static final byte[] RFC4493_KEY = decode("2B7E151628AED2A6ABF7158809CF4F3C");

    @Test
    void tdesCheckValueOfTheStandardTestKey() {
        // The X9.24 test BDK: its legacy check value 08D7B4 is the one every HSM prints for it.
        assertThat(KeyCheckValue.hex(decode("0123456789ABCDEFFEDCBA9876543210"), KeyAlgorithm.TDES)).isEqualTo("08D7B4");
    }

    @Test
    void aesLegacyCheckValueIsTheStartOfAesOfZeros() {
        // RFC 4493 §4 prints AES-128(key, 0) for this key as L = 7DF76B0C 1AB899B3 ….
        assertThat(Hex.encode(KeyCheckValue.aesLegacy(RFC4493_KEY))).isEqualTo("7DF76B");
    }

    @Test
    void aesCheckValueIsCmacOfOneZeroBlock() {
        // CMAC of one complete zero block is AES_K(0 ⊕ K1); RFC 4493 §4 gives K1 for this key.
        byte[] k1 = decode("FBEED618357133667C85E08F7236A8DE");
        byte[] expected = Arrays.copyOf(Ciphers.aesEcbEncrypt(RFC4493_KEY, k1), 5);
        assertThat(KeyCheckValue.aes(RFC4493_KEY)).isEqualTo(expected);
        assertThat(KeyCheckValue.hex(RFC4493_KEY, KeyAlgorithm.AES)).isEqualTo(Hex.encode(expected));
    }

    @Test
    void hmacCheckValueIsFiveBytesAndKeyDependent() {
        byte[] key = new byte[32];
        String zeroKey = KeyCheckValue.hex(key, KeyAlgorithm.HMAC);
        key[31] = 1;
        assertThat(zeroKey).hasSize(10).isNotEqualTo(KeyCheckValue.hex(key, KeyAlgorithm.HMAC));
    }

    @Test
    void refusesKeysOfTheWrongLength() {
        assertThatThrownBy(() -> KeyCheckValue.tdes(new byte[8])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyCheckValue.aes(new byte[20])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyCheckValue.hmac(new byte[8])).isInstanceOf(IllegalArgumentException.class);
    }
}
