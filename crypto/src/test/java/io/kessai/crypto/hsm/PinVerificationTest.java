package io.kessai.crypto.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.card.Hex;
import io.kessai.card.Pan;
import io.kessai.crypto.envelope.EncryptedPinBlock;
import io.kessai.crypto.pin.PinBlockFormat;
import io.kessai.crypto.pin.PinBlocks;
import org.junit.jupiter.api.Test;

/** The issuer's side: a PIN verification value at enrolment, a PIN block checked against it later. */
class PinVerificationTest {
    private static final byte[] TDES_ZPK = Hex.decode("0123456789ABCDEFFEDCBA9876543210");
    private static final byte[] AES_ZPK = Hex.decode("00112233445566778899AABBCCDDEEFF");
    private final SoftwareHsm issuerHsm = SoftwareHsm.inMemory();

    @Test
    void theRightPinMatchesUnderEitherZoneKeyAndAWrongOneDoesNot() throws Exception {
        issuerHsm.importZpk("zpk-tdes", KeyType.ZPK_TDES, TDES_ZPK);
        issuerHsm.importZpk("zpk-aes", KeyType.ZPK_AES128, AES_ZPK);
        KeyInfo pvk = issuerHsm.generatePvk("pvk");
        assertThat(pvk.checkValue()).hasSize(10);
        Pan pan = Pan.of("4111111111111111");
        byte[] pvv = issuerHsm.pinVerificationValue("pvk", pan, "1234".toCharArray());
        assertThat(pvv).hasSize(16);

        EncryptedPinBlock iso0 = new EncryptedPinBlock(PinBlockFormat.ISO_0,
                PinBlocks.encipherTdes(TDES_ZPK, PinBlocks.encodeIso0("1234".toCharArray(), pan.digits())));
        EncryptedPinBlock iso4 = new EncryptedPinBlock(PinBlockFormat.ISO_4,
                PinBlocks.encipherIso4(AES_ZPK, "1234".toCharArray(), pan.digits(), new byte[8]));
        EncryptedPinBlock wrong = new EncryptedPinBlock(PinBlockFormat.ISO_0,
                PinBlocks.encipherTdes(TDES_ZPK, PinBlocks.encodeIso0("9999".toCharArray(), pan.digits())));

        assertThat(issuerHsm.verifyPin("zpk-tdes", iso0, pan, "pvk", pvv)).isTrue();
        assertThat(issuerHsm.verifyPin("zpk-aes", iso4, pan, "pvk", pvv)).isTrue();
        assertThat(issuerHsm.verifyPin("zpk-tdes", wrong, pan, "pvk", pvv)).isFalse();
        // Under the wrong zone key, or for another card, the block is garbage: a mismatch, not an error.
        assertThat(issuerHsm.verifyPin("zpk-aes", iso0, pan, "pvk", pvv)).isFalse();
        assertThat(issuerHsm.verifyPin("zpk-tdes", iso0, Pan.of("4012888888881881"), "pvk", pvv)).isFalse();
    }

    @Test
    void pvvsAreBoundToTheCardAndTheKey() throws Exception {
        issuerHsm.generatePvk("pvk1");
        issuerHsm.generatePvk("pvk2");
        Pan a = Pan.of("4111111111111111");
        Pan b = Pan.of("4012888888881881");
        byte[] pvv = issuerHsm.pinVerificationValue("pvk1", a, "1234".toCharArray());
        assertThat(issuerHsm.pinVerificationValue("pvk1", b, "1234".toCharArray())).isNotEqualTo(pvv);
        assertThat(issuerHsm.pinVerificationValue("pvk2", a, "1234".toCharArray())).isNotEqualTo(pvv);
        assertThat(issuerHsm.pinVerificationValue("pvk1", a, "1234".toCharArray())).isEqualTo(pvv);
    }

    @Test
    void misuseIsRefused() throws Exception {
        issuerHsm.generatePvk("pvk");
        issuerHsm.importZpk("zpk", KeyType.ZPK_TDES, TDES_ZPK);
        Pan pan = Pan.of("4111111111111111");
        assertThatThrownBy(() -> issuerHsm.pinVerificationValue("pvk", pan, "12".toCharArray()))
                .isInstanceOf(HsmException.class).hasMessage("a PIN must be 4 to 12 digits");
        assertThatThrownBy(() -> issuerHsm.pinVerificationValue("zpk", pan, "1234".toCharArray()))
                .isInstanceOf(HsmException.class).hasMessage("key zpk is a zpk-tdes, not a PIN verification key");
        assertThatThrownBy(() -> issuerHsm.verifyPin("pvk", new EncryptedPinBlock(PinBlockFormat.ISO_0, new byte[8]), pan, "pvk", new byte[16]))
                .isInstanceOf(HsmException.class).hasMessage("key pvk is a pvk-hmac, not a zone PIN key");
    }
}
