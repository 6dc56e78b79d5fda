package io.kessai.crypto.cipher;

import static io.kessai.card.Hex.decode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.card.Bytes;
import io.kessai.card.Hex;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CiphersTest {
    // FIPS 197 appendix C.1 (AES-128).
    private static final byte[] FIPS197_KEY = decode("000102030405060708090A0B0C0D0E0F");
    private static final byte[] FIPS197_PLAIN = decode("00112233445566778899AABBCCDDEEFF");
    private static final String FIPS197_CIPHER = "69C4E0D86A7B0430D8CDB78070B4C55A";

    // NIST SP 800-38A F.2.1 (CBC-AES128.Encrypt), first two blocks.
    private static final byte[] SP800_38A_KEY = decode("2B7E151628AED2A6ABF7158809CF4F3C");
    private static final byte[] SP800_38A_IV = decode("000102030405060708090A0B0C0D0E0F");
    private static final byte[] SP800_38A_PLAIN = decode("6BC1BEE22E409F96E93D7E117393172AAE2D8A571E03AC9C9EB76FAC45AF8E51");
    private static final String SP800_38A_CIPHER = "7649ABAC8119B246CEE98E9B12E9197D5086CB9B507219EE95DB113A917678B2";

    private static final byte[] TDES_KEY = decode("0123456789ABCDEFFEDCBA9876543210");

    @Test
    void aesEcbMatchesFips197() {
        assertThat(Hex.encode(Ciphers.aesEcbEncrypt(FIPS197_KEY, FIPS197_PLAIN))).isEqualTo(FIPS197_CIPHER);
        assertThat(Ciphers.aesEcbDecrypt(FIPS197_KEY, decode(FIPS197_CIPHER))).isEqualTo(FIPS197_PLAIN);
    }

    @Test
    void aesCbcMatchesSp80038a() {
        byte[] cipher = Ciphers.aesCbcEncrypt(SP800_38A_KEY, SP800_38A_IV, SP800_38A_PLAIN);
        assertThat(Hex.encode(cipher)).isEqualTo(SP800_38A_CIPHER);
        assertThat(Ciphers.aesCbcDecrypt(SP800_38A_KEY, SP800_38A_IV, cipher)).isEqualTo(SP800_38A_PLAIN);
    }

    @Test
    void singleDesMatchesTheClassicTextbookExample() {
        // The worked example of FIPS 46 tutorials (key 133457799BBCDFF1).
        byte[] cipher = Ciphers.desEcbEncrypt(decode("133457799BBCDFF1"), decode("0123456789ABCDEF"));
        assertThat(Hex.encode(cipher)).isEqualTo("85E813540F0AB405");
        assertThat(Hex.encode(Ciphers.desEcbDecrypt(decode("133457799BBCDFF1"), cipher))).isEqualTo("0123456789ABCDEF");
    }

    @Test
    void doubleLengthTdesIsK1K2K1() {
        byte[] tripleLength = decode("0123456789ABCDEFFEDCBA98765432100123456789ABCDEF");
        byte[] data = decode("00000000000000001122334455667788");
        assertThat(Ciphers.tdesEcbEncrypt(TDES_KEY, data)).isEqualTo(Ciphers.tdesEcbEncrypt(tripleLength, data));
        // E(K1) D(K2) E(K1) spelled out with single DES.
        byte[] k1 = decode("0123456789ABCDEF");
        byte[] k2 = decode("FEDCBA9876543210");
        byte[] block = decode("1122334455667788");
        byte[] manual = Ciphers.desEcbEncrypt(k1, Ciphers.desEcbDecrypt(k2, Ciphers.desEcbEncrypt(k1, block)));
        assertThat(Ciphers.tdesEcbEncrypt(TDES_KEY, block)).isEqualTo(manual);
    }

    @Test
    void tdesCbcRoundTripsAndChains() {
        byte[] iv = decode("0102030405060708");
        byte[] data = decode("00112233445566778899AABBCCDDEEFF");
        byte[] cipher = Ciphers.tdesCbcEncrypt(TDES_KEY, iv, data);
        assertThat(Ciphers.tdesCbcDecrypt(TDES_KEY, iv, cipher)).isEqualTo(data);
        byte[] firstBlock = Ciphers.tdesEcbEncrypt(TDES_KEY, Bytes.xor(decode("0011223344556677"), iv));
        assertThat(Arrays.copyOf(cipher, 8)).isEqualTo(firstBlock);
    }

    @Test
    void inputsAreLeftUntouched() {
        byte[] key = TDES_KEY.clone();
        byte[] data = decode("1122334455667788");
        Ciphers.tdesEcbEncrypt(key, data);
        assertThat(key).isEqualTo(TDES_KEY);
        assertThat(data).isEqualTo(decode("1122334455667788"));
    }

    @Test
    void wrongLengthsAreProgrammingErrorsNamingOnlyLengths() {
        assertThatThrownBy(() -> Ciphers.aesEcbEncrypt(new byte[15], new byte[16]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AES key must be 16, 24 or 32 bytes, got 15");
        assertThatThrownBy(() -> Ciphers.aesEcbEncrypt(new byte[16], new byte[17]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multiple of 16");
        assertThatThrownBy(() -> Ciphers.aesCbcEncrypt(new byte[16], new byte[8], new byte[16]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("IV must be 16 bytes, got 8");
        assertThatThrownBy(() -> Ciphers.tdesEcbEncrypt(new byte[8], new byte[8]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TDES key must be 16 or 24 bytes, got 8");
        assertThatThrownBy(() -> Ciphers.desEcbEncrypt(new byte[16], new byte[8]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DES key must be 8 bytes, got 16");
    }

    @Test
    void rawSecretKeyHandsOutCopiesAndNeverPrintsTheKey() {
        byte[] key = decode("00112233445566778899AABBCCDDEEFF");
        RawSecretKey view = new RawSecretKey(key, "AES");
        byte[] encoded = view.getEncoded();
        encoded[0] = 0x7F;
        assertThat(view.getEncoded()).isEqualTo(key);
        assertThat(view.toString()).isEqualTo("RawSecretKey[AES, 16 bytes]");
    }
}
