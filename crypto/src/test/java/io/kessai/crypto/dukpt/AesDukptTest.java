package io.kessai.crypto.dukpt;

import static io.kessai.card.Hex.decode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.card.Hex;
import io.kessai.crypto.cipher.Ciphers;
import io.kessai.crypto.cipher.Padding;
import io.kessai.crypto.mac.Macs;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ANSI X9.24-3-2017 B.1 / supplement vectors and the moov-io MAC and data vectors (REFERENCE §1.2). */
class AesDukptTest {
    static final byte[] BDK = decode("FEDCBA9876543210F1F1F1F1F1F1F1F1");
    static final byte[] IKID = decode("1234567890123456");
    static final byte[] INITIAL_KEY = decode("1273671EA26AC29AFA4D1084127652A1");
    private static final byte[] DATA = "4012345678909D987".getBytes(StandardCharsets.US_ASCII);

    @Test
    void initialKeyFromBdk() {
        assertThat(Hex.encode(AesDukpt.initialKey(BDK, IKID))).isEqualTo(Hex.encode(INITIAL_KEY));
    }

    @Test
    void initialKeyDerivationDataIsTheDocumentedBlock() {
        // REFERENCE §1.2: IK derivation data 01018001000200801234567890123456, encrypted under the BDK.
        byte[] expected = Ciphers.aesEcbEncrypt(BDK, decode("01018001000200801234567890123456"));
        assertThat(AesDukpt.initialKey(BDK, IKID)).isEqualTo(expected);
    }

    @Test
    void aes256InitialKey() {
        byte[] bdk256 = decode("FEDCBA9876543210F1F1F1F1F1F1F1F1FEDCBA9876543210F1F1F1F1F1F1F1F1");
        assertThat(Hex.encode(AesDukpt.initialKey(bdk256, IKID)))
                .isEqualTo("CE9CE0C101D1138F97FB6CAD4DF045A7083D4EAE2D35A31789D01CCF0949550F");
    }

    @ParameterizedTest(name = "TC{0}")
    @CsvSource({
        "1, 4F21B565BAD9835E112B6465635EAE44",
        "2, 2F34D68DE10F68D38091A73B9E7C437C",
        "3, 031504E530365CF81264238540518318"
    })
    void transactionKeys(long counter, String transactionKey) throws DukptException {
        AesKsn ksn = AesKsn.of(IKID, counter);
        assertThat(Hex.encode(AesDukpt.transactionKey(INITIAL_KEY, ksn))).isEqualTo(transactionKey);
        assertThat(Hex.encode(AesDukpt.hostKey(BDK, ksn, DukptKeyPurpose.TRANSACTION))).isEqualTo(transactionKey);
    }

    @ParameterizedTest(name = "TC{0}")
    @CsvSource({
        "1, AF8CB133A78F8DC2D1359F18527593FB, A2DC23DE6FDE0824A2BC321E08E4B8B7, A35C412EFD41FDB98B69797C02DCD08F",
        "2, D30BDC73EC9714B000BEC66BDB7B6D09, 484C3B06E8562704528CD5B46FB12FB6, D639514AA33AC43AD9229E433D6D4E5B",
        "3, 7D69F01F3B45449F62C7816ECE723268, A5DF7D9D800CA769766F0C77CA4E6E6C, EF17F6AB45B4820C93A3DCB21BC491AD"
    })
    void pinMacAndDataWorkingKeys(long counter, String pinKey, String macKey, String dataKey) throws DukptException {
        AesKsn ksn = AesKsn.of(IKID, counter);
        assertThat(Hex.encode(AesDukpt.hostKey(BDK, ksn, DukptKeyPurpose.PIN))).isEqualTo(pinKey);
        assertThat(Hex.encode(AesDukpt.hostKey(BDK, ksn, DukptKeyPurpose.MAC))).isEqualTo(macKey);
        assertThat(Hex.encode(AesDukpt.hostKey(BDK, ksn, DukptKeyPurpose.DATA))).isEqualTo(dataKey);
    }

    @Test
    void pinWorkingKeyDerivationDataIsTheDocumentedBlock() throws DukptException {
        AesKsn ksn = AesKsn.of(IKID, 1);
        byte[] transactionKey = AesDukpt.transactionKey(INITIAL_KEY, ksn);
        byte[] expected = Ciphers.aesEcbEncrypt(transactionKey, decode("01011000000200809012345600000001"));
        assertThat(AesDukpt.workingKey(transactionKey, ksn, AesKeyUsage.PIN_ENCRYPTION, AesDukptKeyType.AES128))
                .isEqualTo(expected);
    }

    @Test
    void responseAndHmacKeysOfTc1() throws DukptException {
        AesKsn ksn = AesKsn.of(IKID, 1);
        byte[] transactionKey = AesDukpt.transactionKey(INITIAL_KEY, ksn);
        assertThat(Hex.encode(AesDukpt.hostKey(BDK, ksn, DukptKeyPurpose.MAC_RESPONSE)))
                .isEqualTo("DBB463945B286C07CD3AD82EE96FD9C9");
        assertThat(Hex.encode(AesDukpt.hostKey(BDK, ksn, DukptKeyPurpose.DATA_RESPONSE)))
                .isEqualTo("16292C6EA8F64C5420A0584BFBC577BE");
        assertThat(Hex.encode(AesDukpt.workingKey(transactionKey, ksn, AesKeyUsage.MAC_GENERATION, AesDukptKeyType.HMAC128)))
                .isEqualTo("27D99DA9C091C20DEC0D1C56244ADF8C");
        assertThat(Hex.encode(AesDukpt.workingKey(transactionKey, ksn, AesKeyUsage.MAC_VERIFICATION, AesDukptKeyType.HMAC128)))
                .isEqualTo("6123B83ED0F9F13DF07F15DF51BE7609");
    }

    @Test
    void tc1MacAndDataVectors() throws DukptException {
        AesKsn ksn = AesKsn.of(IKID, 1);
        byte[] transactionKey = AesDukpt.transactionKey(INITIAL_KEY, ksn);
        assertThat(Hex.encode(Macs.aesCmac(AesDukpt.hostKey(BDK, ksn, DukptKeyPurpose.MAC), DATA)))
                .isEqualTo("A2EB5C1C35809E58404E873C3C411E31");
        assertThat(Hex.encode(Macs.aesCmac(AesDukpt.hostKey(BDK, ksn, DukptKeyPurpose.MAC_RESPONSE), DATA)))
                .isEqualTo("DD4E1895FD9BF53D8DAF25568ABF551D");
        byte[] hmacRequestKey = AesDukpt.workingKey(transactionKey, ksn, AesKeyUsage.MAC_GENERATION, AesDukptKeyType.HMAC128);
        byte[] hmacResponseKey = AesDukpt.workingKey(transactionKey, ksn, AesKeyUsage.MAC_VERIFICATION, AesDukptKeyType.HMAC128);
        assertThat(Hex.encode(Macs.hmacSha256(hmacRequestKey, DATA)))
                .isEqualTo("B6F8B3159CD4E140159DA87A68C0FB7AF2F123D222662E98988C76386E8E8A02");
        assertThat(Hex.encode(Macs.hmacSha256(hmacResponseKey, DATA)))
                .isEqualTo("DDE7CB7BDE05AC9A934919B5D94C37954F2376BAF5D45031A56FE74D94C4B64D");
        assertThat(Hex.encode(encrypt(ksn, DukptKeyPurpose.DATA)))
                .isEqualTo("E5AFA5B408A3310E3D779C8A9A2AE29448BD5B4232582090DB703AF647205A79");
        assertThat(Hex.encode(encrypt(ksn, DukptKeyPurpose.DATA_RESPONSE)))
                .isEqualTo("84904DFC6B5201A4F1FE2EAA49E70B8C01838EF53030790FF785D630AB3916B4");
    }

    @Test
    void tc2MacAndDataVectors() throws DukptException {
        AesKsn ksn = AesKsn.of(IKID, 2);
        assertThat(Hex.encode(Macs.aesCmac(AesDukpt.hostKey(BDK, ksn, DukptKeyPurpose.MAC), DATA)))
                .isEqualTo("4D104704C53491A60944193DCAF6B411");
        assertThat(Hex.encode(Macs.aesCmac(AesDukpt.hostKey(BDK, ksn, DukptKeyPurpose.MAC_RESPONSE), DATA)))
                .isEqualTo("008CEAAE2B913BEEE76209EE9406DAC1");
        assertThat(Hex.encode(encrypt(ksn, DukptKeyPurpose.DATA)))
                .isEqualTo("A17A9658EE0F451D6CA11B65B592EF9C5F90BB175D926F1457B63B3273042476");
    }

    @Test
    void aes256BdkGivesAes256WorkingKeysOfTwoDerivationBlocks() throws DukptException {
        byte[] bdk256 = decode("FEDCBA9876543210F1F1F1F1F1F1F1F1FEDCBA9876543210F1F1F1F1F1F1F1F1");
        AesKsn ksn = AesKsn.of(IKID, 1);
        byte[] pinKey = AesDukpt.hostKey(bdk256, ksn, DukptKeyPurpose.PIN);
        assertThat(pinKey).hasSize(32);
        byte[] transactionKey = AesDukpt.transactionKey(AesDukpt.initialKey(bdk256, IKID), ksn);
        byte[] twoBlocks = Ciphers.aesEcbEncrypt(transactionKey,
                decode("01011000000401009012345600000001" + "01021000000401009012345600000001"));
        assertThat(pinKey).isEqualTo(twoBlocks);
        byte[] aes192 = AesDukpt.workingKey(transactionKey, ksn, AesKeyUsage.PIN_ENCRYPTION, AesDukptKeyType.AES192);
        assertThat(aes192).hasSize(24);
    }

    @Test
    void workingKeysMayNotOutgrowTheirParentOrUseDerivationUsages() throws DukptException {
        AesKsn ksn = AesKsn.of(IKID, 1);
        byte[] transactionKey = AesDukpt.transactionKey(INITIAL_KEY, ksn);
        assertThatThrownBy(() -> AesDukpt.workingKey(transactionKey, ksn, AesKeyUsage.PIN_ENCRYPTION, AesDukptKeyType.AES256))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stronger than its 128-bit transaction key");
        assertThatThrownBy(() -> AesDukpt.workingKey(transactionKey, ksn, AesKeyUsage.KEY_DERIVATION, AesDukptKeyType.AES128))
                .isInstanceOf(IllegalArgumentException.class);
        // TDES keys (112-bit strength at most) may come from an AES-128 key.
        assertThat(AesDukpt.workingKey(transactionKey, ksn, AesKeyUsage.PIN_ENCRYPTION, AesDukptKeyType.TDES3)).hasSize(24);
        assertThatThrownBy(() -> AesDukpt.initialKey(new byte[20], IKID))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AES DUKPT BDK must be 16, 24 or 32 bytes, got 20");
    }

    @Test
    void keyTypeForBdkLength() {
        assertThat(AesDukptKeyType.forBdkLength(16)).isEqualTo(AesDukptKeyType.AES128);
        assertThat(AesDukptKeyType.forBdkLength(24)).isEqualTo(AesDukptKeyType.AES192);
        assertThat(AesDukptKeyType.forBdkLength(32)).isEqualTo(AesDukptKeyType.AES256);
        assertThatThrownBy(() -> AesDukptKeyType.forBdkLength(8)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] encrypt(AesKsn ksn, DukptKeyPurpose purpose) {
        return Ciphers.aesCbcEncrypt(AesDukpt.hostKey(BDK, ksn, purpose), new byte[Ciphers.AES_BLOCK_BYTES],
                Padding.padMethod1(DATA, Ciphers.AES_BLOCK_BYTES));
    }
}
