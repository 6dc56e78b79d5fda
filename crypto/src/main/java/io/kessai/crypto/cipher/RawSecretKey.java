package io.kessai.crypto.cipher;

import java.util.Objects;
import javax.crypto.SecretKey;

/**
 * A {@link SecretKey} view over a key array its caller keeps and wipes, for handing keys to a JCE
 * provider.
 *
 * <p>Why not {@code SecretKeySpec}: it keeps a private copy of the key that nothing outside the JDK can
 * wipe, so every key ever used would linger on the heap. This view copies nothing; {@link #getEncoded()}
 * returns a fresh copy as the {@code Key} contract demands, and the JDK's SunJCE provider zeroes that copy
 * as soon as it has expanded the key. Use it for the length of one {@code init} call and wipe the array
 * afterwards; the object itself is not meant to be stored.
 */
public final class RawSecretKey implements SecretKey {
    private static final String RAW_FORMAT = "RAW";

    private final transient byte[] borrowedKey;
    private final String algorithm;

    /**
     * @param borrowedKey the caller's key bytes; not copied, so they must stay unchanged until the JCE
     *     object has been initialised
     * @param jceAlgorithm the JCE algorithm name, e.g. {@code "AES"}, {@code "DESede"}, {@code "HmacSHA256"}
     */
    public RawSecretKey(byte[] borrowedKey, String jceAlgorithm) {
        this.borrowedKey = Objects.requireNonNull(borrowedKey, "key");
        this.algorithm = Objects.requireNonNull(jceAlgorithm, "algorithm");
    }

    @Override
    public String getAlgorithm() {
        return algorithm;
    }

    @Override
    public String getFormat() {
        return RAW_FORMAT;
    }

    @Override
    public byte[] getEncoded() {
        return borrowedKey.clone();
    }

    /** Names the algorithm and length only: key bytes never appear in text. */
    @Override
    public String toString() {
        return "RawSecretKey[" + algorithm + ", " + borrowedKey.length + " bytes]";
    }
}
