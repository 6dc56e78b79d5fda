package io.kessai.center.wallet;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The wallet PIN's slow salted hash: PBKDF2-HMAC-SHA256 with a 16-byte random salt per wallet. The
 * iteration count is stored beside each hash, so it can be raised for new PINs without breaking old
 * ones. This PIN unlocks the wallet at the center; it is not a card PIN and never goes to an issuer.
 */
public final class PinHasher {
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    public static final int MIN_ITERATIONS = 1_000;
    static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    static final int MIN_DIGITS = 4;
    static final int MAX_DIGITS = 6;

    private final int iterations;

    public PinHasher(int iterations) {
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("PIN hash iterations must be at least " + MIN_ITERATIONS + ", got " + iterations);
        }
        this.iterations = iterations;
    }

    public int iterations() {
        return iterations;
    }

    /** A wallet PIN is 4 to 6 digits. */
    public static boolean wellFormed(String pin) {
        return pin != null && pin.length() >= MIN_DIGITS && pin.length() <= MAX_DIGITS && pin.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    public record Hashed(byte[] hash, byte[] salt, int iterations) {}

    public Hashed hash(String pin) {
        byte[] salt = Secrets.randomBytes(SALT_BYTES);
        return new Hashed(derive(pin, salt, iterations), salt, iterations);
    }

    public static boolean matches(String pin, byte[] salt, int iterations, byte[] expected) {
        byte[] actual = derive(pin, salt, iterations);
        try {
            return MessageDigest.isEqual(actual, expected);
        } finally {
            Arrays.fill(actual, (byte) 0);
        }
    }

    static byte[] derive(String pin, byte[] salt, int iterations) {
        char[] chars = pin.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }
}
