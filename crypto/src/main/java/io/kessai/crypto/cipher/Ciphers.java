package io.kessai.crypto.cipher;

import io.kessai.card.Bytes;

/**
 * Raw block-cipher operations on byte arrays: AES, Triple DES and single DES, ECB and CBC, no padding.
 *
 * <p>These are building blocks for DUKPT, PIN blocks and MACs, which pad (or not) as their standards say;
 * see {@link Padding}. Every method returns a new array and leaves its inputs untouched; the caller wipes
 * its keys. A key, IV or data length that does not fit is a programming error and throws
 * {@link IllegalArgumentException} naming the lengths (never the bytes).
 */
public final class Ciphers {
    /** AES block size in bytes (FIPS 197). */
    public static final int AES_BLOCK_BYTES = 16;
    /** DES and Triple DES block size in bytes (FIPS 46-3). */
    public static final int DES_BLOCK_BYTES = 8;
    /** Single DES key length in bytes (56 key bits plus 8 parity bits). */
    public static final int DES_KEY_BYTES = 8;

    private static final int DOUBLE_LENGTH_TDES_BYTES = 16;
    private static final int TRIPLE_LENGTH_TDES_BYTES = 24;
    private static final String JCE_AES = "AES";
    private static final String JCE_TDES = "DESede";
    private static final String JCE_DES = "DES";

    private Ciphers() {}

    public static byte[] aesEcbEncrypt(byte[] key, byte[] data) {
        return aes(CipherPool.AES_ECB, true, key, null, data);
    }

    public static byte[] aesEcbDecrypt(byte[] key, byte[] data) {
        return aes(CipherPool.AES_ECB, false, key, null, data);
    }

    public static byte[] aesCbcEncrypt(byte[] key, byte[] iv, byte[] data) {
        return aes(CipherPool.AES_CBC, true, key, requireIv(iv, AES_BLOCK_BYTES), data);
    }

    public static byte[] aesCbcDecrypt(byte[] key, byte[] iv, byte[] data) {
        return aes(CipherPool.AES_CBC, false, key, requireIv(iv, AES_BLOCK_BYTES), data);
    }

    /** Triple DES ECB; a 16-byte key is used as K1‖K2‖K1 (keying option 2 of ANSI X9.52). */
    public static byte[] tdesEcbEncrypt(byte[] key16or24, byte[] data) {
        return tdes(CipherPool.TDES_ECB, true, key16or24, null, data);
    }

    public static byte[] tdesEcbDecrypt(byte[] key16or24, byte[] data) {
        return tdes(CipherPool.TDES_ECB, false, key16or24, null, data);
    }

    public static byte[] tdesCbcEncrypt(byte[] key16or24, byte[] iv, byte[] data) {
        return tdes(CipherPool.TDES_CBC, true, key16or24, requireIv(iv, DES_BLOCK_BYTES), data);
    }

    public static byte[] tdesCbcDecrypt(byte[] key16or24, byte[] iv, byte[] data) {
        return tdes(CipherPool.TDES_CBC, false, key16or24, requireIv(iv, DES_BLOCK_BYTES), data);
    }

    /** Single DES: only inside constructions that need it (DUKPT's one-way function, ISO 9797-1 MAC 3). */
    public static byte[] desEcbEncrypt(byte[] key8, byte[] data) {
        return des(CipherPool.DES_ECB, true, key8, null, data);
    }

    public static byte[] desEcbDecrypt(byte[] key8, byte[] data) {
        return des(CipherPool.DES_ECB, false, key8, null, data);
    }

    /** Single DES CBC, for the chaining part of the ISO 9797-1 algorithm 3 (retail) MAC. */
    public static byte[] desCbcEncrypt(byte[] key8, byte[] iv, byte[] data) {
        return des(CipherPool.DES_CBC, true, key8, requireIv(iv, DES_BLOCK_BYTES), data);
    }

    private static byte[] aes(CipherPool pool, boolean encrypt, byte[] key, byte[] iv, byte[] data) {
        KeyAlgorithm.AES.requireValidLength(key);
        requireWholeBlocks(data, AES_BLOCK_BYTES);
        return pool.run(encrypt, new RawSecretKey(key, JCE_AES), iv, data);
    }

    private static byte[] tdes(CipherPool pool, boolean encrypt, byte[] key, byte[] iv, byte[] data) {
        KeyAlgorithm.TDES.requireValidLength(key);
        requireWholeBlocks(data, DES_BLOCK_BYTES);
        byte[] tripleLength = key.length == DOUBLE_LENGTH_TDES_BYTES ? expandDoubleLength(key) : key;
        try {
            return pool.run(encrypt, new RawSecretKey(tripleLength, JCE_TDES), iv, data);
        } finally {
            if (tripleLength != key) {
                Bytes.wipe(tripleLength);
            }
        }
    }

    private static byte[] des(CipherPool pool, boolean encrypt, byte[] key, byte[] iv, byte[] data) {
        if (key == null || key.length != DES_KEY_BYTES) {
            throw new IllegalArgumentException(
                    "DES key must be " + DES_KEY_BYTES + " bytes, got " + (key == null ? "none" : key.length));
        }
        requireWholeBlocks(data, DES_BLOCK_BYTES);
        return pool.run(encrypt, new RawSecretKey(key, JCE_DES), iv, data);
    }

    /** K1‖K2 → K1‖K2‖K1: the JCE only takes 24-byte DESede keys (REFERENCE §1.3). */
    private static byte[] expandDoubleLength(byte[] key16) {
        byte[] key24 = new byte[TRIPLE_LENGTH_TDES_BYTES];
        System.arraycopy(key16, 0, key24, 0, DOUBLE_LENGTH_TDES_BYTES);
        System.arraycopy(key16, 0, key24, DOUBLE_LENGTH_TDES_BYTES, DES_KEY_BYTES);
        return key24;
    }

    private static void requireWholeBlocks(byte[] data, int blockBytes) {
        if (data == null) {
            throw new IllegalArgumentException("data is missing");
        }
        if (data.length % blockBytes != 0) {
            throw new IllegalArgumentException("data must be a multiple of " + blockBytes
                    + " bytes (pad it first), got " + data.length);
        }
    }

    private static byte[] requireIv(byte[] iv, int blockBytes) {
        if (iv == null || iv.length != blockBytes) {
            throw new IllegalArgumentException(
                    "IV must be " + blockBytes + " bytes, got " + (iv == null ? "none" : iv.length));
        }
        return iv;
    }
}
