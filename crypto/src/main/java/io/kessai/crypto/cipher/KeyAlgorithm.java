package io.kessai.crypto.cipher;

/**
 * The algorithm a key is meant for, with the key lengths Kessai accepts for it.
 *
 * <p>A key of the wrong length is a programming or configuration error, never bad input from the wire,
 * so {@link #requireValidLength} throws {@link IllegalArgumentException}.
 */
public enum KeyAlgorithm {
    /** Two- or three-key Triple DES (ANSI X9.52; a double-length key is used as K1‖K2‖K1): 16 or 24 bytes. */
    TDES("TDES", "16 or 24", 16, 24, 8),
    /** AES-128, AES-192 or AES-256 (FIPS 197): 16, 24 or 32 bytes. */
    AES("AES", "16, 24 or 32", 16, 32, 8),
    /**
     * HMAC-SHA-256 (FIPS 198-1): 16 to 64 bytes. At least 16 because NIST SP 800-107 §5.3.4 asks for a
     * key no weaker than the strength wanted; at most 64 (the SHA-256 block) because a longer key is
     * hashed down first and so gains nothing.
     */
    HMAC("HMAC", "16 to 64", 16, 64, 1);

    private final String displayName;
    private final String allowedLengths;
    private final int minBytes;
    private final int maxBytes;
    private final int stepBytes;

    KeyAlgorithm(String displayName, String allowedLengths, int minBytes, int maxBytes, int stepBytes) {
        this.displayName = displayName;
        this.allowedLengths = allowedLengths;
        this.minBytes = minBytes;
        this.maxBytes = maxBytes;
        this.stepBytes = stepBytes;
    }

    /** Whether a key of this many bytes is valid for this algorithm. */
    public boolean isValidLength(int bytes) {
        return bytes >= minBytes && bytes <= maxBytes && (bytes - minBytes) % stepBytes == 0;
    }

    /**
     * Checks a key's length (never its content: the message names only lengths).
     *
     * @throws IllegalArgumentException if the key is null or of a length this algorithm does not take
     */
    public void requireValidLength(byte[] key) {
        if (key == null) {
            throw new IllegalArgumentException(displayName + " key is missing");
        }
        if (!isValidLength(key.length)) {
            throw new IllegalArgumentException(
                    displayName + " key must be " + allowedLengths + " bytes, got " + key.length);
        }
    }
}
