package io.kessai.crypto.hsm;

import io.kessai.crypto.envelope.KeyScheme;
import java.util.Locale;
import java.util.Optional;

/** What a stored key is for; the HSM refuses to use a key for anything else. */
public enum KeyType {
    BDK_AES128(16, true, KeyScheme.AES128_DUKPT),
    BDK_AES192(24, true, KeyScheme.AES192_DUKPT),
    BDK_AES256(32, true, KeyScheme.AES256_DUKPT),
    BDK_TDES(16, false, KeyScheme.TDES_DUKPT),
    /** Zone PIN key shared with an issuer: PIN blocks travel to it as ISO 9564 format 0 under TDES. */
    ZPK_TDES(16, false, null),
    /** Zone PIN key shared with an issuer: PIN blocks travel to it as ISO 9564 format 4 under AES. */
    ZPK_AES128(16, true, null),
    ZPK_AES256(32, true, null),
    /**
     * PIN verification key of an issuer: keys the HMAC-SHA-256 that turns PAN and PIN into the PIN
     * verification value a card account stores ({@link Hsm#pinVerificationValue}).
     */
    PVK_HMAC(32, false, null),
    /**
     * Data encryption key for stored PANs (DESIGN.md, PCI DSS 3.5.1: "a stored PAN is encrypted
     * (AES-GCM under a key from the key store)").
     */
    DEK_AES256(32, true, null),
    /** Keys the HMAC stored beside an encrypted PAN, to find a card without decrypting (PCI DSS 3.5.1.1). */
    PAN_INDEX_HMAC(32, false, null);

    private final int keyBytes;
    private final boolean aes;
    private final KeyScheme dukptScheme;

    KeyType(int keyBytes, boolean aes, KeyScheme dukptScheme) {
        this.keyBytes = keyBytes;
        this.aes = aes;
        this.dukptScheme = dukptScheme;
    }

    public int keyBytes() {
        return keyBytes;
    }

    public boolean isAes() {
        return aes;
    }

    public boolean isBdk() {
        return dukptScheme != null;
    }

    public boolean isZpk() {
        return name().startsWith("ZPK_");
    }

    public boolean isPvk() {
        return this == PVK_HMAC;
    }

    /** Keys that only this HSM ever uses: generated here, never imported or shared. */
    public boolean isLocalOnly() {
        return this == PVK_HMAC || this == DEK_AES256 || this == PAN_INDEX_HMAC;
    }

    /** The DUKPT scheme of a BDK; empty for other keys. */
    public Optional<KeyScheme> dukptScheme() {
        return Optional.ofNullable(dukptScheme);
    }

    /** The name used on the command line and in files: {@code bdk-aes128}, {@code zpk-tdes}, ... */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<KeyType> fromCliName(String name) {
        for (KeyType type : values()) {
            if (type.cliName().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    public static KeyType bdkFor(KeyScheme scheme) {
        for (KeyType type : values()) {
            if (type.dukptScheme == scheme) {
                return type;
            }
        }
        throw new IllegalArgumentException("no BDK type for " + scheme);
    }
}
