package io.kessai.issuer.keys;

import io.kessai.crypto.hsm.Hsm;
import io.kessai.crypto.hsm.HsmException;
import io.kessai.crypto.hsm.KeyInfo;
import io.kessai.crypto.hsm.KeyType;
import io.kessai.crypto.hsm.MasterKey;
import io.kessai.crypto.hsm.SoftwareHsm;
import io.kessai.issuer.IssuerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The issuer's keys, in {@code <data>/keys/}: a software HSM key store ({@value #STORE_FILE}) under a
 * master key ({@value #MASTER_KEY_FILE}, mode 0600, or {@code $KESSAI_MASTER_KEY}), holding the zone
 * PIN key shared with the center ({@value #ZPK_NAME}) and the PIN verification key
 * ({@value #PVK_NAME}); and the PAN index key ({@link PanIndex}). Everything is created on first start.
 */
public final class IssuerKeys implements AutoCloseable {
    public static final String ZPK_NAME = "issuer-zpk";
    public static final String PVK_NAME = "issuer-pvk";
    public static final String STORE_FILE = "issuer.keystore";
    public static final String MASTER_KEY_FILE = "master.key";

    private final Hsm hsm;
    private final PanIndex panIndex;
    private final Path directory;

    private IssuerKeys(Hsm hsm, PanIndex panIndex, Path directory) {
        this.hsm = hsm;
        this.panIndex = panIndex;
        this.directory = directory;
    }

    /**
     * Opens the keys in {@code directory}, creating what is missing.
     *
     * @param masterKeyFromEnvironment the value of {@code $KESSAI_MASTER_KEY}, or null to use the file
     */
    public static IssuerKeys openOrCreate(Path directory, String masterKeyFromEnvironment) throws IssuerException {
        Path store = directory.resolve(STORE_FILE);
        Path masterFile = directory.resolve(MASTER_KEY_FILE);
        boolean fromEnvironment = masterKeyFromEnvironment != null && !masterKeyFromEnvironment.isBlank();
        SoftwareHsm hsm = null;
        try {
            Files.createDirectories(directory);
            if (Files.exists(store)) {
                hsm = SoftwareHsm.open(store, MasterKey.load(masterKeyFromEnvironment, masterFile));
            } else {
                MasterKey masterKey = fromEnvironment || Files.exists(masterFile)
                        ? MasterKey.load(masterKeyFromEnvironment, masterFile)
                        : MasterKey.generateInto(masterFile, new SecureRandom());
                hsm = SoftwareHsm.create(store, masterKey);
            }
            if (find(hsm, PVK_NAME).isEmpty()) {
                hsm.generatePvk(PVK_NAME);
            }
            return new IssuerKeys(hsm, PanIndex.openOrCreate(directory), directory);
        } catch (HsmException | IOException e) {
            if (hsm != null) {
                hsm.close();
            }
            throw new IssuerException("issuer keys in " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Puts the zone PIN key shared with the center into the store. The same key again is fine; a
     * different key under the same name is refused (compared by type and check value only).
     */
    public KeyInfo importZonePinKey(KeyType type, byte[] clearKey) throws IssuerException {
        try {
            KeyInfo offered;
            try (SoftwareHsm scratch = SoftwareHsm.inMemory()) {
                offered = scratch.importZpk(ZPK_NAME, type, clearKey);
            }
            Optional<KeyInfo> stored = find(hsm, ZPK_NAME);
            if (stored.isEmpty()) {
                return hsm.importZpk(ZPK_NAME, type, clearKey);
            }
            KeyInfo existing = stored.get();
            if (existing.type() != type || !existing.checkValue().equals(offered.checkValue())) {
                throw new IssuerException("the key store " + directory.resolve(STORE_FILE) + " already holds zone PIN key "
                        + ZPK_NAME + " (" + existing.type().cliName() + ", kcv " + existing.checkValue()
                        + "), which differs from --zpk (" + type.cliName() + ", kcv " + offered.checkValue()
                        + "): refused; use a new data directory to change it");
            }
            return existing;
        } catch (HsmException e) {
            throw new IssuerException("zone PIN key: " + e.getMessage(), e);
        }
    }

    public Optional<KeyInfo> zonePinKey() {
        return find(hsm, ZPK_NAME);
    }

    private static Optional<KeyInfo> find(Hsm hsm, String name) {
        return hsm.keys().stream().filter(key -> key.name().equals(name)).findFirst();
    }

    public Hsm hsm() {
        return hsm;
    }

    public PanIndex panIndex() {
        return panIndex;
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        hsm.close();
    }
}
