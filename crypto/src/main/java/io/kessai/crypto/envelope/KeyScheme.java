package io.kessai.crypto.envelope;

import java.util.Optional;

/**
 * The DUKPT variant that sealed an envelope, as the one-byte code in its header. It fixes the KSN length,
 * the cipher block size and the MAC length, so a parser can check lengths before any key is derived.
 */
public enum KeyScheme {
    /** ANSI X9.24-3-2017 with an AES-128 BDK: AES-CBC data key, AES-CMAC. */
    AES128_DUKPT(0x01, 12, 16, 16, 16),
    /** ANSI X9.24-3-2017 with an AES-192 BDK. */
    AES192_DUKPT(0x02, 12, 16, 16, 24),
    /** ANSI X9.24-3-2017 with an AES-256 BDK. */
    AES256_DUKPT(0x03, 12, 16, 16, 32),
    /** ANSI X9.24-1-2009 TDES DUKPT: TDES-CBC data variant, ISO 9797-1 algorithm 3 MAC. */
    TDES_DUKPT(0x10, 10, 8, 8, 16);

    private final int code;
    private final int ksnBytes;
    private final int blockBytes;
    private final int macBytes;
    private final int bdkBytes;

    KeyScheme(int code, int ksnBytes, int blockBytes, int macBytes, int bdkBytes) {
        this.code = code;
        this.ksnBytes = ksnBytes;
        this.blockBytes = blockBytes;
        this.macBytes = macBytes;
        this.bdkBytes = bdkBytes;
    }

    public int code() {
        return code;
    }

    public int ksnBytes() {
        return ksnBytes;
    }

    public int blockBytes() {
        return blockBytes;
    }

    public int macBytes() {
        return macBytes;
    }

    public int bdkBytes() {
        return bdkBytes;
    }

    public boolean isAes() {
        return this != TDES_DUKPT;
    }

    public static Optional<KeyScheme> fromCode(int code) {
        for (KeyScheme scheme : values()) {
            if (scheme.code == code) {
                return Optional.of(scheme);
            }
        }
        return Optional.empty();
    }

    public static KeyScheme forAesBdk(int bdkBytes) {
        for (KeyScheme scheme : values()) {
            if (scheme.isAes() && scheme.bdkBytes == bdkBytes) {
                return scheme;
            }
        }
        throw new IllegalArgumentException("no AES DUKPT scheme for a " + bdkBytes + "-byte BDK");
    }
}
