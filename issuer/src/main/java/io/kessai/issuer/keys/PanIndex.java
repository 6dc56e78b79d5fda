package io.kessai.issuer.keys;

import io.kessai.crypto.files.OwnerOnlyFiles;
import io.kessai.card.Bytes;
import io.kessai.card.Hex;
import io.kessai.card.Pan;
import io.kessai.issuer.ledger.PanKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a PAN into the {@link PanKey} the issuer stores instead of it: the first 16 bytes of
 * HMAC-SHA-256(index key, PAN digits). The 32-byte index key lives in the issuer's data directory
 * ({@value #FILE_NAME}, 64 hex digits, mode 0600), created on first start. Without it the stored keys
 * cannot be tied to a PAN, not even by trying all PANs of a BIN; with it, a lost key file means the
 * accounts file must be loaded again into a new store. Thread-safe: a small pool of Mac instances.
 */
public final class PanIndex {
    public static final String FILE_NAME = "pan-index.key";
    static final int KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";
    /** Bound on the pool: more than the threads that decide at once ever need. */
    private static final int MAX_POOLED_MACS = 64;

    private final SecretKeySpec key;
    private final ConcurrentLinkedQueue<Mac> pool = new ConcurrentLinkedQueue<>();

    private PanIndex(byte[] keyBytes) {
        this.key = new SecretKeySpec(keyBytes, ALGORITHM);
        Bytes.wipe(keyBytes);
    }

    /** Opens the key file in {@code directory}, creating it (mode 0600) when absent. */
    public static PanIndex openOrCreate(Path directory) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            byte[] fresh = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(fresh);
            OwnerOnlyFiles.createNew(file, (Hex.encode(fresh) + "\n").getBytes(StandardCharsets.US_ASCII));
            return new PanIndex(fresh);
        }
        OwnerOnlyFiles.requireOwnerOnly(file);
        String hex = Files.readString(file, StandardCharsets.US_ASCII).strip();
        byte[] keyBytes;
        try {
            keyBytes = Hex.decode(hex);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is not hex");
        }
        if (keyBytes.length != KEY_BYTES) {
            Bytes.wipe(keyBytes);
            throw new IOException(file + " must hold " + KEY_BYTES * 2 + " hex digits");
        }
        return new PanIndex(keyBytes);
    }

    /** For tests and benchmarks: a random key that lives in memory only. */
    public static PanIndex inMemory() {
        byte[] fresh = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(fresh);
        return new PanIndex(fresh);
    }

    public PanKey keyOf(Pan pan) {
        return keyOfDigits(pan.digits());
    }

    /** The key of a digit string that may not be a valid PAN (a failed Luhn check is still a card number asked for). */
    public PanKey keyOfDigits(String digits) {
        Mac mac = pool.poll();
        if (mac == null) {
            mac = newMac();
        }
        byte[] digest = null;
        byte[] input = digits.getBytes(StandardCharsets.US_ASCII);
        try {
            digest = mac.doFinal(input);
            return PanKey.of(Arrays.copyOf(digest, PanKey.BYTES));
        } finally {
            Bytes.wipe(digest, input);
            if (pool.size() < MAX_POOLED_MACS) {
                pool.offer(mac);
            }
        }
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + ALGORITHM, e);
        }
    }
}
