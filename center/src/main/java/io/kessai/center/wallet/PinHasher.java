package io.kessai.center.wallet;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

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
    private static final int SHA256_BLOCK_BYTES = 64;
    /** INT(1) of RFC 8018: the 32-byte hash is PBKDF2's first and only block. */
    private static final byte[] FIRST_BLOCK_INDEX = {0, 0, 0, 1};
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

    /**
     * PBKDF2-HMAC-SHA256 (RFC 8018), one 32-byte block, the PIN's characters as UTF-8: the same function and
     * bytes as the JDK's {@code PBKDF2WithHmacSHA256} (PinHasherTest checks it against the JDK), so stored
     * hashes stay valid. The JDK's HMAC hashes the padded key again in every iteration (four SHA-256 blocks
     * per iteration); here the digests after the inner and outer padded keys are computed once and copied,
     * two blocks per iteration: half the CPU per PIN check, for the owner and for the load alike.
     */
    static byte[] derive(String pin, byte[] salt, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("PBKDF2 needs at least one iteration");
        }
        byte[] key = pin.getBytes(StandardCharsets.UTF_8);
        byte[] innerPad = new byte[SHA256_BLOCK_BYTES];
        byte[] outerPad = new byte[SHA256_BLOCK_BYTES];
        try {
            MessageDigest inner = MessageDigest.getInstance("SHA-256");
            MessageDigest outer = MessageDigest.getInstance("SHA-256");
            if (key.length > SHA256_BLOCK_BYTES) {
                byte[] hashed = inner.digest(key);
                Arrays.fill(key, (byte) 0);
                key = hashed;
            }
            for (int i = 0; i < SHA256_BLOCK_BYTES; i++) {
                byte k = i < key.length ? key[i] : 0;
                innerPad[i] = (byte) (k ^ 0x36);
                outerPad[i] = (byte) (k ^ 0x5c);
            }
            inner.update(innerPad);
            outer.update(outerPad);
            // U1 = HMAC(P, S || INT(1)); U(j) = HMAC(P, U(j-1)); the result is U1 xor … xor Uc.
            MessageDigest step = (MessageDigest) inner.clone();
            step.update(salt);
            step.update(FIRST_BLOCK_INDEX);
            byte[] u = hmacOuter(outer, step.digest());
            byte[] result = u.clone();
            for (int n = 1; n < iterations; n++) {
                step = (MessageDigest) inner.clone();
                step.update(u);
                byte[] next = hmacOuter(outer, step.digest());
                Arrays.fill(u, (byte) 0);
                u = next;
                for (int i = 0; i < result.length; i++) {
                    result[i] ^= u[i];
                }
            }
            Arrays.fill(u, (byte) 0);
            return result;
        } catch (GeneralSecurityException | CloneNotSupportedException e) {
            throw new IllegalStateException("every JDK has a cloneable SHA-256", e);
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(innerPad, (byte) 0);
            Arrays.fill(outerPad, (byte) 0);
        }
    }

    private static byte[] hmacOuter(MessageDigest outer, byte[] innerDigest) throws CloneNotSupportedException {
        MessageDigest step = (MessageDigest) outer.clone();
        step.update(innerDigest);
        Arrays.fill(innerDigest, (byte) 0);
        return step.digest();
    }
}
