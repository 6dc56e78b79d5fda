package io.kessai.crypto.hsm;

import io.kessai.card.Bytes;
import io.kessai.card.CardDataException;
import io.kessai.card.Hex;
import io.kessai.card.Pan;
import io.kessai.crypto.cipher.JcePool;
import io.kessai.crypto.mac.Macs;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * PAN encryption and indexing inside the HSM package. The GCM associated data binds each ciphertext to
 * its purpose and key name, so a PAN sealed under one key cannot be passed off as sealed under another.
 */
final class PanVault {
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final String PURPOSE = "KESSAI-PAN1:";
    private static final byte[] INDEX_LABEL = "KESSAI-PAN-INDEX1".getBytes(StandardCharsets.US_ASCII);
    private static final String AES_GCM = "AES/GCM/NoPadding";
    /** Every use inits with a fresh nonce (encrypt) or the stored one (decrypt) before doFinal. */
    private static final JcePool<Cipher> GCM = new JcePool<>(PanVault::newGcm);

    private PanVault() {}

    static EncryptedPan encrypt(String keyName, byte[] dek, Pan pan, SecureRandom random) throws HsmException {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] clear = pan.digits().getBytes(StandardCharsets.US_ASCII);
        Cipher gcm = GCM.take();
        try {
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(dek, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            gcm.updateAAD((PURPOSE + keyName).getBytes(StandardCharsets.US_ASCII));
            return new EncryptedPan(keyName, Bytes.concat(nonce, gcm.doFinal(clear)));
        } catch (GeneralSecurityException e) {
            throw new HsmException("PAN encryption failed in the JCE provider", e);
        } finally {
            GCM.giveBack(gcm);
            Bytes.wipe(clear);
        }
    }

    static Pan decrypt(byte[] dek, EncryptedPan encrypted) throws HsmException {
        byte[] sealed = encrypted.sealed();
        if (sealed.length <= NONCE_BYTES + TAG_BITS / Byte.SIZE) {
            throw new HsmException("encrypted PAN is " + sealed.length + " bytes: too short to be one");
        }
        byte[] clear = null;
        Cipher gcm = GCM.take();
        try {
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(dek, "AES"), new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            gcm.updateAAD((PURPOSE + encrypted.keyName()).getBytes(StandardCharsets.US_ASCII));
            clear = gcm.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
            return Pan.of(new String(clear, StandardCharsets.US_ASCII));
        } catch (AEADBadTagException e) {
            throw new HsmException("encrypted PAN does not decrypt under key " + encrypted.keyName() + " (changed, or another key)");
        } catch (GeneralSecurityException e) {
            throw new HsmException("PAN decryption failed in the JCE provider", e);
        } catch (CardDataException e) {
            throw new HsmException("decrypted PAN is not valid: " + e.getMessage());
        } finally {
            GCM.giveBack(gcm);
            Bytes.wipe(clear);
            Arrays.fill(sealed, (byte) 0);
        }
    }

    private static Cipher newGcm() {
        try {
            return Cipher.getInstance(AES_GCM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no " + AES_GCM, e);
        }
    }

    static String index(byte[] key, Pan pan) {
        byte[] input = Bytes.concat(INDEX_LABEL, pan.digits().getBytes(StandardCharsets.US_ASCII));
        try {
            return Hex.encode(Macs.hmacSha256(key, input));
        } finally {
            Bytes.wipe(input);
        }
    }
}
