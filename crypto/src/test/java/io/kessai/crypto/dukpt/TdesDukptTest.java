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

/** ANSI X9.24-1:2009 A.4 vectors and the moov-io data/MAC vectors (REFERENCE §1.1). */
class TdesDukptTest {
    static final byte[] BDK = decode("0123456789ABCDEFFEDCBA9876543210");
    static final byte[] INITIAL_KSN = decode("FFFF9876543210E00000");
    static final byte[] IPEK = decode("6AC292FAA1315B4D858AB3A3D7D5933A");
    /** ISO-0 clear block for PIN 1234, PAN 4012345678909, as X9.24-1 A.4 uses it. */
    static final byte[] CLEAR_PIN_BLOCK = decode("041274EDCBA9876F");
    private static final byte[] DATA = "4012345678909D987".getBytes(StandardCharsets.US_ASCII);

    @Test
    void ipekFromBdkAndInitialKsn() throws DukptException {
        assertThat(Hex.encode(TdesDukpt.ipek(BDK, TdesKsn.parse(decode("FFFF9876543210E00001"))))).isEqualTo(Hex.encode(IPEK));
    }

    @ParameterizedTest(name = "KSN {0}")
    @CsvSource({
        "FFFF9876543210E00001, 042666B49184CFA368DE9628D0397BC9, 1B9C1845EB993A7A",
        "FFFF9876543210E00002, C46551CEF9FD24B0AA9AD834130D3BC7, 10A01C8D02C69107",
        "FFFF9876543210E00003, 0DF3D9422ACA56E547676D07AD6BADFA, 18DC07B94797B466",
        "FFFF9876543210E00004, 279C0F6AEED0BE652B2C733E1383AE91, 0BC79509D5645DF7",
        "FFFF9876543210E00005, 5F8DC6D2C845C125508DDC048093B83F, 5BC0AF22AD87B327",
        "FFFF9876543210E00006, 5E415CB0BAF9F03CD0C14B63FB62FF43, A16DF70AE36158D8",
        "FFFF9876543210E00007, 0C8F780B7C8B49D0AE84A9EB2A6CE660, 27711C16CB257F8E",
        "FFFF9876543210E00008, 27F66D5244FF62E1AA6F6120EDEB4280, 50E55547A5027551",
        "FFFF9876543210E00009, 27E31064FDC565698900E2057F658E7E, 536CF7F678ACFC8D",
        "FFFF9876543210E0000A, 6CF2500A22507C7CC776CEADC1E33014, EDABBA23221833FE",
        "FFFF9876543210E0000B, 3E8260BA04B2D620C01482B3819A18B7, 2328981C57B4BDBA",
        "FFFF9876543210E0000C, B716E1E11CF53D80726CAEE75C3A624F, 038D03CC926CF286",
        "FFFF9876543210E0000D, E072EDF95340535FB6C581C58FBF2533, 6C8AA97088B62C68",
        "FFFF9876543210E0000E, A80046087F5B8F245AAD95E18429084F, F17C9E1D72CD4950",
        "FFFF9876543210E0000F, 93DD5B956C4878472E453AAEFD32A5AA, B170F6E7F7F2F64A",
        "FFFF9876543210E00010, 59598DCBD9BD94C094165CE453585F57, D5D9638559EF53D6",
        "FFFF9876543210E00011, 2B5F01F4F0CC05EA639D523231BF1BA2, D544F8CDD292C863",
        "FFFF9876543210E00012, 9CF640F279C2AEE615F725EEEAC2CBAF, 7A21BD10F36DC41D",
        "FFFF9876543210E00013, C3DF489FDF1153B4F03DE97C27DC4C2F, 78649BD17D0DFA60",
        "FFFF9876543210E00014, 658488507721B3F14737FA93F923CBD2, 7E7E16EA0C31AD56",
        "FFFF9876543210E00015, E161D1956A61F6D2F37AFD7F9CC3699A, 72105C22EBC791E6",
        "FFFF9876543210EFFC00, F9430DF975082491C77BE4EF4FDB91EE, DEFC6F09F8927B71",
        "FFFF9876543210F00000, AA4D58DB653EC74A48C75F2F047DD2B5, 73EC88AD0AC5830E"
    })
    void transactionKeyAndEncryptedPinBlock(String ksnHex, String transactionKey, String encryptedPinBlock)
            throws DukptException {
        TdesKsn ksn = TdesKsn.parse(decode(ksnHex));
        assertThat(Hex.encode(TdesDukpt.transactionKey(IPEK, ksn))).isEqualTo(transactionKey);
        assertThat(Hex.encode(TdesDukpt.hostKey(BDK, ksn, DukptKeyPurpose.TRANSACTION))).isEqualTo(transactionKey);
        byte[] pinKey = TdesDukpt.hostKey(BDK, ksn, DukptKeyPurpose.PIN);
        assertThat(Hex.encode(Ciphers.tdesEcbEncrypt(pinKey, CLEAR_PIN_BLOCK))).isEqualTo(encryptedPinBlock);
    }

    @ParameterizedTest(name = "TC{0} PIN key")
    @CsvSource({
        "1, 042666B49184CF5C68DE9628D0397B36",
        "2, C46551CEF9FD244FAA9AD834130D3B38",
        "3, 0DF3D9422ACA561A47676D07AD6BAD05"
    })
    void pinWorkingKeys(long counter, String pinKey) throws DukptException {
        TdesKsn ksn = TdesKsn.of(INITIAL_KSN, counter);
        assertThat(Hex.encode(TdesDukpt.hostKey(BDK, ksn, DukptKeyPurpose.PIN))).isEqualTo(pinKey);
    }

    @Test
    void dataKeyIsTheSelfEncryptedVariant() throws DukptException {
        TdesKsn ksn = TdesKsn.of(INITIAL_KSN, 1);
        assertThat(Hex.encode(TdesDukpt.hostKey(BDK, ksn, DukptKeyPurpose.DATA)))
                .isEqualTo("448D3F076D8304036A55A3D7E0055A78");
    }

    @ParameterizedTest(name = "TC{0}")
    @CsvSource({
        "1, FC0D53B7EA1FDA9EE68AAF2E70D9B9506229BE2AA993F04F, 1FCC89AF66222F27B903898BB2BC8589CDBFDE5EC6AFCC25,"
                + " 9CCC78173FC4FB64, 20364223C1FF00FA",
        "2, A2B4E70F846E63D68775B7215EB4563DFD3037244C61CC13, 5B692A6B1FDD5E25B0DEFAFDE1672E402F8011360CFF3508,"
                + " F608A9BCA6FFC311, D1FCA6BEF05D24D2"
    })
    void dataAndMacVectors(long counter, String dataRequest, String dataResponse, String macRequest, String macResponse)
            throws DukptException {
        TdesKsn ksn = TdesKsn.of(INITIAL_KSN, counter);
        assertThat(Hex.encode(encrypt(ksn, DukptKeyPurpose.DATA))).isEqualTo(dataRequest);
        assertThat(Hex.encode(encrypt(ksn, DukptKeyPurpose.DATA_RESPONSE))).isEqualTo(dataResponse);
        assertThat(Hex.encode(Macs.iso9797Alg3(TdesDukpt.hostKey(BDK, ksn, DukptKeyPurpose.MAC), DATA)))
                .isEqualTo(macRequest);
        assertThat(Hex.encode(Macs.iso9797Alg3(TdesDukpt.hostKey(BDK, ksn, DukptKeyPurpose.MAC_RESPONSE), DATA)))
                .isEqualTo(macResponse);
    }

    @Test
    void keysOfTheWrongLengthAreRefused() throws DukptException {
        TdesKsn ksn = TdesKsn.of(INITIAL_KSN, 1);
        assertThatThrownBy(() -> TdesDukpt.ipek(new byte[24], ksn))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TDES DUKPT BDK must be 16 bytes (double length), got 24");
        assertThatThrownBy(() -> TdesDukpt.variant(new byte[8], DukptKeyPurpose.PIN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] encrypt(TdesKsn ksn, DukptKeyPurpose purpose) {
        return Ciphers.tdesCbcEncrypt(TdesDukpt.hostKey(BDK, ksn, purpose), new byte[Ciphers.DES_BLOCK_BYTES],
                Padding.padMethod1(DATA, Ciphers.DES_BLOCK_BYTES));
    }
}
