package io.kessai.crypto.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.card.Hex;
import io.kessai.card.Pan;
import org.junit.jupiter.api.Test;

class PanVaultTest {
    private final SoftwareHsm hsm = SoftwareHsm.inMemory();

    @Test
    void encryptsDecryptsAndIndexesWithoutShowingThePan() throws Exception {
        hsm.generateLocalKey("dek1", KeyType.DEK_AES256);
        hsm.generateLocalKey("idx1", KeyType.PAN_INDEX_HMAC);
        Pan pan = Pan.of("4111111111111111");
        EncryptedPan a = hsm.encryptPan("dek1", pan);
        EncryptedPan b = hsm.encryptPan("dek1", pan);
        assertThat(a).isNotEqualTo(b).as("random nonces");
        assertThat(a.hex()).doesNotContain(Hex.encode(pan.digits().getBytes()));
        assertThat(a.toString()).doesNotContain("4111");
        assertThat(hsm.decryptPan("dek1", a)).isEqualTo(pan);
        assertThat(hsm.panIndex("idx1", pan)).hasSize(64).isEqualTo(hsm.panIndex("idx1", Pan.of("4111111111111111")))
                .isNotEqualTo(hsm.panIndex("idx1", Pan.of("4012888888881881")));
    }

    @Test
    void aChangedCiphertextOrTheWrongKeyIsRefused() throws Exception {
        hsm.generateLocalKey("dek1", KeyType.DEK_AES256);
        hsm.generateLocalKey("dek2", KeyType.DEK_AES256);
        EncryptedPan sealed = hsm.encryptPan("dek1", Pan.of("4111111111111111"));
        byte[] bytes = sealed.sealed();
        bytes[bytes.length - 1] ^= 1;
        assertThatThrownBy(() -> hsm.decryptPan("dek1", new EncryptedPan("dek1", bytes)))
                .isInstanceOf(HsmException.class).hasMessageContaining("does not decrypt");
        assertThatThrownBy(() -> hsm.decryptPan("dek2", sealed))
                .isInstanceOf(HsmException.class).hasMessage("encrypted PAN was made under key dek1, not dek2");
        assertThatThrownBy(() -> hsm.decryptPan("dek2", new EncryptedPan("dek2", sealed.sealed())))
                .isInstanceOf(HsmException.class).hasMessageContaining("does not decrypt under key dek2");
        assertThatThrownBy(() -> hsm.generateLocalKey("z", KeyType.ZPK_TDES))
                .isInstanceOf(HsmException.class).hasMessageContaining("not a local key type");
    }
}
