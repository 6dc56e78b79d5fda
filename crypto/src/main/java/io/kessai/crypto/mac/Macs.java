package io.kessai.crypto.mac;

import io.kessai.card.Bytes;
import io.kessai.crypto.cipher.AesBlockEncryptor;
import io.kessai.crypto.cipher.JcePool;
import io.kessai.crypto.cipher.Ciphers;
import io.kessai.crypto.cipher.KeyAlgorithm;
import io.kessai.crypto.cipher.Padding;
import io.kessai.crypto.cipher.RawSecretKey;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;

/**
 * Message authentication codes: AES-CMAC (AES DUKPT, envelopes), HMAC-SHA-256 (AES DUKPT HMAC keys)
 * and the ANSI X9.19 retail MAC (TDES DUKPT). The caller wipes its keys; the key copies made here are
 * wiped, except the JCE's internal HMAC pads of the last key a thread used (see {@code CipherPool}).
 */
public final class Macs {
    /** Length of an AES-CMAC tag (RFC 4493 §2.4: the full block). */
    public static final int AES_CMAC_BYTES = 16;
    /** Length of an HMAC-SHA-256 tag. */
    public static final int HMAC_SHA256_BYTES = 32;
    /** Length of an ISO 9797-1 algorithm 3 MAC (one DES block). */
    public static final int RETAIL_MAC_BYTES = 8;

    private static final int RETAIL_MAC_KEY_BYTES = 16;
    /** RFC 4493 §2.3 constant Rb for 128-bit blocks. */
    private static final byte CMAC_RB = (byte) 0x87;
    private static final int TOP_BIT = 0x80;
    /** ISO/IEC 9797-1 padding method 2 as CMAC uses it: one 1-bit, then zeros. */
    private static final byte CMAC_PAD_FIRST_BYTE = (byte) 0x80;
    private static final String JCE_HMAC_SHA256 = "HmacSHA256";

    /** {@code Mac.getInstance} costs a provider look-up; pooled, re-initialised on each use. */
    private static final JcePool<Mac> HMAC_SHA256 = new JcePool<>(Macs::newHmacSha256);

    private Macs() {}

    /** AES-CMAC (RFC 4493, NIST SP 800-38B) with an AES-128, -192 or -256 key; 16-byte tag. */
    public static byte[] aesCmac(byte[] key, byte[] data) {
        Objects.requireNonNull(data, "data");
        int blockBytes = Ciphers.AES_BLOCK_BYTES;
        byte[] subkey = new byte[blockBytes];
        byte[] state = new byte[blockBytes];
        try (AesBlockEncryptor aes = AesBlockEncryptor.of(key)) {
            aes.encryptInPlace(subkey); // L = AES(K, 0^128)
            doubleInGf128(subkey); // K1
            int fullBlocks = data.length / blockBytes;
            boolean lastIsComplete = data.length > 0 && data.length % blockBytes == 0;
            int chainedBlocks = lastIsComplete ? fullBlocks - 1 : fullBlocks;
            for (int block = 0; block < chainedBlocks; block++) {
                xorInto(state, data, block * blockBytes, blockBytes);
                aes.encryptInPlace(state);
            }
            int lastStart = chainedBlocks * blockBytes;
            int lastLength = data.length - lastStart;
            xorInto(state, data, lastStart, lastLength);
            if (!lastIsComplete) {
                state[lastLength] ^= CMAC_PAD_FIRST_BYTE; // 10* padding
                doubleInGf128(subkey); // K2
            }
            xorInto(state, subkey, 0, blockBytes);
            aes.encryptInPlace(state);
            return state;
        } finally {
            Bytes.wipe(subkey);
        }
    }

    /** RFC 4493 §2.3: shift left one bit; if the top bit fell out, XOR the last byte with Rb = 0x87. */
    private static void doubleInGf128(byte[] block) {
        boolean carry = (block[0] & TOP_BIT) != 0;
        for (int i = 0; i < block.length - 1; i++) {
            block[i] = (byte) ((block[i] << 1) | ((block[i + 1] & 0xFF) >>> 7));
        }
        block[block.length - 1] = (byte) (block[block.length - 1] << 1);
        if (carry) {
            block[block.length - 1] ^= CMAC_RB;
        }
    }

    private static void xorInto(byte[] target, byte[] source, int offset, int length) {
        for (int i = 0; i < length; i++) {
            target[i] ^= source[offset + i];
        }
    }

    /** HMAC-SHA-256 (RFC 2104, FIPS 198-1); key 16–64 bytes (see {@link KeyAlgorithm#HMAC}); 32-byte tag. */
    public static byte[] hmacSha256(byte[] key, byte[] data) {
        KeyAlgorithm.HMAC.requireValidLength(key);
        Objects.requireNonNull(data, "data");
        Mac mac = HMAC_SHA256.take();
        try {
            mac.init(new RawSecretKey(key, JCE_HMAC_SHA256));
            return mac.doFinal(data);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("the JCE refused a valid-length HMAC key", e);
        } finally {
            HMAC_SHA256.giveBack(mac);
        }
    }

    /**
     * ISO/IEC 9797-1 MAC algorithm 3 with padding method 1 = the ANSI X9.19 retail MAC: single-DES CBC
     * under K1 over all blocks, then DES-decrypt under K2 and DES-encrypt under K1 of the last block.
     *
     * @param key16 K1‖K2
     * @return 8-byte MAC
     */
    public static byte[] iso9797Alg3(byte[] key16, byte[] data) {
        if (key16 == null || key16.length != RETAIL_MAC_KEY_BYTES) {
            throw new IllegalArgumentException("retail MAC key must be " + RETAIL_MAC_KEY_BYTES
                    + " bytes (K1‖K2), got " + (key16 == null ? "none" : key16.length));
        }
        Objects.requireNonNull(data, "data");
        byte[] k1 = Arrays.copyOfRange(key16, 0, Ciphers.DES_KEY_BYTES);
        byte[] k2 = Arrays.copyOfRange(key16, Ciphers.DES_KEY_BYTES, RETAIL_MAC_KEY_BYTES);
        byte[] padded = Padding.padMethod1(data, Ciphers.DES_BLOCK_BYTES);
        byte[] chained = null;
        byte[] lastBlock = null;
        byte[] afterK2 = null;
        try {
            chained = Ciphers.desCbcEncrypt(k1, new byte[Ciphers.DES_BLOCK_BYTES], padded);
            lastBlock = Arrays.copyOfRange(chained, chained.length - Ciphers.DES_BLOCK_BYTES, chained.length);
            afterK2 = Ciphers.desEcbDecrypt(k2, lastBlock);
            return Ciphers.desEcbEncrypt(k1, afterK2);
        } finally {
            // The padded copy may be card data; the intermediate blocks are key-dependent.
            Bytes.wipe(k1, k2, padded, chained, lastBlock, afterK2);
        }
    }

    /**
     * Compares a received MAC with the computed one in time independent of where they differ, so an
     * attacker cannot find a valid MAC byte by byte.
     *
     * @throws IllegalArgumentException if {@code expected} is empty: an empty MAC would accept anything
     */
    public static boolean verify(byte[] expected, byte[] actual) {
        Objects.requireNonNull(expected, "expected MAC");
        Objects.requireNonNull(actual, "actual MAC");
        if (expected.length == 0) {
            throw new IllegalArgumentException("expected MAC is empty");
        }
        return Bytes.constantTimeEquals(expected, actual);
    }

    private static Mac newHmacSha256() {
        try {
            return Mac.getInstance(JCE_HMAC_SHA256);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no " + JCE_HMAC_SHA256, e);
        }
    }
}
