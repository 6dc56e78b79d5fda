package io.kessai.crypto.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.card.Hex;
import io.kessai.crypto.envelope.KeyScheme;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyStoreTest {
    private static final String MASTER_HEX = "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F";
    @TempDir Path dir;

    private MasterKey master() {
        return MasterKey.ofBytes(Hex.decode(MASTER_HEX));
    }

    @Test
    void keysAndReadersSurviveAReopen() throws Exception {
        Path store = dir.resolve("keys.kks");
        KeyInfo bdk;
        ReaderKeyMaterial reader;
        try (SoftwareHsm hsm = SoftwareHsm.create(store, master())) {
            bdk = hsm.generateBdk("bdk1", KeyScheme.AES128_DUKPT);
            hsm.importZpk("zpk1", KeyType.ZPK_TDES, Hex.decode("0123456789ABCDEFFEDCBA9876543210"));
            reader = hsm.injectReader("bdk1", "R-0001");
        }
        try (SoftwareHsm reopened = SoftwareHsm.open(store, master())) {
            assertThat(reopened.keys()).extracting(KeyInfo::name).containsExactly("bdk1", "zpk1");
            assertThat(reopened.keys().get(0)).isEqualTo(bdk);
            // KCV of the TDES key: the first 3 bytes of E(K, 0), a published check for this test key.
            assertThat(reopened.keys().get(1).checkValue()).hasSize(6);
            assertThat(reopened.readers()).singleElement().satisfies(r -> {
                assertThat(r.serial()).isEqualTo("R-0001");
                assertThat(r.initialKeyId()).isEqualTo(reader.initialKeyIdHex());
                assertThat(r.checkValue()).isEqualTo(reader.checkValue());
            });
            // The derivation ID counts on: the next reader gets the next one.
            ReaderKeyMaterial second = reopened.injectReader("bdk1", "R-0002");
            assertThat(second.initialKeyIdHex().substring(0, 8)).isEqualTo(bdk.keyId());
            assertThat(second.initialKeyIdHex().substring(8)).isEqualTo("00000002");
        }
    }

    @Test
    void theStoreFileHoldsNoClearKey() throws Exception {
        Path store = dir.resolve("keys.kks");
        byte[] zpk = Hex.decode("00112233445566778899AABBCCDDEEFF");
        try (SoftwareHsm hsm = SoftwareHsm.create(store, master())) {
            hsm.importZpk("zpk", KeyType.ZPK_AES128, zpk);
        }
        byte[] file = Files.readAllBytes(store);
        assertThat(Hex.encode(file)).doesNotContain(Hex.encode(zpk));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store))).isEqualTo("rw-------");
    }

    @Test
    void anotherMasterKeyOrAChangedFileDoesNotOpen() throws Exception {
        Path store = dir.resolve("keys.kks");
        try (SoftwareHsm hsm = SoftwareHsm.create(store, master())) {
            hsm.generateBdk("bdk", KeyScheme.TDES_DUKPT);
        }
        byte[] otherKey = Hex.decode(MASTER_HEX);
        otherKey[0] ^= 1;
        assertThatThrownBy(() -> SoftwareHsm.open(store, MasterKey.ofBytes(otherKey)))
                .isInstanceOf(HsmException.class).hasMessageContaining("does not open with this master key");

        byte[] bytes = Files.readAllBytes(store);
        bytes[bytes.length / 2] ^= 1;
        Files.write(store, bytes);
        assertThatThrownBy(() -> SoftwareHsm.open(store, master()))
                .isInstanceOf(HsmException.class).hasMessageContaining("the file was changed");

        Files.writeString(dir.resolve("not-a-store"), "hello");
        assertThatThrownBy(() -> SoftwareHsm.open(dir.resolve("not-a-store"), master()))
                .isInstanceOf(HsmException.class).hasMessageContaining("not a Kessai key store");
    }

    @Test
    void refusesToOverwriteAStoreOrToReuseNamesAndSerials() throws Exception {
        Path store = dir.resolve("keys.kks");
        try (SoftwareHsm hsm = SoftwareHsm.create(store, master())) {
            hsm.generateBdk("bdk", KeyScheme.AES256_DUKPT);
            assertThatThrownBy(() -> hsm.generateBdk("bdk", KeyScheme.AES128_DUKPT))
                    .isInstanceOf(HsmException.class).hasMessage("a key named bdk already exists");
            hsm.injectReader("bdk", "R-1");
            assertThatThrownBy(() -> hsm.injectReader("bdk", "R-1"))
                    .isInstanceOf(HsmException.class).hasMessageContaining("reader R-1 already has a key");
            assertThatThrownBy(() -> hsm.injectReader("nope", "R-2"))
                    .isInstanceOf(HsmException.class).hasMessage("no key named nope in the key store");
            assertThatThrownBy(() -> hsm.generateBdk("bad name!", KeyScheme.AES128_DUKPT))
                    .isInstanceOf(HsmException.class).hasMessageContaining("key name must be");
            assertThatThrownBy(() -> hsm.importZpk("z", KeyType.ZPK_AES128, new byte[5]))
                    .isInstanceOf(HsmException.class).hasMessage("zpk-aes128 must be 16 bytes, got 5");
        }
        assertThatThrownBy(() -> SoftwareHsm.create(store, master()))
                .isInstanceOf(HsmException.class).hasMessageContaining("already exists");
    }

    @Test
    void aMasterKeyFileOthersCanReadIsRefused() throws Exception {
        Path file = dir.resolve("master.key");
        MasterKey.generateInto(file, new SecureRandom()).close();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(MasterKey.fromFile(file)).isNotNull();

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> MasterKey.fromFile(file))
                .isInstanceOf(HsmException.class).hasMessageContaining("accessible to group or others").hasMessageContaining("chmod 600");
    }

    @Test
    void masterKeyFromTheEnvironmentMustBe64HexDigits() throws Exception {
        assertThat(MasterKey.load(MASTER_HEX, null)).isNotNull();
        assertThatThrownBy(() -> MasterKey.load("ABCD", null))
                .isInstanceOf(HsmException.class).hasMessageContaining("must hold 64 hex digits");
        assertThatThrownBy(() -> MasterKey.load("XY" + MASTER_HEX.substring(2), null))
                .isInstanceOf(HsmException.class).hasMessageContaining("not hex");
        assertThatThrownBy(() -> MasterKey.load(null, null))
                .isInstanceOf(HsmException.class).hasMessageContaining("no master key");
        Path file = dir.resolve("m");
        Files.writeString(file, "short", StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> MasterKey.load("", file)).isInstanceOf(HsmException.class).hasMessageContaining("hex");
    }
}
