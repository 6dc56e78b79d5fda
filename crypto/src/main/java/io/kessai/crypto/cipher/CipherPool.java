package io.kessai.crypto.cipher;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;

/**
 * Pooled JCE {@link Cipher}s, one {@link JcePool} per transformation.
 *
 * <p>Why: {@code Cipher.getInstance} costs a provider look-up (about a microsecond), more than the
 * single-block encryptions DUKPT derives its keys with. A pooled cipher is safe because every use here
 * is one {@code init} followed by its {@code doFinal}s by the one holder, and {@code init} resets
 * whatever an earlier failed call left behind.
 *
 * <p>Residue: the JCE has no call to clear a cipher, so the key schedule of the last key used stays
 * inside the pooled cipher until its next use; SunJCE zeroes it then (AESCrypt and
 * DESedeCrypt overwrite their session keys on re-initialisation). Scrubbing with a dummy key after each
 * use would double the cost of every DUKPT derivation.
 */
enum CipherPool {
    AES_ECB("AES/ECB/NoPadding"),
    AES_CBC("AES/CBC/NoPadding"),
    TDES_ECB("DESede/ECB/NoPadding"),
    TDES_CBC("DESede/CBC/NoPadding"),
    DES_ECB("DES/ECB/NoPadding"),
    DES_CBC("DES/CBC/NoPadding");

    private final String transformation;
    private final JcePool<Cipher> pool;

    CipherPool(String transformation) {
        this.transformation = transformation;
        this.pool = new JcePool<>(this::newCipher);
    }

    /** Encrypts or decrypts whole blocks; {@code iv} is null for ECB. Returns a new array. */
    byte[] run(boolean encrypt, SecretKey key, byte[] iv, byte[] data) {
        Cipher cipher = pool.take();
        int mode = encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE;
        try {
            if (iv == null) {
                cipher.init(mode, key);
            } else {
                cipher.init(mode, key, new IvParameterSpec(iv));
            }
            return cipher.doFinal(data);
        } catch (GeneralSecurityException e) {
            // Lengths were checked before we got here, so this is a broken JDK, not bad input.
            throw new IllegalStateException(transformation + " failed in the JCE provider", e);
        } finally {
            pool.giveBack(cipher);
        }
    }

    /** A pooled cipher, initialised with {@code key} for repeated {@code doFinal} calls; {@link #giveBack} it. */
    Cipher initialized(boolean encrypt, SecretKey key) {
        Cipher cipher = pool.take();
        try {
            cipher.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, key);
            return cipher;
        } catch (GeneralSecurityException e) {
            pool.giveBack(cipher);
            throw new IllegalStateException(transformation + " refused a key of checked length", e);
        }
    }

    void giveBack(Cipher cipher) {
        pool.giveBack(cipher);
    }

    private Cipher newCipher() {
        try {
            return Cipher.getInstance(transformation);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no " + transformation + " cipher", e);
        }
    }
}
