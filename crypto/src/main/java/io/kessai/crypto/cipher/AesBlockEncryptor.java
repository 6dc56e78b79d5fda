package io.kessai.crypto.cipher;

import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;

/**
 * One AES key, expanded once, encrypting single blocks in place: for constructions that chain blocks
 * themselves (AES-CMAC). Holds a pooled JCE cipher (hardware AES where the JDK has it) until
 * {@link #close}, which gives it back; no use after that.
 *
 * <p>Why not Bouncy Castle's engine: its table-driven Java AES costs about ten times the JCE's
 * intrinsic per block, and envelope MACs run for every payment.
 */
public final class AesBlockEncryptor implements AutoCloseable {
    private Cipher cipher;

    private AesBlockEncryptor(Cipher cipher) {
        this.cipher = cipher;
    }

    /** Expands {@code key} (16, 24 or 32 bytes; the caller keeps and wipes it). */
    public static AesBlockEncryptor of(byte[] key) {
        KeyAlgorithm.AES.requireValidLength(key);
        return new AesBlockEncryptor(CipherPool.AES_ECB.initialized(true, new RawSecretKey(key, "AES")));
    }

    /** Encrypts the 16 bytes of {@code block} in place. */
    public void encryptInPlace(byte[] block) {
        Objects.requireNonNull(block, "block");
        if (cipher == null) {
            throw new IllegalStateException("AES block encryptor used after close");
        }
        if (block.length != Ciphers.AES_BLOCK_BYTES) {
            throw new IllegalArgumentException("AES block must be " + Ciphers.AES_BLOCK_BYTES + " bytes, got " + block.length);
        }
        try {
            int written = cipher.doFinal(block, 0, Ciphers.AES_BLOCK_BYTES, block, 0);
            assert written == Ciphers.AES_BLOCK_BYTES : "ECB wrote " + written + " bytes for one block";
        } catch (ShortBufferException e) {
            throw new IllegalStateException("AES block output buffer refused", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/ECB failed in the JCE provider", e);
        }
    }

    /** Gives the cipher back to the pool (it keeps the key schedule until its next init, see CipherPool). */
    @Override
    public void close() {
        if (cipher != null) {
            CipherPool.AES_ECB.giveBack(cipher);
            cipher = null;
        }
    }
}
