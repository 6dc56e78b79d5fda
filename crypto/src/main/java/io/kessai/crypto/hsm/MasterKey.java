package io.kessai.crypto.hsm;

import io.kessai.crypto.files.OwnerOnlyFiles;
import io.kessai.card.Bytes;
import io.kessai.card.Hex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * The key-encryption key of the software HSM (AES-256). It comes from the environment variable
 * {@value #ENV_VARIABLE} (64 hex digits) or from a file that only its owner may read (PCI DSS 3.6.1:
 * KEKs stored apart from the keys they protect). A file readable by group or others is refused, not
 * silently used: that is the mistake this check exists for.
 */
public final class MasterKey implements AutoCloseable {
    public static final String ENV_VARIABLE = "KESSAI_MASTER_KEY";
    public static final int KEY_BYTES = 32;

    private final byte[] key;

    private MasterKey(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("master key must be " + KEY_BYTES + " bytes, got " + key.length);
        }
        this.key = key;
    }

    /** From {@value #ENV_VARIABLE} when set, else from the file; one of them must be there. */
    public static MasterKey load(String environmentValue, Path file) throws HsmException {
        if (environmentValue != null && !environmentValue.isBlank()) {
            return fromHex(environmentValue.strip(), ENV_VARIABLE);
        }
        if (file == null) {
            throw new HsmException("no master key: set " + ENV_VARIABLE + " (64 hex digits) or give a master key file (mode 0600)");
        }
        return fromFile(file);
    }

    public static MasterKey fromFile(Path file) throws HsmException {
        if (!Files.isRegularFile(file)) {
            throw new HsmException("master key file " + file + " does not exist");
        }
        checkOwnerOnly(file);
        try {
            return fromHex(Files.readString(file, StandardCharsets.US_ASCII).strip(), "master key file " + file);
        } catch (IOException e) {
            throw new HsmException("cannot read master key file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Generates a new master key into a new file created with mode 0600 (never overwrites one). */
    public static MasterKey generateInto(Path file, SecureRandom random) throws HsmException {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        try {
            byte[] hexLine = (Hex.encode(key) + "\n").getBytes(StandardCharsets.US_ASCII);
            try {
                OwnerOnlyFiles.createNew(file, hexLine);
            } finally {
                Bytes.wipe(hexLine);
            }
        } catch (IOException e) {
            Bytes.wipe(key);
            throw new HsmException("cannot create master key file " + file + ": " + e.getMessage(), e);
        }
        return new MasterKey(key);
    }

    static MasterKey ofBytes(byte[] key) {
        return new MasterKey(key.clone());
    }

    private static MasterKey fromHex(String hex, String source) throws HsmException {
        byte[] key;
        try {
            key = Hex.decode(hex);
        } catch (IllegalArgumentException e) {
            throw new HsmException(source + " is not hex: " + e.getMessage());
        }
        if (key.length != KEY_BYTES) {
            Bytes.wipe(key);
            throw new HsmException(source + " must hold " + KEY_BYTES * 2 + " hex digits (AES-256), got " + hex.length());
        }
        return new MasterKey(key);
    }

    private static void checkOwnerOnly(Path file) throws HsmException {
        try {
            OwnerOnlyFiles.requireOwnerOnly(file);
        } catch (IOException e) {
            throw new HsmException("master key file " + e.getMessage(), e);
        }
    }

    /** A copy for one cipher operation; the caller wipes it. */
    byte[] bytes() {
        return key.clone();
    }

    @Override
    public void close() {
        Bytes.wipe(key);
    }
}
