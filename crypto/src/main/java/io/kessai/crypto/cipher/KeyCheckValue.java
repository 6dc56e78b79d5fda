package io.kessai.crypto.cipher;

import io.kessai.card.Bytes;
import io.kessai.card.Hex;
import java.util.Arrays;
import org.bouncycastle.crypto.Mac;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Key check values: a few bytes that let key custodians, logs and key files show <em>which</em> key is
 * meant without revealing it.
 *
 * <p>Which convention is used where:
 * <ul>
 *   <li>{@link #tdes}: the legacy check value (ANSI X9.24-1:2017 §7.7.2) — first 3 bytes of
 *       TDES-ECB over 8 zero bytes. The only one HSMs and key ceremonies show for TDES keys.</li>
 *   <li>{@link #aes}: the CMAC check value (X9.24-1:2017 A.3, also what ANSI TR-31 / X9.143 key blocks
 *       carry) — first 5 bytes of AES-CMAC over one block of 16 zero bytes. Kessai's key store and
 *       {@link #hex} use this one for AES keys.</li>
 *   <li>{@link #aesLegacy}: first 3 bytes of AES-ECB over 16 zero bytes, only to compare with older
 *       tools and HSM screens that still print it; never used by Kessai itself.</li>
 *   <li>{@link #hmac}: X9.24-1 defines no check value for HMAC keys, so Kessai uses the CMAC rule's
 *       shape with HMAC-SHA-256: first 5 bytes of HMAC-SHA-256 over 16 zero bytes.</li>
 * </ul>
 *
 * <p>CMAC and HMAC are called through Bouncy Castle here rather than through {@code io.kessai.crypto.mac},
 * because that package builds on this one and the two must not depend on each other.
 */
public final class KeyCheckValue {
    private static final int LEGACY_CHECK_BYTES = 3;
    private static final int CMAC_CHECK_BYTES = 5;

    private KeyCheckValue() {}

    /** Legacy TDES check value: first 3 bytes of TDES-ECB(key, 00…00). */
    public static byte[] tdes(byte[] key) {
        KeyAlgorithm.TDES.requireValidLength(key);
        return firstBytes(Ciphers.tdesEcbEncrypt(key, new byte[Ciphers.DES_BLOCK_BYTES]), LEGACY_CHECK_BYTES);
    }

    /** AES check value per X9.24-1:2017 A.3: first 5 bytes of AES-CMAC(key, 16 zero bytes). */
    public static byte[] aes(byte[] key) {
        KeyAlgorithm.AES.requireValidLength(key);
        return firstBytes(macOfZeroBlock(new CMac(AESEngine.newInstance()), key), CMAC_CHECK_BYTES);
    }

    /** Legacy AES check value: first 3 bytes of AES-ECB(key, 16 zero bytes). */
    public static byte[] aesLegacy(byte[] key) {
        KeyAlgorithm.AES.requireValidLength(key);
        return firstBytes(Ciphers.aesEcbEncrypt(key, new byte[Ciphers.AES_BLOCK_BYTES]), LEGACY_CHECK_BYTES);
    }

    /** Kessai's HMAC check value: first 5 bytes of HMAC-SHA-256(key, 16 zero bytes). */
    public static byte[] hmac(byte[] key) {
        KeyAlgorithm.HMAC.requireValidLength(key);
        return firstBytes(macOfZeroBlock(new HMac(new SHA256Digest()), key), CMAC_CHECK_BYTES);
    }

    /** The check value Kessai shows for a key of this algorithm, as upper-case hex. */
    public static String hex(byte[] key, KeyAlgorithm algorithm) {
        byte[] check = switch (algorithm) {
            case TDES -> tdes(key);
            case AES -> aes(key);
            case HMAC -> hmac(key);
        };
        return Hex.encode(check);
    }

    private static byte[] macOfZeroBlock(Mac mac, byte[] key) {
        KeyParameter keyParameter = new KeyParameter(key);
        try {
            mac.init(keyParameter);
            byte[] zeros = new byte[Ciphers.AES_BLOCK_BYTES];
            mac.update(zeros, 0, zeros.length);
            byte[] out = new byte[mac.getMacSize()];
            mac.doFinal(out, 0);
            return out;
        } finally {
            // KeyParameter holds its own copy of the key; getKey() hands out that copy, so wipe it.
            Bytes.wipe(keyParameter.getKey());
        }
    }

    /** Copies the first {@code count} bytes and wipes the full output, which is key-derived. */
    private static byte[] firstBytes(byte[] full, int count) {
        byte[] head = Arrays.copyOf(full, count);
        Bytes.wipe(full);
        return head;
    }
}
